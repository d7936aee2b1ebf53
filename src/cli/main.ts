/**
 * `sessionscope lint <file.har>... [--format text|json] [--fail-on error|warning|info|never]`
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

const USAGE = 'usage: sessionscope lint <file.har>... [--format text|json] [--fail-on error|warning|info|never]'
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
    for (const file of options.files) reports.push({ file, report: await lintFile(file) })
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

async function lintFile(file: string): Promise<JsonReport> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new InputError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message}`)
  }
  try {
    const har = fromHar(text)
    return toJsonReport(replay(har.captures, undefined, har.observedUntil))
  } catch (error) {
    if (error instanceof HarError) throw new InputError(`${file}: ${error.message}`)
    throw error
  }
}

function parseOptions(argv: readonly string[]): { files: string[]; format: (typeof FORMATS)[number]; failOn: (typeof THRESHOLDS)[number] } {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { format: { type: 'string', default: 'text' }, 'fail-on': { type: 'string', default: 'error' } },
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
  return { files, format, failOn }
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
