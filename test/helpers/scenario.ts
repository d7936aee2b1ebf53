import type { Har } from 'har-format'

export interface ExpectedFinding {
  rule: string
  severity: 'error' | 'warning' | 'info'
  /** HAR entry index; null for a finding about a session as a whole. */
  entry: number | null
  /** Index in the entry's `_webSocketMessages`, when the finding points at a frame. */
  frame?: number | null
  /** For a finding that stands for repeated occurrences: every entry it covers, the first included. */
  entries?: number[]
}

/**
 * A golden fixture: the HAR is written to test/fixtures/<protocol>/<name>.har and must lint to exactly
 * `expected` (rule, severity, entry, in report order).
 */
export interface Scenario {
  name: string
  har: Har
  expected: ExpectedFinding[]
}
