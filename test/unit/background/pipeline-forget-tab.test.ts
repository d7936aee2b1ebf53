/**
 * A closed tab's scope leaves the worker's memory: what was pending is written first, and a report that comes
 * after (the answer to an unload beacon) is joined to its capture from the store and judged as a replay judges it.
 */
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { CaptureUpdate } from '../../../src/background/capture-update'
import { createPipeline } from '../../../src/background/pipeline'
import { replay } from '../../../src/session/replay'
import { DEFAULT_SETTINGS } from '../../../src/session/settings'
import { closeDatabase } from '../../../src/store/db'
import { capturesOf, eventsOf, findingsOf, sessionsOf } from '../../../src/store/queries'
import { testPlatform } from './test-platform'

const T0 = Date.parse('2026-01-15T02:00:00.000Z')
const TAB = 4
const SCOPE = `tab:${TAB}@test`
const URL_OF = (action: string): string => `http://127.0.0.1:9/ee/va/v1/${action}?configId=ds`
const timestamp = (ms: number): string => new Date(T0 + ms).toISOString()

let described = 0
const platform = testPlatform(T0, { tabInfo: async () => (described++, { title: 'Player', url: 'http://127.0.0.1:9/player' }) })

/** What webRequest and the hook report about one fetch of a Media Edge event. */
function fetchOf(n: number, action: string, at: number, mediaCollection: Record<string, unknown>, answer: unknown): { request: CaptureUpdate[]; response: CaptureUpdate[] } {
  const requestId = `r${n}`
  const body = JSON.stringify({ events: [{ xdm: { eventType: `media.${action}`, timestamp: timestamp(at), mediaCollection } }] })
  const status = answer === null ? 204 : 200
  return {
    request: [
      { kind: 'request', tabId: TAB, frameId: 0, requestId, url: URL_OF(action), method: 'POST', body: { text: body }, time: T0 + at, resourceType: 'xmlhttprequest' },
      { kind: 'hook-request', tabId: TAB, frameId: 0, message: { kind: 'request', id: requestId, via: 'fetch', url: URL_OF(action), method: 'POST', body: { text: body }, time: T0 + at + 1 } },
    ],
    response: [
      { kind: 'response', tabId: TAB, requestId, status, statusText: '', headers: [] },
      { kind: 'hook-response', tabId: TAB, frameId: 0, message: { kind: 'response', id: requestId, status, statusText: '', headers: [], body: { text: answer === null ? '' : JSON.stringify(answer) } } },
    ],
  }
}

beforeEach(async () => {
  await closeDatabase()
  indexedDB.deleteDatabase('sessionscope')
  described = 0
})
afterEach(closeDatabase)

it('writes a closed tab’s pending work, drops its state, and reads it back for a late answer', async () => {
  const pipeline = createPipeline(platform)
  const issued = { handle: [{ type: 'media-analytics:new-session', payload: [{ sessionId: 'SID' }], eventIndex: 0 }] }
  const start = fetchOf(0, 'sessionStart', 0, { playhead: 0, sessionDetails: { name: 'v', playerName: 'p', contentType: 'VOD', length: 60, channel: 'c' } }, issued)
  const play = fetchOf(1, 'play', 1000, { playhead: 0, sessionID: 'SID' }, null)
  const end = fetchOf(2, 'sessionEnd', 5000, { playhead: 4, sessionID: 'SID' }, null)
  for (const update of [...start.request, ...start.response, ...play.request, ...play.response, ...end.request]) await pipeline.submit(update)

  // Closed with sessionEnd still unanswered and nothing flushed yet.
  await pipeline.forgetTab(TAB)
  expect((await capturesOf(SCOPE)).map((c) => c.response?.status ?? null)).toEqual([200, 204, null])
  expect(described).toBe(1)

  for (const update of end.response) await pipeline.submit(update)
  await pipeline.flush()
  // The scope was read back from the store (its tab described again), and the answer joined its capture.
  expect(described).toBe(2)
  const captures = await capturesOf(SCOPE)
  expect(captures.map((c) => [c.response?.status, [...c.sources].sort().join('+')])).toEqual([
    [200, 'fetch+webRequest'],
    [204, 'fetch+webRequest'],
    [204, 'fetch+webRequest'],
  ])
  const sessions = await sessionsOf(SCOPE)
  expect(sessions).toEqual([expect.objectContaining({ sessionId: 'SID', state: 'ended', events: 3 })])
  expect(await eventsOf(SCOPE, sessions[0]!.key)).toHaveLength(3)
  const stored = (await findingsOf(SCOPE, sessions[0]!.key)).map((f) => f.rule).sort()
  expect(stored).toEqual(replay(captures, DEFAULT_SETTINGS).findings.filter((f) => f.at !== null).map((f) => f.rule).sort())
})

it('leaves other tabs and unknown tabs alone', async () => {
  const pipeline = createPipeline(platform)
  const play = fetchOf(1, 'play', 1000, { playhead: 0, sessionID: 'SID' }, null)
  for (const update of play.request) await pipeline.submit(update)
  await pipeline.forgetTab(TAB + 1)
  for (const update of play.response) await pipeline.submit(update)
  await pipeline.flush()
  expect(described).toBe(1)
  expect((await capturesOf(SCOPE)).map((c) => c.response?.status)).toEqual([204])
})
