/** Which finding speaks for a group of findings: the first of the most severe. Pure. */
import type { Finding, Severity } from '../session/finding'

const BY_SEVERITY: readonly Severity[] = ['error', 'warning', 'info']

/** First error, else first warning, else first info; undefined for none. */
export function worstFinding<F extends Finding>(findings: readonly F[]): F | undefined {
  for (const severity of BY_SEVERITY) {
    const found = findings.find((finding) => finding.severity === severity)
    if (found) return found
  }
  return undefined
}

export function worstSeverity(findings: readonly Finding[]): Severity | undefined {
  return worstFinding(findings)?.severity
}
