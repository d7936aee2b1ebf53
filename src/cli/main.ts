/**
 * `sessionscope lint <file.har>... [--format text|json] [--fail-on error|warning|info|never]
 *                   [--main-ping-interval <s>] [--ad-ping-interval <s>]`
 * Exit status: 0 = nothing at or above --fail-on; 1 = findings at or above it; 2 = usage error or unreadable
 * input (one line on stderr, nothing on stdout).
 */
import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { fromHar, HarError } from '../report/from-har'
import type { JsonReport } from '../report/json-report'
import { toJsonReport } from '../report/json-report'
import type { FileReport } from '../report/text-report'
import { toTextReport } from '../report/text-report'
import type { Severity } from '../session/finding'
import { atLeast } from '../session/finding'
import { replay } from '../session/replay'
import type { EngineSettings } from '../session/settings'
import type { UserSettings } from '../session/user-settings'
import { DEFAULT_USER_SETTINGS, engineSettings, settingProblem } from '../session/user-settings'

const USAGE =
  'usage: sessionscope lint <file.har>... [--format text|json] [--fail-on error|warning|info|never] [--main-ping-interval 10-50] [--ad-ping-interval 1-10]'
const FORMATS = ['text', 'json'] as const
const THRESHOLDS = ['error', 'warning', 'info', 'never'] as const

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  isTTY: boolean
}

class UsageError extends Error {}

/** Runs the CLI and returns its exit status; never calls process.exit itself. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const options = parseOptions(argv)
    const reports: FileReport[] = []
    for (const file of options.files) reports.push({ file, report: await lintFile(file, options.settings) })
    io.stdout(options.format === 'json' ? `${JSON.stringify(jsonOutput(reports), null, 2)}\n` : toTextReport(reports, io.isTTY))
    return failed(reports, options.failOn) ? 1 : 0
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError) {
      io.stderr(`sessionscope: ${error.message}\n`)
      return 2
    }
    io.stderr(`sessionscope: internal error: ${error instanceof Error ? error.message : String(error)}\n`)
    return 2
  }
}

class InputError extends Error {}

async function lintFile(file: string, settings: EngineSettings): Promise<JsonReport> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new InputError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message}`)
  }
  try {
    const har = fromHar(text)
    return toJsonReport(replay(har.captures, settings, har.observedUntil))
  } catch (error) {
    if (error instanceof HarError) throw new InputError(`${file}: ${error.message}`)
    throw error
  }
}

interface Options {
  files: string[]
  format: (typeof FORMATS)[number]
  failOn: (typeof THRESHOLDS)[number]
  settings: EngineSettings
}

function parseOptions(argv: readonly string[]): Options {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        'fail-on': { type: 'string', default: 'error' },
        'main-ping-interval': { type: 'string' },
        'ad-ping-interval': { type: 'string' },
      },
    })
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (${USAGE})`)
  }
  const [command, ...files] = parsed.positionals
  if (command !== 'lint') throw new UsageError(command === undefined ? USAGE : `unknown command "${command}" (${USAGE})`)
  if (files.length === 0) throw new UsageError(`no HAR file given (${USAGE})`)
  const format = parsed.values.format
  if (!isOneOf(FORMATS, format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`)
  const failOn = parsed.values['fail-on']
  if (!isOneOf(THRESHOLDS, failOn)) throw new UsageError(`--fail-on must be one of ${THRESHOLDS.join(', ')}`)
  const user: UserSettings = {
    mainPingIntervalSeconds: seconds(parsed.values['main-ping-interval'], 'main-ping-interval', 'mainPingIntervalSeconds'),
    adPingIntervalSeconds: seconds(parsed.values['ad-ping-interval'], 'ad-ping-interval', 'adPingIntervalSeconds'),
  }
  return { files, format, failOn, settings: engineSettings(user) }
}

function seconds(value: string | undefined, flag: string, name: keyof UserSettings): number {
  if (value === undefined) return DEFAULT_USER_SETTINGS[name]
  const number = value.trim() === '' ? Number.NaN : Number(value)
  const problem = settingProblem(name, number)
  if (problem !== null) throw new UsageError(`--${flag} ${problem}, not "${value}"`)
  return number
}

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value)
}

function failed(reports: readonly FileReport[], failOn: (typeof THRESHOLDS)[number]): boolean {
  if (failOn === 'never') return false
  return reports.some(({ report }) => report.findings.some((f) => atLeast(f.severity, failOn as Severity)))
}

/** One file: the report itself. Several: one report whose sessions and findings name their file. */
function jsonOutput(reports: readonly FileReport[]): JsonReport {
  if (reports.length === 1) return reports[0]!.report
  const summary = { requests: 0, events: 0, sessions: 0, errors: 0, warnings: 0, infos: 0 }
  for (const { report } of reports) for (const key of Object.keys(summary) as Array<keyof typeof summary>) summary[key] += report.summary[key]
  return {
    tool: reports[0]!.report.tool,
    summary,
    sessions: reports.flatMap(({ file, report }) => report.sessions.map((session) => ({ file, ...session }))),
    findings: reports.flatMap(({ file, report }) => report.findings.map((finding) => ({ file, ...finding }))),
  }
}
