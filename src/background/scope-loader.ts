import { createEngine } from '../session/engine'
import { ZERO_COUNTS } from '../session/finding'
import type { Session } from '../session/session'
import { database } from '../store/db'
import type { Scope, ScopeRecord, SessionRecord } from '../store/records'
import { recentCaptures, sessionsOf } from '../store/queries'
import { emptyRecent, remember } from './merge'
import type { ScopeState } from './scope-engine'
import { noteFrames, scopeState } from './scope-engine'

const RECENT_ON_LOAD = 500

/** The scopes the worker holds in memory; one not held is read back from the store (after a restart, or once forgotten). */
export interface ScopeLoader {
  readonly states: Map<Scope, ScopeState>
  load(scope: Scope, tabId: number | null): Promise<ScopeState>
}

export function scopeLoader(now: () => number): ScopeLoader {
  const states = new Map<Scope, ScopeState>()
  return {
    states,
    async load(scope, tabId) {
      const loaded = states.get(scope)
      if (loaded) return loaded
      const state = await readScope(scope, tabId, now)
      states.set(scope, state)
      return state
    },
  }
}

/** A scope with nothing captured yet. */
export function blankScopeRecord(scope: Scope, kind: ScopeRecord['kind'], tabId: number | null, title: string, now: number): ScopeRecord {
  return {
    scope, kind, tabId, title, url: '', createdAt: now, updatedAt: now,
    engine: { ids: [], windows: [], loose: ZERO_COUNTS }, counts: ZERO_COUNTS, sessions: 0, nextExpiry: null, lastCapture: -1,
  }
}

async function readScope(scope: Scope, tabId: number | null, clock: () => number): Promise<ScopeState> {
  const db = await database()
  const now = clock()
  const record = (await db.get('scopes', scope)) ?? blankScopeRecord(scope, 'tab', tabId, '', now)
  const engine = createEngine()
  for (const session of await sessionsOf(scope)) engine.sessions.set(session.key, storedSession(session))
  engine.ids = new Map(record.engine.ids)
  engine.windows = new Map(record.engine.windows)
  engine.loose = record.engine.loose
  if (record.engine.began) engine.began = record.engine.began
  const recent = emptyRecent()
  for (const capture of await recentCaptures(scope, RECENT_ON_LOAD)) remember(recent, capture)
  const state = scopeState(record, engine, recent)
  for (const capture of recent.bySeq.values()) {
    // A stored socket's frames were applied before they were stored, and what it dropped is counted on.
    noteFrames(state, capture)
    if (capture.drops) state.drops.set(capture.seq, structuredClone(capture.drops))
  }
  return state
}

/** A stored session as the engine holds it; records written by earlier versions lack the newer fields. */
function storedSession(record: SessionRecord): Session {
  const { id: _id, scope: _scope, ...session } = record
  return { ...session, sawStart: session.sawStart ?? session.idSource === 'issued', groups: session.groups ?? [], openTimers: session.openTimers ?? [] }
}
