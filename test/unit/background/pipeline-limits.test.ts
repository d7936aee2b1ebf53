/**
 * The pipeline's bounds: a burst of requests all in flight at once is held whole; past the in-flight limit
 * the forgotten captures are marked and reported (capture-dropped), never silently incomplete.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CaptureUpdate } from '../../../src/background/capture-update'
import type { Pipeline, PipelineLimits, Platform } from '../../../src/background/pipeline'
import { createPipeline } from '../../../src/background/pipeline'
import { replay } from '../../../src/session/replay'
import { DEFAULT_SETTINGS } from '../../../src/session/settings'
import { closeDatabase } from '../../../src/store/db'
import { capturesOf, eventsOf, findingsOf, sessionsOf } from '../../../src/store/queries'
import { testPlatform } from './test-platform'

const T0 = Date.parse('2026-01-15T02:00:00.000Z')
const TAB = 3
const SCOPE = `tab:${TAB}@test`
const BASE = 'http://127.0.0.1:9/ee'

const platform = (): Platform => testPlatform(T0)

/** Every report both sources make about one fetch() of a Media Edge event, in the order Chrome sends them. */
function reports(n: number, action: string, at: number, xdm: Record<string, unknown>, answer: unknown): { request: CaptureUpdate[]; response: CaptureUpdate[] } {
  const requestId = `r${n}`
  const url = action === 'sessionStart' ? `${BASE}/v1/interact?configId=ds` : `${BASE}/va/v1/${action}?configId=ds`
  const body = JSON.stringify({ events: [{ xdm }] })
  return {
    request: [
      { kind: 'request', tabId: TAB, frameId: 0, requestId, url, method: 'POST', body: { text: body }, time: T0 + at, resourceType: 'xmlhttprequest' },
      { kind: 'request-headers', tabId: TAB, requestId, headers: [{ name: 'Content-Type', value: 'application/json' }] },
      { kind: 'hook-request', tabId: TAB, frameId: 0, message: { kind: 'request', id: requestId, via: 'fetch', url, method: 'POST', body: { text: body }, time: T0 + at + 1 } },
    ],
    response: [
      { kind: 'response', tabId: TAB, requestId, status: answer === null ? 204 : 200, statusText: '', headers: [] },
      {
        kind: 'hook-response', tabId: TAB, frameId: 0,
        message: { kind: 'response', id: requestId, status: answer === null ? 204 : 200, statusText: '', headers: [], body: { text: answer === null ? '' : JSON.stringify(answer) } },
      },
    ],
  }
}

const issued = { handle: [{ type: 'media-analytics:new-session', payload: [{ sessionId: 'SID' }], eventIndex: 0 }] }
const timestamp = (ms: number): string => new Date(T0 + ms).toISOString()

/** sessionStart answered, then `count` pings all sent before any is answered; answers come back newest first. */
function burst(count: number): { start: CaptureUpdate[]; requests: CaptureUpdate[]; responses: CaptureUpdate[] } {
  const start = reports(0, 'sessionStart', 0, {
    eventType: 'media.sessionStart', timestamp: timestamp(0),
    mediaCollection: { playhead: 0, sessionDetails: { name: 'v', playerName: 'p', contentType: 'VOD', length: 60, channel: 'c' } },
  }, issued)
  const pings = Array.from({ length: count }, (_, i) =>
    reports(i + 1, 'ping', 1000 + i, { eventType: 'media.ping', timestamp: timestamp(1000 + i), mediaCollection: { playhead: i, sessionID: 'SID' } }, null))
  return {
    start: [...start.request, ...start.response],
    requests: pings.flatMap((ping) => ping.request),
    responses: pings.reverse().flatMap((ping) => ping.response),
  }
}

async function run(updates: CaptureUpdate[], limits?: Partial<PipelineLimits>): Promise<Pipeline> {
  const pipeline = createPipeline(platform(), limits)
  // Submitted without waiting, as the worker's listeners do.
  await Promise.all(updates.map((update) => pipeline.submit(update)))
  await pipeline.flush()
  return pipeline
}

async function storedFindings(): Promise<string[]> {
  const sessions = await sessionsOf(SCOPE)
  const pinned = (await Promise.all(['', ...sessions.map((s) => s.key)].map((key) => findingsOf(SCOPE, key)))).flat()
  return pinned.map((f) => `${f.rule}@${f.capture}`).sort()
}

async function replayedFindings(): Promise<string[]> {
  return replay(await capturesOf(SCOPE), DEFAULT_SETTINGS).findings.filter((f) => f.at !== null).map((f) => `${f.rule}@${f.at!.capture}`).sort()
}

beforeEach(async () => {
  await closeDatabase()
  indexedDB.deleteDatabase('sessionscope')
})
afterEach(closeDatabase)

describe('a burst of requests in flight at once', () => {
  it('stores all 1,000 with their responses and checks each, as a replay of the stored log does', async () => {
    const { start, requests, responses } = burst(1000)
    const began = performance.now()
    await run([...start, ...requests, ...responses])
    console.log(`[burst] 1000 requests (5,000 reports) stored and checked in ${Math.round(performance.now() - began)} ms on fake-indexeddb`)
    const captures = await capturesOf(SCOPE)
    expect(captures).toHaveLength(1001)
    expect(captures.filter((c) => c.response === null || c.response.body === null)).toEqual([])
    expect(captures.filter((c) => c.sources.length !== 2)).toEqual([])
    expect(captures.filter((c) => c.dropped !== undefined)).toEqual([])
    expect(await eventsOf(SCOPE, (await sessionsOf(SCOPE))[0]!.key)).toHaveLength(1001)
    const findings = await storedFindings()
    expect(findings).toEqual(await replayedFindings())
    expect(findings.filter((f) => f.startsWith('capture-dropped'))).toEqual([])
  }, 60_000)
})

describe('past the in-flight limit', () => {
  it('marks each forgotten capture and reports it as capture-dropped, counting every one', async () => {
    const { start, requests, responses } = burst(60)
    await run([...start, ...requests, ...responses], { inFlight: 50 })
    const captures = await capturesOf(SCOPE)
    expect(captures).toHaveLength(61)
    // More than 50 waiting at once: the oldest pings were forgotten before their answers came back.
    const dropped = captures.filter((c) => c.dropped !== undefined)
    expect(dropped.length).toBeGreaterThan(0)
    expect(dropped.every((c) => c.response === null)).toBe(true)
    expect(dropped[0]!.dropped).toMatch(/more than 50 requests of this tab were waiting/)
    // Every capture is either complete or reported; none is silently missing its answer.
    const incomplete = captures.filter((c) => c.response === null)
    expect(incomplete.map((c) => c.seq)).toEqual(dropped.map((c) => c.seq))
    const findings = await storedFindings()
    expect(findings.filter((f) => f.startsWith('capture-dropped@'))).toEqual(dropped.map((c) => `capture-dropped@${c.seq}`).sort())
    expect(findings).toEqual(await replayedFindings())
  })
})

describe('past the tab’s limit of bodies', () => {
  it('keeps later requests without their bodies, each reported as capture-dropped, and the tab judged as a replay', async () => {
    const { start, requests, responses } = burst(8)
    // sessionStart's request and answer, and about two pings' bodies.
    await run([...start, ...requests, ...responses], { tabBodyChars: 700 })
    const captures = await capturesOf(SCOPE)
    expect(captures).toHaveLength(9)
    const cut = captures.filter((capture) => capture.dropped !== undefined)
    expect(captures.slice(0, 9 - cut.length).every((capture) => capture.requestBody !== null)).toBe(true)
    expect(cut.length).toBeGreaterThan(4)
    for (const capture of cut) {
      expect(capture.requestBody).toBeNull()
      expect(capture.dropped).toBe("this request's bodies were dropped: the tab's requests reached their capture limit of 700 characters of bodies")
    }
    const findings = await storedFindings()
    expect(findings.filter((f) => f.startsWith('capture-dropped@'))).toEqual(cut.map((c) => `capture-dropped@${c.seq}`).sort())
    expect(findings).toEqual(await replayedFindings())
  })
})
