/**
 * WebSockets in the worker: frames are applied once per write for all that came since, stored one record each and
 * only once, kept within the socket's and the tab's limits (what is dropped is counted and reported as
 * capture-dropped), and the stored verdict is always the one a replay of the stored capture log gives.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CaptureUpdate } from '../../../src/background/capture-update'
import type { Pipeline, PipelineLimits } from '../../../src/background/pipeline'
import { createPipeline } from '../../../src/background/pipeline'
import { replay } from '../../../src/session/replay'
import { DEFAULT_SETTINGS } from '../../../src/session/settings'
import { closeDatabase, database } from '../../../src/store/db'
import { capturesOf, eventsOf, findingsOf, sessionsOf } from '../../../src/store/queries'
import type { CaptureRecord } from '../../../src/store/records'
import { testPlatform } from './test-platform'

const T0 = Date.parse('2026-01-15T02:00:00.000Z')
const TAB = 9
const SCOPE = `tab:${TAB}@test`
const SOCKET_URL = 'wss://preview-exampleKey12.ws.gamesparks.net/ws/device/exampleKey12'

function open(id: string, url = SOCKET_URL): CaptureUpdate {
  return { kind: 'socket-open', tabId: TAB, frameId: 0, message: { kind: 'ws-open', id, url, time: T0 } }
}

function frame(id: string, at: number, direction: 'send' | 'receive', data: unknown, truncatedFrom?: number): CaptureUpdate {
  const text = typeof data === 'string' ? data : JSON.stringify(data)
  const message = { kind: 'ws-frame' as const, id, direction, opcode: 1 as const, data: text, time: T0 + at, ...(truncatedFrom === undefined ? {} : { truncatedFrom }) }
  return { kind: 'socket-frame', tabId: TAB, frameId: 0, message }
}

/** A GameSparks session as the JS SDK plays it: handshake, requests and their answers, keep-alives, the end. */
function conversation(id: string): CaptureUpdate[][] {
  const request = (n: number, at: number): CaptureUpdate => frame(id, at, 'send', { '@class': '.LogEventRequest', eventKey: 'LEVEL', requestId: `r${n}` })
  const answer = (n: number, at: number): CaptureUpdate => frame(id, at, 'receive', { '@class': '.LogEventResponse', requestId: `r${n}` })
  return [
    [
      frame(id, 0, 'receive', { '@class': '.AuthenticatedConnectResponse', nonce: '1688466811702-5f1c' }),
      frame(id, 50, 'send', { '@class': '.AuthenticatedConnectRequest', hmac: '3q2+7wXy0bPn1Wv5b2V2Yv6F0H8uY2k6m3o1JY4X9cQ=' }),
      frame(id, 100, 'receive', { '@class': '.AuthenticatedConnectResponse', sessionId: 'S1', authToken: 'token' }),
    ],
    // Only new events: the earlier ones decode as before.
    [request(1, 1000), answer(1, 1100), request(2, 2000), answer(2, 2100)],
    // A keep-alive changes the session start's summary, and a request is left unanswered.
    [frame(id, 30_000, 'send', ' '), request(3, 31_000)],
    // Time passes beyond the SDK's timeout: the unanswered request becomes a finding of an earlier event.
    [frame(id, 70_000, 'send', ' '), request(4, 70_500), answer(4, 70_600)],
    [frame(id, 80_000, 'send', { '@class': '.EndSessionRequest', requestId: 'r5' }), frame(id, 80_100, 'receive', { '@class': '.EndSessionResponse', requestId: 'r5', sessionDuration: 79_900 })],
  ]
}

/** Counts the puts into each object store, and keeps what was put into `captures`. */
function countPuts(): { puts: Map<string, number>; captures: CaptureRecord[]; restore(): void } {
  const prototype = IDBObjectStore.prototype
  const put = prototype.put
  const puts = new Map<string, number>()
  const captures: CaptureRecord[] = []
  prototype.put = function countingPut(this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    puts.set(this.name, (puts.get(this.name) ?? 0) + 1)
    if (this.name === 'captures') captures.push(structuredClone(args[0]) as CaptureRecord)
    return put.apply(this, args)
  }
  return { puts, captures, restore: () => void (prototype.put = put) }
}

let counting: ReturnType<typeof countPuts> | null = null

async function submitAll(pipeline: Pipeline, updates: readonly CaptureUpdate[]): Promise<void> {
  // Without waiting, as the worker's listeners submit.
  await Promise.all(updates.map((update) => pipeline.submit(update)))
}

/** What the store holds of the scope's verdict, in a form a replay gives too. */
async function storedVerdict(): Promise<{ events: string[]; findings: string[]; sessions: string[] }> {
  const sessions = await sessionsOf(SCOPE)
  const keys = ['', ...sessions.map((session) => session.key)]
  const events = (await Promise.all(keys.map((key) => eventsOf(SCOPE, key)))).flat()
  const findings = (await Promise.all(keys.map((key) => findingsOf(SCOPE, key)))).flat()
  return {
    events: events.map((e) => `${e.capture}/${e.ordinal}@${e.frame} ${e.type} ${e.sessionKey}#${e.position} ${JSON.stringify(e.details)}`).sort(),
    findings: findings.map((f) => `${f.rule}@${f.capture}/${f.ordinal}: ${f.message}`).sort(),
    sessions: sessions.map((s) => `${s.key} ${s.state} ${s.events} ${JSON.stringify(s.counts)}`).sort(),
  }
}

function replayedVerdict(captures: CaptureRecord[]): { events: string[]; findings: string[]; sessions: string[] } {
  const verdict = replay(captures, DEFAULT_SETTINGS)
  return {
    events: verdict.events.map((r) => `${r.event.origin.capture}/${r.event.origin.ordinal}@${r.event.origin.frame} ${r.event.type} ${r.sessionKey ?? ''}#${r.position} ${JSON.stringify(r.event.details)}`).sort(),
    findings: verdict.findings.filter((f) => f.at !== null).map((f) => `${f.rule}@${f.at!.capture}/${f.at!.ordinal ?? -1}: ${f.message}`).sort(),
    sessions: verdict.sessions.map((s) => `${s.key} ${s.state} ${s.events} ${JSON.stringify(s.counts)}`).sort(),
  }
}

async function expectReplayVerdict(): Promise<CaptureRecord[]> {
  const captures = await capturesOf(SCOPE)
  expect(await storedVerdict()).toEqual(replayedVerdict(captures))
  return captures
}

beforeEach(async () => {
  await closeDatabase()
  indexedDB.deleteDatabase('sessionscope')
})
afterEach(async () => {
  counting?.restore()
  counting = null
  await closeDatabase()
})

describe('a socket as its frames come', () => {
  it('stores each frame once, rewrites only the events that changed, and judges as a replay of the stored log does', async () => {
    const pipeline = createPipeline(testPlatform(T0))
    await pipeline.submit(open('s1'))
    counting = countPuts()
    let frames = 0
    let eventsPut = 0
    for (const burst of conversation('s1')) {
      await submitAll(pipeline, burst)
      await pipeline.flush()
      frames += burst.length
      const captures = await expectReplayVerdict()
      expect(captures).toHaveLength(1)
      expect(captures[0]!.frames).toHaveLength(frames)
      // Each frame stored once, as a record of its own; the socket's record holds none.
      expect(counting.puts.get('frames')).toBe(frames)
      expect(counting.captures.every((capture) => capture.frames?.length === 0)).toBe(true)
      expect(counting.captures.at(-1)!.storedFrames).toBe(frames)
      eventsPut = counting.puts.get('events') ?? 0
    }
    const sessions = await sessionsOf(SCOPE)
    expect(sessions.map((s) => [s.sessionId, s.state])).toEqual([['S1', 'ended']])
    const findings = (await storedVerdict()).findings
    expect(findings.some((f) => f.startsWith('gamesparks-request-unanswered@'))).toBe(true)
    // 12 events (keep-alives are none), each put once, and three put again: the session start twice for its count of
    // keep-alives, and the third request once it went unanswered too long. Rewriting every event on every write
    // would have put 3 + 7 + 8 + 10 + 12 = 40.
    expect((await storedVerdict()).events).toHaveLength(12)
    expect(eventsPut).toBe(12 + 3)
    // Clearing the tab takes its frames with it.
    await pipeline.clearScope(SCOPE)
    expect(await (await database()).count('frames')).toBe(0)
  })

  it('keeps one socket apart from another and from the tab’s requests', async () => {
    const pipeline = createPipeline(testPlatform(T0))
    await submitAll(pipeline, [open('a'), open('b')])
    const [a, b] = [conversation('a'), conversation('b')]
    for (let i = 0; i < a.length; i++) {
      await submitAll(pipeline, [...a[i]!, ...b[i]!.slice(0, 2)])
      await pipeline.flush()
      await expectReplayVerdict()
    }
    const captures = await capturesOf(SCOPE)
    expect(captures.map((capture) => capture.frames!.length)).toEqual([14, 10])
  })

  it('applies a long backlog over several writes, each storing a part of it', async () => {
    const pipeline = createPipeline(testPlatform(T0), { frameCharsPerWrite: 200 })
    await pipeline.submit(open('s1'))
    counting = countPuts()
    const updates = conversation('s1').flat()
    await submitAll(pipeline, updates)
    // Written by the pipeline's own timer, part by part, as the worker does.
    await expect.poll(async () => (await capturesOf(SCOPE))[0]?.frames?.length, { timeout: 10_000, interval: 20 }).toBe(updates.length)
    const steps = counting.captures.map((capture) => capture.storedFrames!)
    expect(steps.length).toBeGreaterThan(3)
    expect(steps).toEqual([...steps].sort((x, y) => x - y))
    await pipeline.flush()
    await expectReplayVerdict()
  })
})

describe('the socket and tab limits', () => {
  const long = (id: string, n: number, chars = 100): CaptureUpdate[] =>
    Array.from({ length: n }, (_, i) => frame(id, 1000 + i, 'send', { '@class': '.LogEventRequest', eventKey: 'X', requestId: `${id}${i}`, pad: 'x'.repeat(chars) }))

  async function limited(limits: Partial<PipelineLimits>, updates: CaptureUpdate[]): Promise<CaptureRecord[]> {
    const pipeline = createPipeline(testPlatform(T0), limits)
    await submitAll(pipeline, updates)
    await pipeline.flush()
    return expectReplayVerdict()
  }

  it('keeps a socket’s first frames up to its frame limit, and counts and reports the rest', async () => {
    const frames = long('s1', 10, 100)
    const [before] = await limited({ socketFrames: 6 }, [open('s1'), ...frames.slice(0, 8)])
    expect(before!.dropped).toMatch(/^2 later frames/)
    // More are dropped later: only the count changes, on the socket stored before.
    const [capture] = await limited({ socketFrames: 6 }, frames.slice(8))
    expect(capture!.frames).toHaveLength(6)
    const dropped = JSON.stringify({ '@class': '.LogEventRequest', eventKey: 'X', requestId: 's16', pad: 'x'.repeat(100) }).length * 4
    expect(capture!.dropped).toBe(`4 later frames (${dropped} characters) of this socket were dropped: the socket reached its capture limit of 6 frames or 8 MiB`)
    expect((await storedVerdict()).findings.filter((f) => f.startsWith('capture-dropped'))).toEqual([`capture-dropped@${capture!.seq}/-1: This capture is incomplete: ${capture!.dropped}.`])
  })

  it('keeps a socket’s frames up to its size limit', async () => {
    const [capture] = await limited({ socketChars: 1000 }, [open('s1'), ...long('s1', 10, 200)])
    expect(capture!.frames).toHaveLength(3)
    expect(capture!.dropped).toMatch(/^7 later frames \(.+\) of this socket were dropped: the socket reached its capture limit of 20,000 frames or 1000 characters$/)
  })

  it('counts a frame the page hook left out at the socket’s limit by the length it had', async () => {
    const [capture] = await limited({}, [open('s1'), ...long('s1', 2), frame('s1', 5000, 'send', '', 3 * 2 ** 20), frame('s1', 5001, 'receive', '', 2 ** 20)])
    expect(capture!.frames).toHaveLength(2)
    expect(capture!.dropped).toBe('2 later frames (4 MiB) of this socket were dropped: the socket reached its capture limit of 20,000 frames or 8 MiB')
  })

  it('shares the tab’s limit between its sockets', async () => {
    const captures = await limited({ tabFrames: 7 }, [open('a'), open('b'), ...long('a', 5), ...long('b', 5)])
    expect(captures.map((capture) => capture.frames!.length)).toEqual([5, 2])
    expect(captures[0]!.dropped).toBeUndefined()
    expect(captures[1]!.dropped).toMatch(/^3 later frames .* the tab's sockets reached their capture limit of 7 frames or 32 MiB$/)
  })

  it('stops counting against a limit the stored tab reached before the worker restarted', async () => {
    const first = createPipeline(testPlatform(T0), { tabFrames: 7 })
    await submitAll(first, [open('a'), ...long('a', 5)])
    await first.flush()
    // A new worker reads the tab's count back with the scope.
    const second = createPipeline(testPlatform(T0), { tabFrames: 7 })
    await submitAll(second, [open('b'), ...long('b', 5)])
    await second.flush()
    const captures = await expectReplayVerdict()
    expect(captures.map((capture) => capture.frames!.length)).toEqual([5, 2])
  })
})

describe('stored frames', () => {
  it('reads a socket stored before frames had a store of their own, and moves its frames there on the next write', async () => {
    const db = await database()
    const old: CaptureRecord = {
      seq: 40, scope: SCOPE, url: SOCKET_URL, method: 'GET', requestHeaders: [], requestBody: null, observedAt: T0, tabId: TAB, frameId: 0,
      response: { status: 101, statusText: 'Switching Protocols', headers: [], body: null }, sources: ['websocket'], hookId: '0|old',
      frames: conversation('old')[0]!.map((update) => {
        const { direction, time, opcode, data } = (update as Extract<CaptureUpdate, { kind: 'socket-frame' }>).message
        return { direction, time, opcode, data }
      }),
    }
    await db.put('captures', old)
    expect((await capturesOf(SCOPE))[0]!.frames).toEqual(old.frames)
    const pipeline = createPipeline(testPlatform(T0))
    await submitAll(pipeline, conversation('old')[1]!)
    await pipeline.flush()
    const [stored] = await db.getAll('captures')
    expect(stored!.frames).toEqual([])
    expect(stored!.storedFrames).toBe(7)
    expect(await db.count('frames')).toBe(7)
    await expectReplayVerdict()
  })
})
