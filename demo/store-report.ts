/**
 * The extension's own verdict on the demo tab, as the CLI prints it: the sessions and findings the worker
 * stored (read through its test hook), passed through the same JSON and text reports as `sessionscope lint`.
 * Not a replay of the captures: the idle expiry happened on the worker's clock, which only the store knows.
 */
import type { JsonReport } from '../src/report/json-report'
import { toJsonReport } from '../src/report/json-report'
import { toTextReport } from '../src/report/text-report'
import type { VerdictSummary } from '../src/session/replay'
import type { Dump } from '../test/e2e/harness/dump'

export function reportOfScope(dump: Dump, scope: string): JsonReport {
  const captures = dump.captures.filter((c) => c.scope === scope)
  const entry = new Map(captures.map((c, index) => [c.seq, index]))
  const verdict: VerdictSummary = {
    requests: captures.length,
    eventCount: dump.events.filter((e) => e.scope === scope).length,
    // The store keeps sessions by ID; people read them in the order they started.
    sessions: dump.sessions.filter((s) => s.scope === scope).sort((a, b) => a.startedAt - b.startedAt),
    findings: [
      ...dump.findings.filter((f) => f.scope === scope).sort((a, b) => a.index - b.index).map((f) => ({ ...f, sessionKey: f.sessionKey === '' ? null : f.sessionKey })),
      // About a session as a whole (it expired and went quiet): kept on the session, not pinned to a request.
      ...dump.sessions.filter((s) => s.scope === scope).flatMap((s) => s.openFindings),
    ],
  }
  return toJsonReport(verdict, (capture) => entry.get(capture) ?? null)
}

export function textReportOfScope(dump: Dump, scope: string, title: string, color: boolean): string {
  return toTextReport([{ file: title, report: reportOfScope(dump, scope) }], color)
}
