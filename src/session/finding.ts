/** Severity follows the vendor's consequence: data lost or rejected = error; metrics skewed = warning. */
export type Severity = 'error' | 'warning' | 'info'

/** Where a finding points in the capture log; null for a finding about a session as a whole. */
export interface FindingLocation {
  capture: number
  /** The event within the capture, or null for a finding about the capture itself. */
  ordinal: number | null
  frame: number | null
}

export interface Finding {
  rule: string
  severity: Severity
  message: string
  docs: string
  sessionKey: string | null
  at: FindingLocation | null
  /**
   * What the finding is about within its rule (a field and its value): findings of one rule and group in one
   * session are one finding to people, the first occurrence standing for the rest (report/fold-repeats.ts).
   */
  group?: string
  /** A later occurrence of an earlier finding of the same rule, group and session: counted once, with it. */
  repeat?: true
}

export interface Counts {
  errors: number
  warnings: number
  infos: number
}

export const ZERO_COUNTS: Counts = Object.freeze({ errors: 0, warnings: 0, infos: 0 })

export function addCounts(a: Counts, b: Counts): Counts {
  return { errors: a.errors + b.errors, warnings: a.warnings + b.warnings, infos: a.infos + b.infos }
}

/** Returns new counts with `findings` added (sign 1) or removed (sign -1). A repeat counts with its first occurrence. */
export function countFindings(counts: Counts, findings: readonly Finding[], sign: 1 | -1 = 1): Counts {
  if (findings.length === 0) return counts
  const next = { ...counts }
  for (const finding of findings) {
    if (finding.repeat) continue
    if (finding.severity === 'error') next.errors += sign
    else if (finding.severity === 'warning') next.warnings += sign
    else next.infos += sign
  }
  return next
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 }

/** True when `severity` is at least as severe as `threshold`. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return ORDER[severity] <= ORDER[threshold]
}
