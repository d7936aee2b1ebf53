import { eventId } from '../protocols/tracking-event'
import type { EventResult } from '../session/engine'
import { nextExpiry } from '../session/engine'
import type { Counts, Finding } from '../session/finding'
import { addCounts } from '../session/finding'
import type { EngineSettings } from '../session/settings'
import type { CaptureRecord, Scope, ScopeRecord, SerializedEngine } from '../store/records'
import type { ScopeWrite } from '../store/writes'
import type { Applied, ScopeState } from './scope-engine'
import { alreadyStaged } from './scope-engine'

/** What a scope has to write: its record, and the events, findings and sessions that changed since the last write. */
export interface PendingScope {
  state: ScopeState
  events: Map<string, EventResult>
  problems: Map<number, Finding[]>
  sessions: Set<string>
  removed: Set<string>
  clearFrom: number | null
}

/** Everything staged for the next write. */
export interface PendingWrites {
  captures: Map<number, CaptureRecord>
  scopes: Map<Scope, PendingScope>
}

export function pendingWrites(): PendingWrites {
  return { captures: new Map(), scopes: new Map() }
}

/** The scope's pending write; a scope with one is written even when nothing else of it changed. */
export function pendingFor(pending: PendingWrites, state: ScopeState): PendingScope {
  const scope = state.record.scope
  let scoped = pending.scopes.get(scope)
  if (!scoped) {
    scoped = { state, events: new Map(), problems: new Map(), sessions: new Set(), removed: new Set(), clearFrom: null }
    pending.scopes.set(scope, scoped)
  }
  return scoped
}

/** Adds what an application changed to the scope's pending write, in place of what it replaces. */
export function stageApplied(pending: PendingWrites, state: ScopeState, applied: Applied): void {
  const scoped = pendingFor(pending, state)
  if (applied.clearFrom !== null) {
    const from = applied.clearFrom
    scoped.clearFrom = scoped.clearFrom === null ? from : Math.min(scoped.clearFrom, from)
    for (const [id, result] of scoped.events) if (result.event.origin.capture >= from) scoped.events.delete(id)
    for (const capture of scoped.problems.keys()) if (capture >= from) scoped.problems.delete(capture)
  }
  for (const result of applied.events) if (!alreadyStaged(state, result, applied.clearFrom)) scoped.events.set(eventId(result.event.origin), result)
  for (const [capture, findings] of applied.problems) scoped.problems.set(capture, findings)
  for (const key of applied.removedSessions) {
    scoped.removed.add(key)
    scoped.sessions.delete(key)
  }
  for (const key of applied.sessions) {
    scoped.sessions.add(key)
    scoped.removed.delete(key)
  }
}

/** The store's write of a pending scope; the scope's record is brought up to date on the way. */
export function scopeWrite(scoped: PendingScope, settings: EngineSettings, now: number): ScopeWrite {
  const { state } = scoped
  state.record = refreshRecord(state, settings, now)
  return {
    record: state.record,
    sessions: [...scoped.sessions].flatMap((key) => state.engine.sessions.get(key) ?? []),
    removedSessions: [...scoped.removed],
    events: [...scoped.events.values()],
    problems: scoped.problems,
    clearFrom: scoped.clearFrom,
  }
}

/** The scope record as it should be stored now: engine internals, totals and the next expiry. */
function refreshRecord(state: ScopeState, settings: EngineSettings, now: number): ScopeRecord {
  const { engine } = state
  let counts: Counts = engine.loose
  for (const session of engine.sessions.values()) counts = addCounts(counts, session.counts)
  const serialized: SerializedEngine = { ids: [...engine.ids], windows: [...engine.windows], loose: engine.loose, began: engine.began }
  // A storage notice lives only until a write succeeds: this record is what such a write stores.
  const { storageNotice: _notice, ...record } = state.record
  return { ...record, engine: serialized, counts, sessions: engine.sessions.size, nextExpiry: nextExpiry(engine, settings), updatedAt: now }
}
