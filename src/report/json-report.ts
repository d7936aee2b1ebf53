/**
 * The JSON report: the CLI's `--format json`, the library's `lintHar` and the panel's "copy as JSON". Its shape is a
 * contract with the tools that read it: a field keeps its name and meaning.
 */
import { version } from '../../package.json'
import type { Finding, Severity } from '../session/finding'
import type { VerdictSummary } from '../session/replay'
import type { LifecycleState } from '../session/session'
import { foldRepeats } from './fold-repeats'

export interface JsonReport {
  tool: { name: 'sessionscope'; version: string }
  summary: { requests: number; events: number; sessions: number; errors: number; warnings: number; infos: number }
  sessions: JsonSession[]
  findings: JsonFinding[]
}

export interface JsonSession {
  key: string
  protocol: string
  sessionId: string | null
  state: LifecycleState
  startedAt: string | null
  lastEventAt: string | null
  events: number
  errors: number
  warnings: number
  infos: number
  /** Content name, when the start carried one (additive to the contract). */
  name?: string
}

export interface JsonFinding {
  rule: string
  severity: Severity
  sessionKey: string | null
  entry: number | null
  frame: number | null
  message: string
  docs: string
  /** For a finding that stands for repeated occurrences (one rule, one field and value, one session): every entry, the first included. */
  entries?: number[]
  /** How many occurrences the finding stands for (with `entries`). */
  count?: number
}

/** Maps a capture `seq` to its HAR entry index; offline they are the same. */
export type EntryIndex = (capture: number) => number | null

export function toJsonReport(verdict: VerdictSummary, entryOf: EntryIndex = (capture) => capture): JsonReport {
  const findings = foldRepeats(verdict.findings).map(({ finding, repeats }) => toJsonFinding(finding, entryOf, repeats))
  return {
    tool: { name: 'sessionscope', version },
    summary: {
      requests: verdict.requests,
      events: verdict.eventCount,
      sessions: verdict.sessions.length,
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      infos: findings.filter((f) => f.severity === 'info').length,
    },
    sessions: verdict.sessions.map((session) => ({
      key: session.key,
      protocol: session.protocol,
      sessionId: session.sessionId,
      state: session.state,
      startedAt: iso(session.startedAt),
      lastEventAt: iso(session.lastEventAt),
      events: session.events,
      errors: session.counts.errors,
      warnings: session.counts.warnings,
      infos: session.counts.infos,
      ...(session.summary.name !== undefined ? { name: session.summary.name } : {}),
    })),
    findings,
  }
}

/** A finding in the report's shape; with its `repeats`, it stands for every occurrence (`entries`, `count`). */
export function toJsonFinding(finding: Finding, entryOf: EntryIndex, repeats: readonly Finding[] = []): JsonFinding {
  const entry = finding.at ? entryOf(finding.at.capture) : null
  const json: JsonFinding = {
    rule: finding.rule,
    severity: finding.severity,
    sessionKey: finding.sessionKey,
    entry,
    frame: finding.at?.frame ?? null,
    message: finding.message,
    docs: finding.docs,
  }
  if (repeats.length === 0) return json
  const entries = [entry, ...repeats.map((repeat) => (repeat.at ? entryOf(repeat.at.capture) : null))]
    .filter((index): index is number => index !== null)
    .sort((a, b) => a - b)
  // The first entry in the capture, whichever occurrence the vendor applied first.
  return { ...json, entry: entries[0] ?? entry, frame: entries[0] === entry ? json.frame : null, entries, count: repeats.length + 1 }
}

const LISTED_ENTRIES = 5

/** For a finding that stands for repeated occurrences: "99 times, in entries 3, 5, 7, 9, 11 and 94 more"; else null. */
export function occurrences(finding: JsonFinding): string | null {
  if (finding.count === undefined || finding.entries === undefined) return null
  const listed = finding.entries.slice(0, LISTED_ENTRIES).join(', ')
  const more = finding.entries.length - LISTED_ENTRIES
  return `${finding.count} times, in entries ${listed}${more > 0 ? ` and ${more} more` : ''}`
}

function iso(ms: number | null): string | null {
  return ms === null || !Number.isFinite(ms) ? null : new Date(ms).toISOString()
}

/**
 * The report with only the findings `keep` accepts (`--rule`, `--ignore-rule`); the summary's and every
 * session's error, warning and info counts are counted again from what is kept. Sessions stay. Pure.
 */
export function keepFindings(report: JsonReport, keep: (finding: JsonFinding) => boolean): JsonReport {
  const findings = report.findings.filter(keep)
  const bySession = new Map<string | null, JsonFinding[]>()
  for (const finding of findings) {
    const list = bySession.get(finding.sessionKey)
    if (list) list.push(finding)
    else bySession.set(finding.sessionKey, [finding])
  }
  return {
    ...report,
    summary: { ...report.summary, ...severityCounts(findings) },
    sessions: report.sessions.map((session) => ({ ...session, ...severityCounts(bySession.get(session.key) ?? []) })),
    findings,
  }
}

function severityCounts(findings: readonly JsonFinding[]): { errors: number; warnings: number; infos: number } {
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    infos: findings.filter((f) => f.severity === 'info').length,
  }
}
