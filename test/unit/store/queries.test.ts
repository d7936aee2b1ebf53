import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { closeDatabase, database } from '../../../src/store/db'
import { eventsAfter, eventsOf } from '../../../src/store/queries'
import type { EventRecord } from '../../../src/store/records'

const SCOPE = 'import:queries'

function record(sessionKey: string, capture: number, position: number, scope = SCOPE): EventRecord {
  return {
    scope, capture, ordinal: 0, frame: null, sessionKey, position, protocol: 'adobe-media-edge', type: 'ping', role: 'event',
    sessionId: 'sid', playhead: position, clientTime: null, observedAt: 1000 + position, details: {},
  }
}

beforeEach(async () => {
  await closeDatabase()
  indexedDB.deleteDatabase('sessionscope')
  const db = await database()
  const tx = db.transaction('events', 'readwrite')
  // Stored out of order, with a neighbouring session and scope that must not leak in.
  for (const position of [5, 1, 4, 2, 3]) await tx.store.put(record('s', 10 + position, position))
  await tx.store.put(record('t', 99, 1))
  await tx.store.put(record('s', 98, 6, 'import:other'))
  await tx.done
})
afterEach(closeDatabase)

describe('eventsAfter', () => {
  it('reads a session in pages, in applied order, each after the last position read', async () => {
    const first = await eventsAfter(SCOPE, 's', -Infinity, 2)
    expect(first.map((e) => e.position)).toEqual([1, 2])
    const second = await eventsAfter(SCOPE, 's', 2, 2)
    expect(second.map((e) => e.position)).toEqual([3, 4])
    const last = await eventsAfter(SCOPE, 's', 4, 2)
    expect(last.map((e) => e.position)).toEqual([5])
    expect(await eventsAfter(SCOPE, 's', 5, 2)).toEqual([])
    expect([...first, ...second, ...last]).toEqual(await eventsOf(SCOPE, 's'))
  })
})
