/**
 * A full disk: IndexedDB refuses the worker's writes with QuotaExceededError. Nothing may be lost: the
 * captures are held in memory, the scope shows a storage notice, retention is asked to free space, and once
 * writes succeed again everything held is stored and checked, and the notice goes.
 */
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { CaptureUpdate } from '../../../src/background/capture-update'
import type { Platform } from '../../../src/background/pipeline'
import { createPipeline } from '../../../src/background/pipeline'
import { replay } from '../../../src/session/replay'
import { DEFAULT_SETTINGS } from '../../../src/session/settings'
import { closeDatabase } from '../../../src/store/db'
import { capturesOf, findingsOf, getScope, sessionsOf } from '../../../src/store/queries'
import type { ScopeRecord } from '../../../src/store/records'

const T0 = Date.parse('2026-01-15T02:00:00.000Z')
const TAB = 5
const SCOPE = `tab:${TAB}@test`
const URL_BASE = 'http://127.0.0.1:9/ee/va/v1'

/** Makes every put into `store` fail as Chrome does when the origin's quota is used up, until `restore()`. */
function refuseWrites(store: string): { restore(): void } {
  const prototype = IDBObjectStore.prototype
  const put = prototype.put
  prototype.put = function refusingPut(this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (this.name === store) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    return put.apply(this, args)
  }
  return { restore: () => void (prototype.put = put) }
}

function updates(n: number, type: string, at: number, xdm: Record<string, unknown>, answer?: unknown): CaptureUpdate[] {
  const requestId = `q${n}`
  const url = type === 'sessionStart' ? 'http://127.0.0.1:9/ee/v1/interact?configId=ds' : `${URL_BASE}/${type}?configId=ds`
  const body = { text: JSON.stringify({ events: [{ xdm: { eventType: `media.${type}`, timestamp: new Date(T0 + at).toISOString(), ...xdm } }] }) }
  return [
    { kind: 'request', tabId: TAB, frameId: 0, requestId, url, method: 'POST', body, time: T0 + at, resourceType: 'xmlhttprequest' },
    { kind: 'hook-request', tabId: TAB, frameId: 0, message: { kind: 'request', id: requestId, via: 'fetch', url, method: 'POST', body, time: T0 + at } },
    { kind: 'response', tabId: TAB, requestId, status: answer ? 200 : 204, statusText: '', headers: [] },
    { kind: 'hook-response', tabId: TAB, frameId: 0, message: { kind: 'response', id: requestId, status: answer ? 200 : 204, statusText: '', headers: [], body: { text: answer ? JSON.stringify(answer) : '' } } },
  ]
}

const issued = { handle: [{ type: 'media-analytics:new-session', payload: [{ sessionId: 'SID' }], eventIndex: 0 }] }
const sessionStart = updates(0, 'sessionStart', 0, { mediaCollection: { playhead: 0, sessionDetails: { name: 'v', playerName: 'p', contentType: 'VOD', length: 60, channel: 'c' } } }, issued)
const event = (n: number, type: string, at: number, playhead: number): CaptureUpdate[] => updates(n, type, at, { mediaCollection: { playhead, sessionID: 'SID' } })

let refused: { restore(): void } | null = null

beforeEach(async () => {
  await closeDatabase()
  indexedDB.deleteDatabase('sessionscope')
})
afterEach(async () => {
  refused?.restore()
  refused = null
  await closeDatabase()
})

it('holds captures in memory while the disk is full, shows a storage notice, asks for space, and stores everything once writes succeed', async () => {
  const logged: unknown[] = []
  const changed: ScopeRecord[] = []
  let spaceRequests = 0
  const platform: Platform = {
    settings: async () => DEFAULT_SETTINGS,
    now: () => T0 + 60_000,
    tabInfo: async () => ({ title: 'Player', url: 'http://127.0.0.1:9/player' }),
    scopeOfTab: async (tabId) => `tab:${tabId}@test`,
    changed: (scopes) => void changed.push(...scopes),
    cleared: () => {},
    newId: () => 'id',
    scheduleExpiry: () => {},
    log: (error) => void logged.push(error),
    storageFull: () => void spaceRequests++,
  }
  const pipeline = createPipeline(platform)
  for (const update of [...sessionStart, ...event(1, 'play', 1000, 0)]) await pipeline.submit(update)
  await pipeline.flush()
  expect(await capturesOf(SCOPE)).toHaveLength(2)

  // The disk fills up: capture goes on.
  refused = refuseWrites('captures')
  for (const update of [...event(2, 'ping', 11_000, 10), ...event(3, 'pauseStart', 12_000, 11), ...event(4, 'ping', 13_000, 11)]) await pipeline.submit(update)
  await pipeline.flush()
  expect(await capturesOf(SCOPE)).toHaveLength(2)
  expect(logged.map((error) => (error as DOMException).name)).toEqual(['QuotaExceededError'])
  expect(spaceRequests).toBe(1)
  expect((await getScope(SCOPE))?.storageNotice).toEqual({ since: T0 + 60_000, held: 3 })
  expect(changed.at(-1)?.storageNotice).toEqual({ since: T0 + 60_000, held: 3 })

  // Still full: more arrives and is held too; the notice counts it and keeps its start.
  for (const update of event(5, 'play', 14_000, 11)) await pipeline.submit(update)
  await pipeline.flush()
  expect((await getScope(SCOPE))?.storageNotice).toEqual({ since: T0 + 60_000, held: 4 })
  expect(logged).toHaveLength(1)

  // Space is freed: the next write stores everything held, and the notice is gone.
  refused.restore()
  refused = null
  await pipeline.flush()
  const captures = await capturesOf(SCOPE)
  expect(captures.map((capture) => new URL(capture.url).pathname.split('/').at(-1))).toEqual(['interact', 'play', 'ping', 'pauseStart', 'ping', 'play'])
  expect(captures.every((capture) => capture.response !== null && capture.response.body !== null)).toBe(true)
  expect((await getScope(SCOPE))?.storageNotice).toBeUndefined()
  const sessions = await sessionsOf(SCOPE)
  expect(sessions).toHaveLength(1)
  expect(sessions[0]!.events).toBe(6)
  const stored = (await Promise.all(['', sessions[0]!.key].map((key) => findingsOf(SCOPE, key)))).flat().map((f) => `${f.rule}@${f.capture}`).sort()
  const replayed = replay(captures, DEFAULT_SETTINGS).findings.filter((f) => f.at !== null).map((f) => `${f.rule}@${f.at!.capture}`).sort()
  expect(stored).toEqual(replayed)
})

it('aborts a refused write whole: no event or finding of it is stored without its capture', async () => {
  const pipeline = createPipeline({
    settings: async () => DEFAULT_SETTINGS, now: () => T0, tabInfo: async () => null, scopeOfTab: async (tabId) => `tab:${tabId}@test`,
    changed: () => {}, cleared: () => {}, newId: () => 'id', scheduleExpiry: () => {}, log: () => {},
  })
  refused = refuseWrites('captures')
  for (const update of [...sessionStart, ...event(1, 'play', 1000, 0)]) await pipeline.submit(update)
  await pipeline.flush()
  expect(await capturesOf(SCOPE)).toEqual([])
  expect(await sessionsOf(SCOPE)).toEqual([])
  expect(await findingsOf(SCOPE, '')).toEqual([])
  refused.restore()
  refused = null
  await pipeline.flush()
  expect(await capturesOf(SCOPE)).toHaveLength(2)
  expect((await sessionsOf(SCOPE))[0]?.events).toBe(2)
})

it('holds no more than its bound in memory while the disk is full, and counts what it did not hold', async () => {
  const platform: Platform = {
    settings: async () => DEFAULT_SETTINGS, now: () => T0, tabInfo: async () => null, scopeOfTab: async (tabId) => `tab:${tabId}@test`,
    changed: () => {}, cleared: () => {}, newId: () => 'id', scheduleExpiry: () => {}, log: () => {},
  }
  // Room for the two requests pending when the disk fills up, and for two more.
  const pipeline = createPipeline(platform, { heldChars: 4 * (1024 + 400) })
  for (const update of [...sessionStart, ...event(1, 'play', 1000, 0)]) await pipeline.submit(update)
  refused = refuseWrites('captures')
  await pipeline.flush()
  for (let n = 2; n <= 12; n++) for (const update of event(n, 'ping', n * 1000, n)) await pipeline.submit(update)
  await pipeline.flush()
  refused.restore()
  refused = null
  await pipeline.flush()
  const captures = await capturesOf(SCOPE)
  // Two pings held whole; the third kept as a mark, without its body, counting the eight after it.
  expect(captures).toHaveLength(5)
  expect(captures.slice(0, 4).every((capture) => capture.requestBody !== null && capture.dropped === undefined)).toBe(true)
  const mark = captures[4]!
  expect(mark.requestBody).toBeNull()
  expect(mark.dropped).toBe(
    "this request's bodies were dropped: the disk refused writes while 5.6 KiB waited in memory to be written; " +
      '8 later requests of this tab were not captured: the disk refused writes while 5.6 KiB waited in memory to be written',
  )
  const sessions = await sessionsOf(SCOPE)
  const stored = (await Promise.all(['', ...sessions.map((s) => s.key)].map((key) => findingsOf(SCOPE, key)))).flat()
  expect(stored.filter((f) => f.rule === 'capture-dropped').map((f) => f.capture)).toEqual([mark.seq])
  const replayed = replay(captures, DEFAULT_SETTINGS).findings.filter((f) => f.at !== null).map((f) => `${f.rule}@${f.at!.capture}`).sort()
  expect(stored.map((f) => `${f.rule}@${f.capture}`).sort()).toEqual(replayed)
})

it('drops a socket’s frames past the bound while the disk is full, and counts them on the socket', async () => {
  const platform: Platform = {
    settings: async () => DEFAULT_SETTINGS, now: () => T0, tabInfo: async () => null, scopeOfTab: async (tabId) => `tab:${tabId}@test`,
    changed: () => {}, cleared: () => {}, newId: () => 'id', scheduleExpiry: () => {}, log: () => {},
  }
  const pipeline = createPipeline(platform, { heldChars: 3000 })
  const url = 'wss://preview-exampleKey12.ws.gamesparks.net/ws/device/exampleKey12'
  const frame = (n: number): CaptureUpdate => ({
    kind: 'socket-frame', tabId: TAB, frameId: 0,
    message: { kind: 'ws-frame', id: 's', direction: 'send', opcode: 1, data: JSON.stringify({ '@class': '.LogEventRequest', eventKey: 'E', requestId: `r${n}`, pad: 'x'.repeat(400) }), time: T0 + n },
  })
  await pipeline.submit({ kind: 'socket-open', tabId: TAB, frameId: 0, message: { kind: 'ws-open', id: 's', url, time: T0 } })
  await pipeline.submit(frame(0))
  refused = refuseWrites('captures')
  await pipeline.flush()
  for (let n = 1; n <= 10; n++) await pipeline.submit(frame(n))
  await pipeline.flush()
  refused.restore()
  refused = null
  await pipeline.flush()
  // Held at the refusal: the socket (1,024 for a capture, and its 470-character frame); three more frames fit in 3,000.
  const [socket] = await capturesOf(SCOPE)
  expect(socket!.frames).toHaveLength(4)
  expect(socket!.dropped).toBe('7 later frames (3.2 KiB) of this socket were dropped: the disk refused writes while 2.9 KiB waited in memory to be written')
})
