/** The CLI's human-readable report. Colour is the caller's choice (on a TTY only). */
import { oneLine } from '../protocols/json-body'
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
    lines.push(paint('bold', oneLine(file)))
    if (report.summary.requests === 0) lines.push(paint('dim', '  no tracking requests found'))
    for (const session of report.sessions) {
      const counts = [plural(session.events, 'event'), plural(session.errors, 'error'), plural(session.warnings, 'warning')]
      const name = session.name === undefined ? '' : ` "${oneLine(session.name)}"`
      const id = session.sessionId === null ? '(no session ID)' : oneLine(session.sessionId)
      lines.push(`  ${oneLine(session.protocol)} ${id}${name}  ${paint('bold', oneLine(session.state))}  ${paint('dim', counts.join(', '))}`)
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
      `    ${paint(MARK_STYLE[finding.severity], `${MARK[finding.severity]} ${finding.severity}`)} ${oneLine(finding.rule)} ${paint('dim', `(${where})`)}`,
      `      ${oneLine(finding.message)}`,
      `      ${paint('dim', oneLine(finding.docs))}`,
    ]
  }
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}
