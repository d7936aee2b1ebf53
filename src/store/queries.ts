/** Reads: the panel's and popup's, and the service worker's own. Only the service worker writes (store/writes.ts). */
import type { CaptureRecord, EventRecord, FindingRecord, Scope, ScopeRecord, SessionRecord } from './records'
import { database } from './db'
import { captureFrames, joinFrames, withFrames } from './frames'
import { scopeRange } from './key-ranges'

export async function listScopes(): Promise<ScopeRecord[]> {
  const scopes = await (await database()).getAll('scopes')
  return scopes.sort((a, b) => b.updatedAt - a.updatedAt)
}

/** Scopes of one kind (browser tabs or imported files), most recently updated first. */
export async function scopesOfKind(kind: ScopeRecord['kind']): Promise<ScopeRecord[]> {
  return (await listScopes()).filter((scope) => scope.kind === kind)
}

export async function getScope(scope: Scope): Promise<ScopeRecord | undefined> {
  return (await database()).get('scopes', scope)
}

/** Sessions of a scope, oldest first. */
export async function sessionsOf(scope: Scope): Promise<SessionRecord[]> {
  const sessions = await (await database()).getAllFromIndex('sessions', 'byScope', scope)
  return sessions.sort((a, b) => a.startedAt - b.startedAt || a.key.localeCompare(b.key))
}

/** Events of one session in the order the session applied them. `sessionKey` '' = events of no session. */
export async function eventsOf(scope: Scope, sessionKey: string): Promise<EventRecord[]> {
  return (await database()).getAllFromIndex('events', 'bySession', positionsAfter(scope, sessionKey, -Infinity))
}

/**
 * Up to `count` events of one session with a position after `afterPosition`, in applied order. The panel reads a
 * long session in pages like this: one read of 50,000 events blocks the page for longer than users tolerate.
 */
export async function eventsAfter(scope: Scope, sessionKey: string, afterPosition: number, count: number): Promise<EventRecord[]> {
  return (await database()).getAllFromIndex('events', 'bySession', positionsAfter(scope, sessionKey, afterPosition), count)
}

function positionsAfter(scope: Scope, sessionKey: string, afterPosition: number): IDBKeyRange {
  return IDBKeyRange.bound([scope, sessionKey, afterPosition], [scope, sessionKey, Infinity], true)
}

/** Findings pinned to events or captures of one session ('' = of no session), in capture order. */
export async function findingsOf(scope: Scope, sessionKey: string): Promise<FindingRecord[]> {
  const findings = await (await database()).getAllFromIndex('findings', 'bySession', [scope, sessionKey])
  return findings.sort((a, b) => a.capture - b.capture || a.ordinal - b.ordinal || a.index - b.index)
}

/** Every capture of a scope in seq order, WebSocket frames included. */
export async function capturesOf(scope: Scope): Promise<CaptureRecord[]> {
  const range = scopeRange(scope)
  const tx = (await database()).transaction(['captures', 'frames'])
  const [records, frames] = await Promise.all([tx.objectStore('captures').index('byScope').getAll(range), tx.objectStore('frames').index('byScope').getAll(range)])
  return joinFrames(records, frames)
}

export async function captureBySeq(seq: number): Promise<CaptureRecord | undefined> {
  const tx = (await database()).transaction(['captures', 'frames'])
  const [record, frames] = await Promise.all([tx.objectStore('captures').get(seq), tx.objectStore('frames').getAll(captureFrames(seq))])
  return record && withFrames(record, frames)
}

/** How many captures a scope holds, for retention's limits. */
export async function captureCount(scope: Scope): Promise<number> {
  const range = scopeRange(scope)
  return (await database()).countFromIndex('captures', 'byScope', range)
}

/** The highest capture seq ever stored (-1 when empty). */
export async function lastCaptureSeq(): Promise<number> {
  const cursor = await (await database()).transaction('captures').store.openCursor(null, 'prev')
  return cursor ? cursor.key : -1
}

/** The most recent captures of a scope, oldest first, WebSocket frames included. */
export async function recentCaptures(scope: Scope, limit: number): Promise<CaptureRecord[]> {
  const range = scopeRange(scope)
  const tx = (await database()).transaction(['captures', 'frames'])
  const list: CaptureRecord[] = []
  let cursor = await tx.objectStore('captures').index('byScope').openCursor(range, 'prev')
  while (cursor && list.length < limit) {
    list.push(cursor.value)
    cursor = await cursor.continue()
  }
  const frames = tx.objectStore('frames')
  return Promise.all(list.reverse().map(async (record) => (record.storedFrames === undefined ? record : withFrames(record, await frames.getAll(captureFrames(record.seq))))))
}

/** Scopes with a session that may expire at or before `until`. */
export async function scopesDueBy(until: number): Promise<ScopeRecord[]> {
  return (await database()).getAllFromIndex('scopes', 'byNextExpiry', IDBKeyRange.upperBound(until))
}

/** The earliest expiry over all scopes, or null. */
export async function earliestExpiry(): Promise<number | null> {
  const cursor = await (await database()).transaction('scopes').store.index('byNextExpiry').openCursor()
  return cursor ? cursor.value.nextExpiry : null
}
