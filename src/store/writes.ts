/** Writes, for the service worker only: it is the single writer of the database. */
import type { EventResult } from '../session/engine'
import type { Finding } from '../session/finding'
import type { Session } from '../session/session'
import type { IDBPTransaction } from 'idb'
import { unwrap } from 'idb'
import { database } from './db'
import type { SessionscopeDB } from './schema'
import type { CaptureRecord, EventRecord, FindingRecord, Scope, ScopeRecord, SessionRecord } from './records'
import { sessionRecordId } from './records'
import type { FrameRange } from './frames'
import { captureWrite, unstoredFrames } from './frames'
import { scopeRange } from './key-ranges'

/** Everything that changed in one scope since the last write. */
export interface ScopeWrite {
  record: ScopeRecord
  /** Current state of changed sessions. */
  sessions: Session[]
  removedSessions: string[]
  /** Latest result per event (replaces the stored event and its findings). */
  events: EventResult[]
  /** Findings about whole captures, per capture seq (replacing earlier ones). */
  problems: Map<number, Finding[]>
  /** Stored events and findings of captures at or after this seq are deleted before writing. */
  clearFrom: number | null
}

/** Whether a write failed because the browser's storage quota for the extension is used up. */
export function isQuotaError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'QuotaExceededError'
}

/** Which of a socket's frames a write appends (by default all it does not hold yet). */
export type FramesToWrite = (capture: CaptureRecord) => FrameRange

/**
 * Writes captures and derived state in one transaction: after a crash, either all of it is there or none.
 * A failed write is aborted whole and rejects with the transaction's own error (QuotaExceededError when the
 * disk is full), not with the AbortError of whichever request noticed first.
 */
export async function writeChanges(captures: readonly CaptureRecord[], scopes: readonly ScopeWrite[], framesToWrite: FramesToWrite = unstoredFrames): Promise<void> {
  const db = await database()
  const tx = db.transaction(STORES, 'readwrite')
  try {
    await writeInto(tx, captures, scopes, framesToWrite)
  } catch (error) {
    const cause = tx.error ?? error
    try {
      tx.abort()
    } catch {
      // Already finished or aborted by the browser.
    }
    throw cause
  }
}

/** Puts only the scope records (a few hundred bytes), e.g. to show a notice when larger writes are refused. */
export async function writeScopeRecords(records: readonly ScopeRecord[]): Promise<void> {
  const tx = (await database()).transaction('scopes', 'readwrite')
  await Promise.all([...records.map((record) => tx.store.put(record)), tx.done])
}

const STORES: Array<'captures' | 'frames' | 'events' | 'findings' | 'sessions' | 'scopes'> = ['captures', 'frames', 'events', 'findings', 'sessions', 'scopes']
type WriteTransaction = IDBPTransaction<SessionscopeDB, typeof STORES, 'readwrite'>

async function writeInto(tx: WriteTransaction, captures: readonly CaptureRecord[], scopes: readonly ScopeWrite[], framesToWrite: FramesToWrite): Promise<void> {
  // Stale derived data goes first: cursor deletions run asynchronously and must not catch the new records.
  for (const write of scopes) {
    if (write.clearFrom === null) continue
    const range = scopeRange(write.record.scope, write.clearFrom)
    await Promise.all([
      deleteAll(tx.objectStore('events').index('byScope').openCursor(range)),
      deleteAll(tx.objectStore('findings').index('byScope').openCursor(range)),
    ])
  }
  const findingsUpTo = await lastCaptureWithFindings(tx)
  try {
    queueWrites(unwrap(tx), captures, scopes, findingsUpTo, framesToWrite)
  } catch (error) {
    // The transaction is aborted by the caller; its rejection is this error.
    tx.done.catch(() => {})
    throw error
  }
  await tx.done
}

/**
 * The highest capture seq with a stored finding (-1 when none). Seqs only grow, so the findings of a later
 * capture were never written and need no delete: a burst's new events then cost one request each, not two.
 */
async function lastCaptureWithFindings(tx: WriteTransaction): Promise<number> {
  const cursor = await tx.objectStore('findings').openKeyCursor(null, 'prev')
  return cursor ? cursor.key[0] : -1
}

/**
 * Queues the writes on the plain IndexedDB transaction: a burst makes thousands of requests, and a promise and
 * listeners per request cost as much as the writes. A failed request aborts the transaction, and `tx.done` says so.
 */
function queueWrites(tx: IDBTransaction, captures: readonly CaptureRecord[], scopes: readonly ScopeWrite[], findingsUpTo: number, framesToWrite: FramesToWrite): void {
  const stores = {
    captures: tx.objectStore('captures'), frames: tx.objectStore('frames'), events: tx.objectStore('events'), findings: tx.objectStore('findings'),
    sessions: tx.objectStore('sessions'), scopes: tx.objectStore('scopes'),
  }
  const replaceFindings = (capture: number, ordinal: number): void => {
    if (capture <= findingsUpTo) stores.findings.delete(IDBKeyRange.bound([capture, ordinal], [capture, ordinal, []]))
  }
  for (const capture of captures) {
    const write = captureWrite(capture, framesToWrite(capture))
    stores.captures.put(write.record)
    for (const frame of write.frames) stores.frames.put(frame)
  }
  for (const write of scopes) {
    const { scope } = write.record
    for (const result of write.events) {
      const { capture, ordinal } = result.event.origin
      stores.events.put(toEventRecord(scope, result))
      replaceFindings(capture, ordinal)
      result.findings.forEach((finding, index) => stores.findings.put(toFindingRecord(scope, finding, capture, ordinal, index)))
    }
    for (const [capture, findings] of write.problems) {
      replaceFindings(capture, -1)
      findings.forEach((finding, index) => stores.findings.put(toFindingRecord(scope, finding, capture, -1, index)))
    }
    for (const session of write.sessions) stores.sessions.put(toSessionRecord(scope, session))
    for (const key of write.removedSessions) stores.sessions.delete(sessionRecordId(scope, key))
    stores.scopes.put(write.record)
  }
}

/** Deletes a scope and everything derived from it, captures included. */
export async function deleteScope(scope: Scope): Promise<void> {
  const db = await database()
  const tx = db.transaction(STORES, 'readwrite')
  const range = scopeRange(scope)
  await Promise.all([
    deleteAll(tx.objectStore('captures').index('byScope').openCursor(range)),
    deleteAll(tx.objectStore('frames').index('byScope').openCursor(range)),
    deleteAll(tx.objectStore('events').index('byScope').openCursor(range)),
    deleteAll(tx.objectStore('findings').index('byScope').openCursor(range)),
    deleteAll(tx.objectStore('sessions').index('byScope').openCursor(scope)),
    tx.objectStore('scopes').delete(scope),
    tx.done,
  ])
}

async function deleteAll(request: Promise<{ delete(): Promise<void>; continue(): Promise<unknown> } | null>): Promise<void> {
  let cursor = await request
  while (cursor) {
    await cursor.delete()
    cursor = (await cursor.continue()) as typeof cursor
  }
}

function toEventRecord(scope: Scope, result: EventResult): EventRecord {
  const { event } = result
  const record: EventRecord = {
    scope,
    capture: event.origin.capture,
    ordinal: event.origin.ordinal,
    frame: event.origin.frame,
    sessionKey: result.sessionKey ?? '',
    position: result.position,
    protocol: event.protocol,
    type: event.type,
    role: event.role,
    sessionId: event.sessionId,
    playhead: event.playhead,
    clientTime: event.clientTime,
    observedAt: event.observedAt,
    details: event.details,
  }
  if (event.urlAction !== undefined) record.urlAction = event.urlAction
  return record
}

function toFindingRecord(scope: Scope, finding: Finding, capture: number, ordinal: number, index: number): FindingRecord {
  return { ...finding, scope, capture, ordinal, index, sessionKey: finding.sessionKey ?? '' }
}

function toSessionRecord(scope: Scope, session: Session): SessionRecord {
  return { ...session, id: sessionRecordId(scope, session.key), scope }
}

