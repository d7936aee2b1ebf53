/**
 * `sessionscope lint <file.har | pattern>... [--format text|json|junit] [--fail-on error|warning|info|never]
 *                   [--rule <id>,...] [--ignore-rule <id>,...] [--main-ping-interval <s>] [--ad-ping-interval <s>]
 *                   [--host <protocol>=<host>]...`,
 * `sessionscope --help`, `sessionscope --version`.
 * Exit status: 0 = nothing at or above --fail-on (or help, version); 1 = findings at or above it; 2 = usage error
 * or unreadable input (one line on stderr, nothing on stdout).
 */
import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { version } from '../../package.json'
import { escapeInvisible, oneLine } from '../protocols/json-body'
import type { JsonReport } from '../report/json-report'
import { toJunitReport } from '../report/junit-report'
import type { FileReport } from '../report/text-report'
import { toTextReport } from '../report/text-report'
import { atLeast } from '../session/finding'
import type { IntervalSetting } from '../session/user-settings'
import type { ProtocolId } from '../protocols/tracking-event'
import { settingProblem } from '../session/user-settings'
import { expandFiles, NoMatchError } from './files'
import { lintHar, rules } from '../library'
import type { LintOptions } from './lint-options'
import { LintError, ruleIdProblem } from './lint-options'

const USAGE =
  'usage: sessionscope lint <file.har | pattern>... [--format text|json|junit] [--fail-on error|warning|info|never] [--rule <id>] [--ignore-rule <id>] [--main-ping-interval 10-50] [--ad-ping-interval 1-10] [--host <protocol>=<host>]'
const HELP = `usage: sessionscope lint <file.har | pattern>... [options]

Rebuilds the tracking sessions in HAR files (Adobe Media Edge, Media Collection, heartbeats, GameSparks,
VideoSDK) and reports what is wrong with them. Patterns such as "captures/*.har" are expanded even when
quoted or on Windows.

options:
  --format text|json|junit   the report: text for people (the default), json, or junit XML for CI
  --fail-on <severity>       exit 1 on findings at least this severe: error (the default), warning, info or never
  --rule <id>[,<id>...]      report only these rules (repeatable)
  --ignore-rule <id>[,...]   do not report these rules (repeatable)
  --main-ping-interval <s>   the Web SDK's mainPingInterval your player sets, 10-50 seconds (default 10)
  --ad-ping-interval <s>     the Web SDK's adPingInterval your player sets, 1-10 seconds (default 10)
  --host <protocol>=<host>   also treat traffic to this host as that protocol's (a proxy, a test server);
                             repeatable; hosts: api.example.com, *.example.com, 127.0.0.1:8443
  -h, --help                 print this help
  --version                  print the version

exit status: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage error or unreadable input

rule ids:
${wrap(rules.map((rule) => rule.id), '  ', 100)}
`
const FORMATS = ['text', 'json', 'junit'] as const
const THRESHOLDS = ['error', 'warning', 'info', 'never'] as const

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  isTTY: boolean
}

class UsageError extends Error {}
class InputError extends Error {}

/** Runs the CLI and returns its exit status; never calls process.exit itself. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const command = parseCommand(argv)
    if (command.kind === 'help') {
      io.stdout(HELP)
      return 0
    }
    if (command.kind === 'version') {
      io.stdout(`${version}\n`)
      return 0
    }
    const reports: FileReport[] = []
    for (const file of files(command.files)) reports.push({ file, report: await lintFile(file, command.lint) })
    io.stdout(render(reports, command, io.isTTY))
    return failed(reports, command.failOn) ? 1 : 0
  } catch (error) {
    // Messages may name files and quote their content: printed inert, on one line.
    if (error instanceof UsageError || error instanceof InputError) {
      io.stderr(`sessionscope: ${oneLine(error.message)}\n`)
      return 2
    }
    io.stderr(`sessionscope: internal error: ${oneLine(error instanceof Error ? error.message : String(error))}\n`)
    return 2
  }
}

function render(reports: readonly FileReport[], { format, failOn }: LintCommand, isTTY: boolean): string {
  if (format === 'json') return `${escapeInvisible(JSON.stringify(jsonOutput(reports), null, 2))}\n`
  if (format === 'junit') return toJunitReport(reports, failOn)
  return toTextReport(reports, isTTY)
}

/** Words joined with ", " into indented lines of at most `width` characters. */
function wrap(words: readonly string[], indent: string, width: number): string {
  const lines = [indent]
  for (const [index, word] of words.entries()) {
    const piece = index === words.length - 1 ? word : `${word},`
    if (lines.at(-1)!.length + piece.length + 1 > width && lines.at(-1) !== indent) lines.push(indent)
    lines[lines.length - 1] += lines.at(-1) === indent ? piece : ` ${piece}`
  }
  return lines.join('\n')
}

function files(args: readonly string[]): string[] {
  try {
    return expandFiles(args)
  } catch (error) {
    if (error instanceof NoMatchError) throw new InputError(error.message)
    throw error
  }
}

async function lintFile(file: string, options: LintOptions): Promise<JsonReport> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new InputError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message}`)
  }
  try {
    return lintHar(text, options)
  } catch (error) {
    if (error instanceof LintError) throw new InputError(`${file}: ${error.message}`)
    throw error
  }
}

interface LintCommand {
  kind: 'lint'
  files: string[]
  format: (typeof FORMATS)[number]
  failOn: (typeof THRESHOLDS)[number]
  lint: LintOptions
}

type Command = LintCommand | { kind: 'help' } | { kind: 'version' }

function parseCommand(argv: readonly string[]): Command {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        'fail-on': { type: 'string', default: 'error' },
        rule: { type: 'string', multiple: true },
        'ignore-rule': { type: 'string', multiple: true },
        'main-ping-interval': { type: 'string' },
        'ad-ping-interval': { type: 'string' },
        host: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    })
  } catch (error) {
    // `--help` works even next to a mistake.
    if (argv.includes('--help') || argv.includes('-h')) return { kind: 'help' }
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (${USAGE})`)
  }
  if (parsed.values.help) return { kind: 'help' }
  if (parsed.values.version) return { kind: 'version' }
  const [command, ...files] = parsed.positionals
  if (command !== 'lint') throw new UsageError(command === undefined ? USAGE : `unknown command "${command}" (${USAGE})`)
  if (files.length === 0) throw new UsageError(`no HAR file given (${USAGE})`)
  const format = parsed.values.format
  if (!isOneOf(FORMATS, format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`)
  const failOn = parsed.values['fail-on']
  if (!isOneOf(THRESHOLDS, failOn)) throw new UsageError(`--fail-on must be one of ${THRESHOLDS.join(', ')}`)
  const lint: LintOptions = {
    rules: ruleIds(parsed.values.rule, 'rule'),
    ignoreRules: ruleIds(parsed.values['ignore-rule'], 'ignore-rule'),
  }
  // Unset flags stay unset: a Sessionscope export then keeps the settings it was judged with.
  const main = seconds(parsed.values['main-ping-interval'], 'main-ping-interval', 'mainPingIntervalSeconds')
  const ad = seconds(parsed.values['ad-ping-interval'], 'ad-ping-interval', 'adPingIntervalSeconds')
  if (main !== undefined) lint.mainPingIntervalSeconds = main
  if (ad !== undefined) lint.adPingIntervalSeconds = ad
  const hosts = hostFlags(parsed.values.host)
  if (hosts) lint.hosts = hosts
  return { kind: 'lint', files, format, failOn, lint }
}

function seconds(value: string | undefined, flag: string, name: IntervalSetting): number | undefined {
  if (value === undefined) return undefined
  const number = value.trim() === '' ? Number.NaN : Number(value)
  const problem = settingProblem(name, number)
  if (problem !== null) throw new UsageError(`--${flag} ${problem}, not "${value}"`)
  return number
}

/** `--host videosdk=127.0.0.1:8443 --host gamesparks=*.gs.example.com` → { videosdk: […], gamesparks: […] } (checked by lintHar). */
function hostFlags(values: readonly string[] | undefined): Partial<Record<ProtocolId, string[]>> | undefined {
  if (!values || values.length === 0) return undefined
  const hosts: Partial<Record<ProtocolId, string[]>> = {}
  for (const value of values) {
    const equals = value.indexOf('=')
    if (equals <= 0) throw new UsageError(`--host takes protocol=host, e.g. --host videosdk=127.0.0.1:8443, not "${value}"`)
    const protocol = value.slice(0, equals) as ProtocolId
    hosts[protocol] = [...(hosts[protocol] ?? []), ...value.slice(equals + 1).split(',').filter(Boolean)]
  }
  return hosts
}

/** `--rule a --rule b,c`: every id, checked against the registry. */
function ruleIds(values: readonly string[] | undefined, flag: string): string[] {
  const ids: string[] = []
  for (const value of values ?? []) {
    const listed = value.split(',').map((id) => id.trim()).filter((id) => id !== '')
    if (listed.length === 0) throw new UsageError(`--${flag} needs a rule id`)
    for (const id of listed) {
      const problem = ruleIdProblem(id)
      if (problem !== null) throw new UsageError(`--${flag}: ${problem}`)
    }
    ids.push(...listed)
  }
  return ids
}

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value)
}

function failed(reports: readonly FileReport[], failOn: (typeof THRESHOLDS)[number]): boolean {
  if (failOn === 'never') return false
  return reports.some(({ report }) => report.findings.some((f) => atLeast(f.severity, failOn)))
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
