/** The IndexedDB schema. Bump DB_VERSION and extend `upgrade` for every change; never edit a past step. */
import type { DBSchema, IDBPDatabase } from 'idb'
import type { CaptureRecord, EventRecord, FindingRecord, FrameRecord, ScopeRecord, SessionRecord } from './records'

export const DB_NAME = 'sessionscope'
export const DB_VERSION = 2

export interface SessionscopeDB extends DBSchema {
  captures: { key: number; value: CaptureRecord; indexes: { byScope: [string, number]; byWebRequestId: string } }
  events: { key: [number, number]; value: EventRecord; indexes: { bySession: [string, string, number]; byScope: [string, number] } }
  findings: { key: [number, number, number]; value: FindingRecord; indexes: { bySession: [string, string]; byScope: [string, number] } }
  sessions: { key: string; value: SessionRecord; indexes: { byScope: string } }
  scopes: { key: string; value: ScopeRecord; indexes: { byNextExpiry: number } }
  /** WebSocket frames, one record each, appended as they come (version 2; before, a socket's record held them all). */
  frames: { key: [number, number]; value: FrameRecord; indexes: { byScope: [string, number] } }
}

export function upgrade(db: IDBPDatabase<SessionscopeDB>, oldVersion: number): void {
  if (oldVersion < 1) {
    const captures = db.createObjectStore('captures', { keyPath: 'seq' })
    captures.createIndex('byScope', ['scope', 'seq'])
    captures.createIndex('byWebRequestId', 'webRequestId')
    const events = db.createObjectStore('events', { keyPath: ['capture', 'ordinal'] })
    events.createIndex('bySession', ['scope', 'sessionKey', 'position'])
    events.createIndex('byScope', ['scope', 'capture'])
    const findings = db.createObjectStore('findings', { keyPath: ['capture', 'ordinal', 'index'] })
    findings.createIndex('bySession', ['scope', 'sessionKey'])
    findings.createIndex('byScope', ['scope', 'capture'])
    const sessions = db.createObjectStore('sessions', { keyPath: 'id' })
    sessions.createIndex('byScope', 'scope')
    const scopes = db.createObjectStore('scopes', { keyPath: 'scope' })
    scopes.createIndex('byNextExpiry', 'nextExpiry')
  }
  if (oldVersion < 2) {
    // Records written before keep their frames inline; the worker moves them here the next time it writes them.
    const frames = db.createObjectStore('frames', { keyPath: ['capture', 'index'] })
    frames.createIndex('byScope', ['scope', 'capture'])
  }
}
