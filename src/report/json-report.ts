/** The JSON report of DESIGN.md ("Contracts"): the CLI's `--format json` and the panel's "copy as JSON". */
import { version } from '../../package.json'
import type { Finding, Severity } from '../session/finding'
import type { VerdictSummary } from '../session/replay'
import type { LifecycleState } from '../session/session'

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
}

/** Maps a capture `seq` to its HAR entry index; offline they are the same. */
export type EntryIndex = (capture: number) => number | null

export function toJsonReport(verdict: VerdictSummary, entryOf: EntryIndex = (capture) => capture): JsonReport {
  const findings = verdict.findings.map((finding) => toJsonFinding(finding, entryOf))
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

export function toJsonFinding(finding: Finding, entryOf: EntryIndex): JsonFinding {
  return {
    rule: finding.rule,
    severity: finding.severity,
    sessionKey: finding.sessionKey,
    entry: finding.at ? entryOf(finding.at.capture) : null,
    frame: finding.at?.frame ?? null,
    message: finding.message,
    docs: finding.docs,
  }
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
