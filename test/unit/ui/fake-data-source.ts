/** An in-memory DataSource for view tests: the records a worker would have stored, and change notices on demand. */
import type { ChangeNotice } from '../../../src/shared/changes'
import type { EventRecord, FindingRecord, Scope, ScopeRecord, SessionRecord } from '../../../src/store/records'
import type { DataSource } from '../../../src/ui/data-source'

export const SCOPE: Scope = 'tab:7@test'
export const T0 = Date.parse('2026-01-15T02:00:00.000Z')

export interface FakeData {
  scope?: ScopeRecord
  sessions: SessionRecord[]
  events: EventRecord[]
  findings: FindingRecord[]
}

export interface FakeDataSource extends DataSource {
  data: FakeData
  /** How many times each query ran, to see re-reads. */
  reads: { getScope: number; sessionsOf: number; eventsOf: number; eventsAfter: number; findingsOf: number }
  cleared: Scope[]
  /** Imported scopes (listed by `imports`), and the files handed to `importHar`. */
  importedScopes: ScopeRecord[]
  importedFiles: Array<{ name: string; text: string }>
  /** Tab scopes listed by `tabs`, in the order given (the store's order is the view's to check, not the fake's). */
  tabScopes: ScopeRecord[]
  exports: Array<{ scope: Scope; redact: boolean }>
  notify(notice: ChangeNotice): void
}

export function fakeDataSource(data: FakeData): FakeDataSource {
  const listeners = new Set<(notice: ChangeNotice) => void>()
  const source: FakeDataSource = {
    data,
    reads: { getScope: 0, sessionsOf: 0, eventsOf: 0, eventsAfter: 0, findingsOf: 0 },
    cleared: [],
    importedScopes: [],
    importedFiles: [],
    tabScopes: [],
    exports: [],
    async getScope(scope) {
      source.reads.getScope++
      const record = source.data.scope?.scope === scope ? source.data.scope : source.tabScopes.find((tab) => tab.scope === scope)
      return record ? structuredClone(record) : undefined
    },
    async sessionsOf(scope) {
      source.reads.sessionsOf++
      return structuredClone(source.data.sessions.filter((session) => session.scope === scope))
    },
    async eventsOf(scope, sessionKey) {
      source.reads.eventsOf++
      return structuredClone(
        source.data.events.filter((event) => event.scope === scope && event.sessionKey === sessionKey).sort((a, b) => a.position - b.position),
      )
    },
    async eventsAfter(scope, sessionKey, afterPosition, count) {
      source.reads.eventsAfter++
      return structuredClone(
        source.data.events
          .filter((event) => event.scope === scope && event.sessionKey === sessionKey && event.position > afterPosition)
          .sort((a, b) => a.position - b.position)
          .slice(0, count),
      )
    },
    async findingsOf(scope, sessionKey) {
      source.reads.findingsOf++
      return structuredClone(source.data.findings.filter((finding) => finding.scope === scope && finding.sessionKey === sessionKey))
    },
    onChanges(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async clearScope(scope) {
      source.cleared.push(scope)
      source.tabScopes = source.tabScopes.filter((tab) => tab.scope !== scope)
      source.importedScopes = source.importedScopes.filter((record) => record.scope !== scope)
      // Only the cleared scope's records go, as in the store: clearing another tab leaves this one alone.
      const { data } = source
      source.data = {
        ...(data.scope && data.scope.scope !== scope ? { scope: data.scope } : {}),
        sessions: data.sessions.filter((record) => record.scope !== scope),
        events: data.events.filter((record) => record.scope !== scope),
        findings: data.findings.filter((record) => record.scope !== scope),
      }
    },
    async imports() {
      return structuredClone(source.importedScopes)
    },
    async tabs() {
      return structuredClone(source.tabScopes)
    },
    async importHar(name, text) {
      if (!text.trimStart().startsWith('{')) throw new Error('not valid JSON')
      source.importedFiles.push({ name, text })
      return `import:${source.importedFiles.length}`
    },
    async exportScope(scope, { redact }) {
      source.exports.push({ scope, redact })
      return { fileName: 'sessionscope-test.har', har: '{"log":{}}', report: '{"summary":{}}' }
    },
    notify(notice) {
      for (const listener of listeners) listener(notice)
    },
  }
  return source
}

export function session(key: string, fields: Partial<SessionRecord> = {}): SessionRecord {
  return {
    id: `${SCOPE}|${key}`,
    scope: SCOPE,
    key,
    protocol: 'adobe-media-edge',
    sessionId: key.split(':')[1] ?? null,
    idSource: 'issued',
    sawStart: true,
    state: 'active',
    startedAt: T0,
    lastEventAt: T0 + 65_000,
    lastPlayheadMoveAt: T0,
    endedAt: null,
    endedBy: null,
    retired: false,
    playhead: 0,
    rejection: null,
    expiry: null,
    summary: {},
    playback: 'playing',
    heldPlayhead: null,
    adBreak: null,
    ad: null,
    chapter: null,
    openTimers: [],
    states: [],
    statesSeen: [],
    lastClientTime: null,
    maxClientTime: null,
    reported: [],
    groups: [],
    events: 0,
    counts: { errors: 0, warnings: 0, infos: 0 },
    openFindings: [],
    ...fields,
  }
}

export function event(sessionKey: string, capture: number, position: number, type: string, fields: Partial<EventRecord> = {}): EventRecord {
  return {
    scope: SCOPE,
    capture,
    ordinal: 0,
    frame: null,
    sessionKey,
    position,
    protocol: 'adobe-media-edge',
    type,
    role: type === 'sessionStart' ? 'start' : type === 'sessionEnd' ? 'end' : 'event',
    sessionId: sessionKey.split(':')[1] ?? null,
    playhead: position * 10,
    clientTime: T0 + capture * 10_000,
    observedAt: T0 + capture * 10_000 + 5,
    details: { eventType: `media.${type}`, playhead: position * 10 },
    ...fields,
  }
}

export function finding(sessionKey: string, capture: number, fields: Partial<FindingRecord> & Pick<FindingRecord, 'rule' | 'severity' | 'message'>): FindingRecord {
  return {
    scope: SCOPE,
    capture,
    ordinal: 0,
    index: 0,
    sessionKey,
    docs: 'https://experienceleague.adobe.com/en/docs/media-analytics/using',
    at: { capture, ordinal: 0, frame: null },
    ...fields,
  }
}

/** A scope record as the worker stores it: a browser tab's for 'tab:…' scopes, an imported file's otherwise. */
export function scopeRecord(scope: Scope, fields: Partial<ScopeRecord> = {}): ScopeRecord {
  const tab = /^tab:(\d+)@/.exec(scope)
  return {
    scope, kind: tab ? 'tab' : 'import', tabId: tab ? Number(tab[1]) : null, title: '', url: '', createdAt: T0, updatedAt: T0,
    engine: { ids: [], windows: [], loose: { errors: 0, warnings: 0, infos: 0 } }, counts: { errors: 0, warnings: 0, infos: 0 },
    sessions: 0, nextExpiry: null, lastCapture: 0,
    ...fields,
  }
}
