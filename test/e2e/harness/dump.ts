/** Reads what the worker stored, through its test API, and reduces it to what tests compare. */
import type { CaptureRecord, EventRecord, FindingRecord, ScopeRecord, SessionRecord } from '../../../src/store/records'
import type { ExtensionBrowser } from './browser'

export interface Dump {
  captures: CaptureRecord[]
  events: EventRecord[]
  findings: FindingRecord[]
  sessions: SessionRecord[]
  scopes: ScopeRecord[]
}

export function readDump(browser: ExtensionBrowser): Promise<Dump> {
  return browser.evaluate(() => (globalThis as unknown as { __sessionscope: { dump(): Promise<Dump> } }).__sessionscope.dump(), null)
}

/** A scope's verdict with store-specific numbers (seq, ids, times) replaced by positions. */
export function outcomeOf(dump: Dump, scope: string) {
  const captures = dump.captures.filter((c) => c.scope === scope)
  const index = new Map(captures.map((c, i) => [c.seq, i]))
  return {
    captures: captures.map((c) => [c.method, new URL(c.url).pathname, [...c.sources].sort().join('+'), c.response?.status ?? null]),
    sessions: dump.sessions.filter((s) => s.scope === scope).map((s) => [s.state, s.idSource, s.events, s.counts]),
    findings: dump.findings
      .filter((f) => f.scope === scope)
      .sort((a, b) => a.capture - b.capture || a.ordinal - b.ordinal)
      .map((f) => [f.rule, index.get(f.capture) ?? null]),
  }
}
