import { beforeEach, describe, expect, it } from 'vitest'
import type { EngineState, EventResult } from '../../../src/session/engine'
import { createEngine, ingest, nextExpiry, tick } from '../../../src/session/engine'
import type { Finding } from '../../../src/session/finding'
import { DEFAULT_SETTINGS } from '../../../src/session/settings'
import { ev, one, resetSeq, T0 } from '../../helpers/events'
import type { TrackingEvent } from '../../../src/protocols/tracking-event'

/** Lifecycle tests use long silences on purpose: pings are another test's subject. */
const SETTINGS = { ...DEFAULT_SETTINGS, mainPingIntervalMs: 1e9, adPingIntervalMs: 1e9 }

/** Feeds events one capture at a time; returns the latest decision per event and the engine. */
function run(events: TrackingEvent[], ticks: number[] = []): { engine: EngineState; results: Map<number, EventResult> } {
  const engine = createEngine()
  const results = new Map<number, EventResult>()
  const pendingTicks = [...ticks].sort((a, b) => a - b)
  for (const event of events) {
    while (pendingTicks.length > 0 && T0 + pendingTicks[0]! * 1000 <= event.observedAt) {
      tick(engine, T0 + pendingTicks.shift()! * 1000, SETTINGS)
    }
    for (const result of ingest(engine, one(event), SETTINGS).events) results.set(result.event.origin.capture, result)
  }
  for (const at of pendingTicks) tick(engine, T0 + at * 1000, SETTINGS)
  return { engine, results }
}

const rulesOf = (results: Map<number, EventResult>): Array<[number, string]> =>
  [...results.values()].flatMap((r) => r.findings.map((f): [number, string] => [r.event.origin.capture, f.rule])).sort()

beforeEach(resetSeq)

describe('session lifecycle', () => {
  it('routes by the ID index as it is now, also when it was replaced (a worker restoring its state)', () => {
    const { engine } = run([ev('sessionStart', { at: 0 }), ev('play', { at: 1 })])
    engine.sessions.set('restored', { ...engine.sessions.get('adobe-media-edge:A')!, key: 'restored' })
    engine.ids = new Map([...engine.ids].map(([id]) => [id, 'restored']))
    expect(ingest(engine, one(ev('ping', { at: 2 })), SETTINGS).events.map((result) => result.sessionKey)).toEqual(['restored'])
  })

  it('keys a session by the issued ID and follows it to ended', () => {
    const { engine, results } = run([
      ev('sessionStart', { at: 0 }),
      ev('play', { at: 1 }),
      ev('sessionEnd', { at: 5, playhead: 4 }),
    ])
    const session = engine.sessions.get('adobe-media-edge:A')!
    expect(session).toMatchObject({ state: 'ended', sessionId: 'A', idSource: 'issued', events: 3, playhead: 4 })
    expect(rulesOf(results)).toEqual([])
  })

  it('flags every event after sessionEnd, and a second end only as information', () => {
    const { engine, results } = run([
      ev('sessionStart', { at: 0 }),
      ev('sessionEnd', { at: 5 }),
      ev('ping', { at: 15 }),
      ev('play', { at: 16 }),
      ev('sessionEnd', { at: 17 }),
    ])
    expect(rulesOf(results)).toEqual([[2, 'event-after-session-end'], [3, 'event-after-session-end'], [4, 'duplicate-session-end']])
    expect(engine.sessions.get('adobe-media-edge:A')!.counts).toEqual({ errors: 2, warnings: 0, infos: 1 })
  })

  it('keeps a completed session open: later events are information, a later end is normal', () => {
    const { engine, results } = run([
      ev('sessionStart', { at: 0 }),
      ev('sessionComplete', { at: 30 }),
      ev('ping', { at: 31 }),
      ev('sessionEnd', { at: 32 }),
    ])
    expect(rulesOf(results)).toEqual([[2, 'event-after-session-complete']])
    expect(engine.sessions.get('adobe-media-edge:A')!.state).toBe('ended')
  })

  it('takes a session whose events come before any start to have begun before the capture, and tracks it normally', () => {
    const { engine, results } = run([ev('ping', { at: 0, sid: 'X' }), ev('ping', { at: 10, sid: 'X' }), ev('sessionEnd', { at: 12, sid: 'X' }), ev('ping', { at: 13, sid: 'X' })])
    expect(rulesOf(results)).toEqual([[0, 'capture-began-mid-session'], [3, 'event-after-session-end']])
    expect(engine.sessions.get('adobe-media-edge:X')).toMatchObject({ idSource: 'before-capture', state: 'ended' })
  })

  it('reports each event of an ID no start issued, once tracking started in the capture', () => {
    const { engine, results } = run([ev('sessionStart', { at: 0 }), ev('play', { at: 1 }), ev('ping', { at: 5, sid: 'X' }), ev('ping', { at: 10, sid: 'X' }), ev('ping', { at: 11 })])
    expect(rulesOf(results)).toEqual([[2, 'unknown-session-id'], [3, 'unknown-session-id']])
    expect(engine.sessions.get('adobe-media-edge:X')).toMatchObject({ idSource: 'unverified', state: 'active' })
  })

  it('rejects a start the vendor refused, and treats later use of some ID as unknown', () => {
    const { engine, results } = run([
      ev('sessionStart', { at: 0, start: { kind: 'rejected', status: 207, reason: 'Invalid request' } }),
      ev('play', { at: 1, sid: 'B' }),
    ])
    expect(rulesOf(results)).toEqual([[0, 'session-start-rejected'], [1, 'unknown-session-id']])
    const rejected = [...engine.sessions.values()].find((s) => s.state === 'rejected')!
    expect(rejected.key).toBe('adobe-media-edge:start@2026-01-15T02:00:00.000Z')
  })

  it('adopts the first new ID when the start response was not visible, and says so', () => {
    const { engine, results } = run([ev('sessionStart', { at: 0, start: { kind: 'not-visible' } }), ev('play', { at: 1, sid: 'Z' }), ev('ping', { at: 10, sid: 'Z' })])
    expect(rulesOf(results)).toEqual([[1, 'session-id-adopted']])
    expect([...engine.sessions.values()]).toMatchObject([{ sessionId: 'Z', idSource: 'adopted', state: 'active', events: 3 }])
  })

  it('leaves events without any session ID out of every session, with their own findings', () => {
    const event = { ...ev('play', { at: 1, sid: null }), missingFields: ['mediaCollection.sessionID'] }
    const engine = createEngine()
    const result = ingest(engine, one(event), DEFAULT_SETTINGS)
    expect(result.events[0]).toMatchObject({ sessionKey: null, findings: [{ rule: 'missing-required-field', sessionKey: null }] })
    expect(engine.sessions.size).toBe(0)
    expect(engine.loose).toEqual({ errors: 1, warnings: 0, infos: 0 })
  })
})

describe('arrival order', () => {
  it('applies parallel requests in client-timestamp order, as the backend does', () => {
    // pauseStart was called before sessionEnd but its request arrived 20 ms later.
    const { engine, results } = run([
      ev('sessionStart', { at: 0 }),
      ev('play', { at: 1 }),
      ev('sessionEnd', { at: 29.01, ts: 29.0 }),
      ev('pauseStart', { at: 29.03, ts: 28.999 }),
    ])
    expect(rulesOf(results)).toEqual([])
    expect(engine.sessions.get('adobe-media-edge:A')!.state).toBe('ended')
  })

  it('applies heartbeats in arrival order: no reordering is documented for that backend', () => {
    const heartbeat = (event: TrackingEvent): TrackingEvent => ({ ...event, protocol: 'adobe-heartbeat', idIssuer: 'client' } as TrackingEvent)
    const { results } = run([ev('sessionStart', { at: 0 }), ev('play', { at: 1 }), ev('sessionEnd', { at: 29.01, ts: 29.0 }), ev('pauseStart', { at: 29.03, ts: 28.999 })].map(heartbeat))
    expect(rulesOf(results)).toEqual([[3, 'event-after-session-end']])
  })

  it('cannot repair order beyond the backend window', () => {
    const { results } = run([
      ev('sessionStart', { at: 0 }),
      ev('sessionEnd', { at: 29 }),
      ev('pauseStart', { at: 35, ts: 28.5 }),
    ])
    expect(rulesOf(results)).toEqual([[2, 'event-after-session-end']])
  })

  it('never moves an event before the session start, and does not judge order against the start', () => {
    // The Web SDK stamps sessionStart after the calls made in the same tick; the backend applies it first anyway.
    const { engine, results } = run([ev('sessionStart', { at: 0, ts: 0.03 }), ev('play', { at: 0.5, ts: 0.01 }), ev('chapterStart', { at: 0.51, ts: 0.011 })])
    expect(rulesOf(results)).toEqual([])
    expect(engine.sessions.get('adobe-media-edge:A')).toMatchObject({ events: 3, playback: 'playing' })
  })
})

describe('expiry', () => {
  const idle = (): TrackingEvent[] => [ev('sessionStart', { at: 0 }), ev('play', { at: 1 }), ev('play', { at: 1 + 11 * 60 }), ev('ping', { at: 11 * 60 + 11 })]

  it('pins an idle expiry to the first event that arrives for the closed session', () => {
    const { engine, results } = run(idle())
    expect(rulesOf(results)).toEqual([[2, 'session-expired-idle'], [3, 'event-after-session-end']])
    expect(engine.sessions.get('adobe-media-edge:A')).toMatchObject({ state: 'expired', expiry: { reason: 'idle', at: T0 + 601_000 } })
  })

  it('gives the same findings whenever the clock happens to tick', () => {
    const baseline = rulesOf(run(idle()).results)
    resetSeq()
    const ticked = run(idle(), [60, 300, 601, 602, 700])
    expect(rulesOf(ticked.results)).toEqual(baseline)
    const session = ticked.engine.sessions.get('adobe-media-edge:A')!
    expect(session.openFindings).toEqual([])
    expect(session.counts).toEqual({ errors: 2, warnings: 0, infos: 0 })
  })

  it('reports a silent expiry as information about the session, with no event behind it', () => {
    const engine = createEngine()
    ingest(engine, one(ev('sessionStart', { at: 0 })), DEFAULT_SETTINGS)
    expect(nextExpiry(engine, DEFAULT_SETTINGS)).toBe(T0 + 600_000)
    expect(tick(engine, T0 + 599_999, DEFAULT_SETTINGS).sessions.size).toBe(0)
    tick(engine, T0 + 600_000, DEFAULT_SETTINGS)
    const session = engine.sessions.get('adobe-media-edge:A')!
    expect(session.state).toBe('expired')
    expect(session.openFindings).toMatchObject([{ rule: 'session-expired-idle', severity: 'info', at: null } satisfies Partial<Finding>])
    expect(nextExpiry(engine, DEFAULT_SETTINGS)).toBeNull()
  })

  it('expires a session whose playhead stands still for 30 minutes although pings keep coming', () => {
    const events = [ev('sessionStart', { at: 0 }), ev('play', { at: 1, playhead: 1 })]
    for (let at = 10; at <= 1810; at += 10) events.push(ev('ping', { at, playhead: 1 }))
    const { results } = run(events)
    const expired = [...results.values()].find((r) => r.findings.some((f) => f.rule === 'session-expired-playhead-stalled'))!
    expect(expired.event.observedAt).toBe(T0 + 1810_000)
  })

  it('refuses events once a session is 24 hours old', () => {
    const events = [ev('sessionStart', { at: 0 }), ev('play', { at: 1 })]
    for (let at = 300; at <= 24 * 3600 + 300; at += 300) events.push(ev('ping', { at, playhead: at }))
    const { results } = run(events)
    const first = [...results.values()].find((r) => r.findings.length > 0)!
    expect(first.findings.map((f) => f.rule)).toEqual(['session-too-old'])
    expect(first.event.observedAt).toBe(T0 + 24 * 3600_000)
  })
})

describe('IDs created outside the capture (VideoSDK rooms)', () => {
  const room = (event: TrackingEvent): TrackingEvent => ({ ...event, protocol: 'videosdk', idIssuer: 'external' } as TrackingEvent)
  const join = (at: number): TrackingEvent => ({ ...room(ev('join', { at })), role: 'start', sessionId: null, start: { kind: 'issued', sessionId: 'R' } })
  const end = (at: number, retiresId = false): TrackingEvent => ({ ...room(ev('end', { at, sid: 'R' })), role: 'end', retiresId })
  const op = (at: number): TrackingEvent => room(ev('removeParticipant', { at, sid: 'R' }))

  it('opens a session silently on first sight, and joins it on later starts while it is open', () => {
    const { engine, results } = run([op(0), join(1), join(2)])
    expect(rulesOf(results)).toEqual([])
    expect([...engine.sessions.values()].map((s) => [s.key, s.idSource, s.events])).toEqual([['videosdk:R', 'external', 3]])
  })

  it('starts a new session in the room after a normal end', () => {
    const { engine, results } = run([join(0), end(5), join(60), op(61)])
    expect(rulesOf(results)).toEqual([])
    expect([...engine.sessions.values()].map((s) => [s.key, s.state])).toEqual([['videosdk:R', 'ended'], ['videosdk:R#2', 'active']])
  })

  it('flags any use of a retired ID, a new start included, as an error', () => {
    const { engine, results } = run([join(0), end(5), end(6, true), join(60)])
    expect([...results.values()].flatMap((r) => r.findings.map((f) => [r.event.origin.capture, f.rule, f.severity]))).toEqual([
      [3, 'event-after-session-end', 'error'],
    ])
    expect(engine.sessions.size).toBe(1)
  })

  it('takes retiring the ID of an ended session for the clean-up it is, and a second retirement for a second end', () => {
    const { engine, results } = run([join(0), end(5), end(6, true), end(7, true)])
    expect([...results.values()].flatMap((r) => r.findings.map((f) => [r.event.origin.capture, f.rule, f.severity]))).toEqual([[3, 'duplicate-session-end', 'warning']])
    expect([...engine.sessions.values()].map((s) => [s.state, s.retired])).toEqual([['ended', true]])
  })

  it('neither pings nor expires: a room may sit quiet for hours', () => {
    const { results } = run([join(0), op(3 * 3600), end(30 * 3600)])
    expect(rulesOf(results)).toEqual([])
  })

  it('reports an operation after a normal end as a warning (the room lives on)', () => {
    const { results } = run([join(0), end(5), op(6)])
    expect([...results.values()].flatMap((r) => r.findings.map((f) => [f.rule, f.severity]))).toEqual([['event-after-session-end', 'warning']])
  })
})
