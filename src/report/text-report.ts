/** The CLI's human-readable report. Colour is the caller's choice (on a TTY only). */
import type { JsonReport } from './json-report'
import { occurrences } from './json-report'

export interface FileReport {
  file: string
  report: JsonReport
}

const STYLES = { red: 31, yellow: 33, cyan: 36, dim: 2, bold: 1, green: 32 } as const
type Style = keyof typeof STYLES

const MARK = { error: '✖', warning: '⚠', info: 'ℹ' } as const
const MARK_STYLE: Record<keyof typeof MARK, Style> = { error: 'red', warning: 'yellow', info: 'cyan' }

export function toTextReport(files: readonly FileReport[], color: boolean): string {
  const paint = (style: Style, text: string): string => (color ? `\u001b[${STYLES[style]}m${text}\u001b[0m` : text)
  const lines: string[] = []
  for (const { file, report } of files) {
    lines.push(paint('bold', file))
    if (report.summary.requests === 0) lines.push(paint('dim', '  no tracking requests found'))
    for (const session of report.sessions) {
      const counts = [plural(session.events, 'event'), plural(session.errors, 'error'), plural(session.warnings, 'warning')]
      const name = session.name === undefined ? '' : ` "${oneLine(session.name)}"`
      lines.push(`  ${session.protocol} ${session.sessionId ?? '(no session ID)'}${name}  ${paint('bold', session.state)}  ${paint('dim', counts.join(', '))}`)
      for (const finding of report.findings.filter((f) => f.sessionKey === session.key)) lines.push(...findingLines(finding))
    }
    const loose = report.findings.filter((f) => f.sessionKey === null)
    if (loose.length > 0) lines.push('  not attached to a session')
    for (const finding of loose) lines.push(...findingLines(finding))
    const s = report.summary
    const verdict = `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')}`
    lines.push(`  ${plural(s.sessions, 'session')}, ${plural(s.events, 'event')} in ${plural(s.requests, 'request')}: ${paint(s.errors > 0 ? 'red' : s.warnings > 0 ? 'yellow' : 'green', verdict)}`, '')
  }
  return lines.join('\n')

  function findingLines(finding: JsonReport['findings'][number]): string[] {
    const where = occurrences(finding) ?? (finding.entry === null ? 'session' : `entry ${finding.entry}${finding.frame === null ? '' : ` frame ${finding.frame}`}`)
    return [
      `    ${paint(MARK_STYLE[finding.severity], `${MARK[finding.severity]} ${finding.severity}`)} ${finding.rule} ${paint('dim', `(${where})`)}`,
      `      ${oneLine(finding.message)}`,
      `      ${paint('dim', finding.docs)}`,
    ]
  }
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

/** Page data may hold control characters (terminal escapes, newlines): never let them reach the terminal raw. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
