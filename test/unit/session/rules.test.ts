/** Each rule fires on the misuse it names and stays silent on the correct sequence next to it. */
import { beforeEach, describe, expect, it } from 'vitest'
import type { TrackingEvent } from '../../../src/protocols/tracking-event'
import { createEngine, ingest, tick } from '../../../src/session/engine'
import type { JsonReport } from '../../../src/report/json-report'
import { toJsonReport } from '../../../src/report/json-report'
import type { Finding } from '../../../src/session/finding'
import { ruleById } from '../../../src/session/rules'
import { MAX_GROUPS } from '../../../src/session/step'
import { DEFAULT_SETTINGS } from '../../../src/session/settings'
import { ev, one, resetSeq, T0 } from '../../helpers/events'

/**
 * Every finding of a run, as `rule@position` (the event's index in `events`; `session`: about the session as a
 * whole), with `:severity` when asked.
 */
function findings(events: TrackingEvent[], clockUntil?: number, settings = DEFAULT_SETTINGS, withSeverity = false): string[] {
  const engine = createEngine()
  const latest = new Map<number, Finding[]>()
  const position = new Map(events.map((event, index) => [event.origin.capture, index]))
  const name = (f: Finding, at: string | number | undefined): string => `${f.rule}@${at}${withSeverity ? `:${f.severity}` : ''}`
  for (const event of events) for (const r of ingest(engine, one(event), settings).events) latest.set(r.event.origin.capture, r.findings)
  if (clockUntil !== undefined) tick(engine, T0 + clockUntil * 1000, settings)
  const pinned = [...latest.entries()].sort(([a], [b]) => a - b).flatMap(([capture, list]) => list.map((f) => name(f, position.get(capture))))
  const open = [...engine.sessions.values()].flatMap((s) => s.openFindings.map((f) => name(f, 'session')))
  return [...pinned, ...open]
}

/** The JSON report of a run, each event being the capture (entry) of its own index. */
function jsonReport(events: TrackingEvent[]): JsonReport {
  const engine = createEngine()
  const latest = new Map<number, Finding[]>()
  for (const event of events) for (const r of ingest(engine, one(event), DEFAULT_SETTINGS).events) latest.set(r.event.origin.capture, r.findings)
  const findings = [...latest.entries()].sort(([a], [b]) => a - b).flatMap(([, list]) => list)
  return toJsonReport({ requests: events.length, eventCount: events.length, sessions: [...engine.sessions.values()], findings })
}

function findingsWithSeverity(events: TrackingEvent[]): string[] {
  return findings(events, undefined, DEFAULT_SETTINGS, true)
}

function only(events: TrackingEvent[], rule: string, clockUntil?: number): string[] {
  return findings(events, clockUntil).filter((f) => f.startsWith(`${rule}@`))
}

/** For scripts whose sparse events are not about pings. */
const LENIENT_PINGS = { ...DEFAULT_SETTINGS, mainPingIntervalMs: 1e9, adPingIntervalMs: 1e9 }

const started = (): TrackingEvent[] => [ev('sessionStart', { at: 0 }), ev('play', { at: 1 })]

beforeEach(resetSeq)

describe('capture-began-mid-session', () => {
  it('is information, once, for a session whose first event comes before any start of its protocol', () => {
    expect(findingsWithSeverity([ev('ping', { at: 0, sid: 'EARLIER' }), ev('ping', { at: 10, sid: 'EARLIER' }), ev('sessionStart', { at: 11 }), ev('play', { at: 12 })])).toEqual([
      'capture-began-mid-session@0:info',
    ])
  })
  it('is information for an event that shows its session existed before the capture began, even after a start', () => {
    const earlier = { ...ev('ping', { at: 20, sid: 'HB-OLD' }), idIssuer: 'client' as const, sessionSince: T0 - 60_000 }
    expect(findingsWithSeverity([...started(), earlier])).toEqual(['capture-began-mid-session@2:info'])
  })
  it('is silent for sessions the capture saw start, and for IDs made elsewhere (VideoSDK rooms)', () => {
    expect(only(started(), 'capture-began-mid-session')).toEqual([])
    resetSeq()
    expect(only([{ ...ev('play', { at: 1, sid: 'room' }), idIssuer: 'external' }], 'capture-began-mid-session')).toEqual([])
  })
})

describe('session-start-repeated', () => {
  const start = (at: number): TrackingEvent => ({ ...ev('sessionStart', { at, start: { kind: 'issued', sessionId: 'HB' } }), idIssuer: 'client' })
  it('joins a start sent again with the same client-made ID to its session, as one piece of information', () => {
    const engine = createEngine()
    const results = [start(0), start(5), start(9)].map((event) => ingest(engine, one(event), LENIENT_PINGS).events[0]!)
    expect(results.map((r) => r.findings.map((f) => `${f.rule}:${f.severity}:${f.repeat ?? false}`))).toEqual([
      [], ['session-start-repeated:info:false'], ['session-start-repeated:info:true'],
    ])
    expect([...engine.sessions.values()]).toMatchObject([{ key: 'adobe-media-edge:HB', events: 3, counts: { errors: 0, warnings: 0, infos: 1 } }])
  })
  it("is silent for the SDK's own repeat, which points back to the first start, and counts it as a call for the ping cadence", () => {
    const again = (at: number): TrackingEvent => ({ ...start(at), sessionSince: T0 })
    const play = (at: number): TrackingEvent => ({ ...ev('play', { at, sid: 'HB', playhead: at }), idIssuer: 'client' })
    // 12 s from the play to the last call, but the repeated start came in between.
    expect(findings([start(0), play(0.5), again(8.5), play(12.5)])).toEqual([])
  })
  it('starts a new session for the same ID after the session ended, and never joins server-issued starts', () => {
    const engine = createEngine()
    for (const event of [start(0), { ...ev('sessionEnd', { at: 1, sid: 'HB' }), idIssuer: 'client' as const }, start(2)]) ingest(engine, one(event), LENIENT_PINGS)
    expect([...engine.sessions.keys()]).toEqual(['adobe-media-edge:HB', 'adobe-media-edge:HB#2'])
    resetSeq()
    expect(only([ev('sessionStart', { at: 0 }), ev('sessionStart', { at: 1 })], 'session-start-repeated')).toEqual([])
  })
})

describe('unknown-session-id', () => {
  it('fires on every event with an ID no start issued, once tracking started: each is lost', () => {
    expect(only([...started(), ev('ping', { at: 10, sid: 'NEVER' }), ev('ping', { at: 20, sid: 'NEVER' })], 'unknown-session-id')).toEqual(['unknown-session-id@2', 'unknown-session-id@3'])
  })
  it('is silent for the issued ID', () => {
    expect(only([...started(), ev('ping', { at: 10 })], 'unknown-session-id')).toEqual([])
  })
})

describe('event-after-session-end', () => {
  it('fires on events after sessionEnd', () => {
    expect(only([...started(), ev('sessionEnd', { at: 5 }), ev('play', { at: 6 })], 'event-after-session-end')).toEqual(['event-after-session-end@3'])
  })
  it('fires on events after a revealed expiry, but not on the event that revealed it', () => {
    const events = [...started(), ev('ping', { at: 700 }), ev('ping', { at: 710 })]
    expect(only(events, 'event-after-session-end')).toEqual(['event-after-session-end@3'])
  })
  it('is silent before the end and for a repeated end', () => {
    expect(only([...started(), ev('ping', { at: 4 }), ev('sessionEnd', { at: 5 }), ev('sessionEnd', { at: 6 })], 'event-after-session-end')).toEqual([])
  })
})

describe('duplicate-session-end', () => {
  it('reports a second sessionEnd as information only', () => {
    const events = [...started(), ev('sessionEnd', { at: 5 }), ev('sessionEnd', { at: 6 })]
    expect(only(events, 'duplicate-session-end')).toEqual(['duplicate-session-end@3'])
    expect(ruleById('duplicate-session-end')!.severity).toBe('info')
  })
  it('is silent for a single sessionEnd', () => {
    expect(only([...started(), ev('sessionEnd', { at: 5 })], 'duplicate-session-end')).toEqual([])
  })
})

describe('event-after-session-complete', () => {
  it('notes events after sessionComplete', () => {
    expect(only([...started(), ev('sessionComplete', { at: 9 }), ev('ping', { at: 19 })], 'event-after-session-complete')).toEqual(['event-after-session-complete@3'])
  })
  it('accepts sessionEnd after sessionComplete, however late', () => {
    expect(findings([...started(), ev('sessionComplete', { at: 9 }), ev('sessionEnd', { at: 40 })])).toEqual([])
  })
})

describe('session-expired-idle', () => {
  it('is an error on the first event after 10 minutes of silence', () => {
    expect(only([...started(), ev('play', { at: 601 })], 'session-expired-idle')).toEqual(['session-expired-idle@2'])
  })
  it('is information about the session when nothing more came', () => {
    expect(only(started(), 'session-expired-idle', 601)).toEqual(['session-expired-idle@session'])
  })
  it('is silent 1 ms before the timeout', () => {
    expect(only([...started(), ev('play', { at: 600.999 })], 'session-expired-idle')).toEqual([])
    expect(only(started(), 'session-expired-idle', 600.999)).toEqual([])
  })
})

describe('session-expired-playhead-stalled', () => {
  function pings(playheadMoves: boolean): TrackingEvent[] {
    const events = started()
    for (let at = 10; at <= 1810; at += 10) events.push(ev('ping', { at, playhead: playheadMoves ? at : 1 }))
    return events
  }
  it('fires when pings keep coming but the playhead stands still for 30 minutes', () => {
    expect(only(pings(false), 'session-expired-playhead-stalled')).toEqual([`session-expired-playhead-stalled@${2 + 180}`])
  })
  it('is silent while the playhead moves', () => {
    expect(findings(pings(true))).toEqual([])
  })
  it("is information when the SDK's own sessionEnd races the timeout: nothing is lost", () => {
    // The Media SDKs end a session paused for 30 minutes themselves, at the very moment the backend closes it.
    const events = [...started(), ev('pauseStart', { at: 2, playhead: 1 })]
    for (let at = 12; at < 1802; at += 10) events.push(ev('ping', { at, playhead: 1 }))
    const end = ev('sessionEnd', { at: 1802, playhead: 1 })
    expect(findingsWithSeverity([...events, end])).toEqual([`session-expired-playhead-stalled@${events.length}:info`])
  })
  it('stays an error for an event after the timeout, with the sessionEnd that follows it dropped as information', () => {
    const events = [...started(), ev('pauseStart', { at: 2, playhead: 1 })]
    for (let at = 12; at < 1802; at += 10) events.push(ev('ping', { at, playhead: 1 }))
    const late = [ev('ping', { at: 1802, playhead: 1 }), ev('sessionEnd', { at: 1803, playhead: 1 })]
    expect(findingsWithSeverity([...events, ...late])).toEqual([
      `session-expired-playhead-stalled@${events.length}:error`, `duplicate-session-end@${events.length + 1}:info`,
    ])
  })
})

describe('session-expired-idle, racing sessionEnd', () => {
  it('is information when sessionEnd is the first event after 10 minutes of silence', () => {
    expect(findingsWithSeverity([...started(), ev('sessionEnd', { at: 601 })])).toEqual(['session-expired-idle@2:info'])
  })
})

describe('session-too-old', () => {
  function day(hours: number): TrackingEvent[] {
    const events = [ev('sessionStart', { at: 0 }), ev('play', { at: 1 })]
    for (let at = 300; at <= hours * 3600; at += 300) events.push(ev('ping', { at, playhead: at }))
    return events
  }
  it('fires on the first event at 24 hours', () => {
    expect(only(day(24), 'session-too-old')).toEqual([`session-too-old@${24 * 12 + 1}`])
  })
  it('is silent at 23 h 55 min', () => {
    expect(findings(day(23 + 55 / 60), undefined, LENIENT_PINGS)).toEqual([])
  })
})

describe('session-start-rejected', () => {
  it('fires on a start the vendor answered without a session ID', () => {
    const events = [ev('sessionStart', { at: 0, start: { kind: 'rejected', status: 207, reason: 'Invalid request' } })]
    expect(only(events, 'session-start-rejected')).toEqual(['session-start-rejected@0'])
  })
  it('is silent for an issued start and for one whose answer was not visible', () => {
    expect(findings([ev('sessionStart', { at: 0 })])).toEqual([])
    expect(findings([ev('sessionStart', { at: 0, start: { kind: 'not-visible' } })])).toEqual([])
  })
})

describe('session-id-adopted', () => {
  it('notes an ID taken over from the first event after a start whose answer was not visible', () => {
    const events = [ev('sessionStart', { at: 0, start: { kind: 'not-visible' } }), ev('play', { at: 1, sid: 'Z' })]
    expect(findings(events)).toEqual(['session-id-adopted@1'])
  })
  it('does not adopt for a start that was rejected: that ID is unknown', () => {
    const events = [ev('sessionStart', { at: 0, start: { kind: 'rejected', status: 400, reason: 'x' } }), ev('play', { at: 1, sid: 'Z' })]
    expect(findings(events)).toEqual(['session-start-rejected@0', 'unknown-session-id@1'])
  })
})

describe('missing-required-field', () => {
  it('lists every missing field as one error', () => {
    const event = { ...ev('play', { at: 1 }), missingFields: ['timestamp', 'mediaCollection.playhead'] }
    const engine = createEngine()
    ingest(engine, one(ev('sessionStart', { at: 0 })), DEFAULT_SETTINGS)
    const [result] = ingest(engine, one(event), DEFAULT_SETTINGS).events
    expect(result!.findings).toMatchObject([{ rule: 'missing-required-field', severity: 'error', message: expect.stringContaining('timestamp, mediaCollection.playhead') }])
  })
  it('reports a field only the schema requires (not the vendor examples) as information', () => {
    const event = { ...ev('sessionStart', { at: 0 }), missingDocumentedOptional: ['timestamp'] }
    const [result] = ingest(createEngine(), one(event), DEFAULT_SETTINGS).events
    expect(result!.findings).toMatchObject([{ rule: 'missing-required-field', severity: 'info' }])
  })
  it('is silent when nothing is missing', () => {
    expect(findings(started())).toEqual([])
  })
})

describe('action-event-type-mismatch', () => {
  it('fires when the URL action and the body event type differ', () => {
    expect(only([...started(), { ...ev('ping', { at: 10 }), urlAction: 'play' }], 'action-event-type-mismatch')).toEqual(['action-event-type-mismatch@2'])
  })
  it('is silent when they agree', () => {
    expect(only([...started(), { ...ev('ping', { at: 10 }), urlAction: 'ping' }], 'action-event-type-mismatch')).toEqual([])
  })
})

describe('undecodable-request', () => {
  it('is an error for a broken body and a warning for one nobody could see', () => {
    const engine = createEngine()
    const broken = ingest(engine, { events: [], problems: [{ protocol: 'adobe-media-edge', kind: 'malformed', capture: 4, frame: null, reason: 'the body is not valid JSON' }] }, DEFAULT_SETTINGS)
    const hidden = ingest(engine, { events: [], problems: [{ protocol: 'adobe-media-edge', kind: 'not-visible', capture: 5, frame: null, reason: 'the body was not visible' }] }, DEFAULT_SETTINGS)
    expect(broken.problems).toMatchObject([{ rule: 'undecodable-request', severity: 'error', sessionKey: null, at: { capture: 4, ordinal: null } }])
    expect(hidden.problems).toMatchObject([{ rule: 'undecodable-request', severity: 'warning' }])
    expect(engine.loose).toEqual({ errors: 1, warnings: 1, infos: 0 })
  })
  it('is silent when the request decodes', () => {
    expect(ingest(createEngine(), one(ev('sessionStart', { at: 0 })), DEFAULT_SETTINGS).problems).toEqual([])
  })
})

/** F5-like building blocks: an ad break at playhead 15 and a chapter. */
const withAd = (from: number): TrackingEvent[] => [
  ev('adBreakStart', { at: from, playhead: 15 }),
  ev('adStart', { at: from + 0.001, playhead: 15 }),
  ev('adComplete', { at: from + 5, playhead: 15 }),
  ev('adBreakComplete', { at: from + 5.001, playhead: 15 }),
]

describe('ad-outside-ad-break', () => {
  it('fires on an ad start outside a break and on an ad end without an ad', () => {
    expect(only([...started(), ev('adStart', { at: 2 })], 'ad-outside-ad-break')).toEqual(['ad-outside-ad-break@2'])
    expect(only([...started(), ev('adBreakStart', { at: 2 }), ev('adComplete', { at: 3 })], 'ad-outside-ad-break')).toEqual(['ad-outside-ad-break@3'])
  })
  it('is silent for ads inside a break, and for heartbeat ads that open their own break', () => {
    expect(findings([...started(), ...withAd(2)])).toEqual([])
    expect(only([...started(), { ...ev('adStart', { at: 2 }), implicitAdBreak: true }], 'ad-outside-ad-break')).toEqual([])
  })
})

describe('ad-break-not-closed', () => {
  it('is an error at sessionComplete, a warning at a new break, information at sessionEnd', () => {
    const open = [...started(), ev('adBreakStart', { at: 2 }), ev('adStart', { at: 2.001 })]
    expect(findings([...open, ev('sessionComplete', { at: 8 })])).toEqual(['ad-break-not-closed@4'])
    expect(findings([...open, ev('adComplete', { at: 5 }), ev('adBreakStart', { at: 6 })])).toEqual(['ad-break-not-closed@5'])
    expect(findings([...open, ev('sessionEnd', { at: 5 })])).toEqual(['ad-break-not-closed@4'])
    resetSeq()
    const engine = createEngine()
    const severities = [...started(), ...[ev('adBreakStart', { at: 2 }), ev('sessionEnd', { at: 3 })]].flatMap((e) => ingest(engine, one(e), DEFAULT_SETTINGS).events.flatMap((r) => r.findings.map((f) => f.severity)))
    expect(severities).toEqual(['info'])
  })
  it('is silent when every break is closed', () => {
    expect(findings([...started(), ...withAd(2), ev('sessionComplete', { at: 9 })])).toEqual([])
  })
})

describe('ad-overlap', () => {
  it('fires when an ad starts before the previous one ended', () => {
    expect(findings([...started(), ev('adBreakStart', { at: 2 }), ev('adStart', { at: 2.001 }), ev('adStart', { at: 6 })])).toEqual(['ad-overlap@4'])
  })
  it('is silent for consecutive ads closed one by one', () => {
    expect(findings([...started(), ev('adBreakStart', { at: 2 }), ev('adStart', { at: 2.001 }), ev('adComplete', { at: 6 }), ev('adStart', { at: 6.001 })])).toEqual([])
  })
})

describe('chapter-overlap', () => {
  it('flags a chapter started inside another', () => {
    expect(findings([...started(), ev('chapterStart', { at: 2 }), ev('chapterStart', { at: 8 })])).toEqual(['chapter-overlap@3'])
  })
  it('is silent for chapters one after another', () => {
    expect(findings([...started(), ev('chapterStart', { at: 2 }), ev('chapterComplete', { at: 8 }), ev('chapterStart', { at: 8.001 }), ev('chapterSkip', { at: 9 })])).toEqual([])
  })
})

describe('chapter-not-started', () => {
  it('flags a chapter completed or skipped that never started', () => {
    expect(findings([...started(), ev('chapterComplete', { at: 8 })])).toEqual(['chapter-not-started@2'])
    expect(findings([...started(), ev('chapterSkip', { at: 8 })])).toEqual(['chapter-not-started@2'])
  })
  it('is silent for a chapter that was started', () => {
    expect(findings([...started(), ev('chapterStart', { at: 2 }), ev('chapterComplete', { at: 8 })])).toEqual([])
  })
})

describe('duplicate-timestamp', () => {
  it('notes consecutive events that share a timestamp, as information (the Web SDK does it for calls made together)', () => {
    expect(findings([...started(), ev('pauseStart', { at: 1.5, ts: 1 })])).toEqual(['duplicate-timestamp@2'])
    expect(ruleById('duplicate-timestamp')!.severity).toBe('info')
  })
  it('is silent 1 ms apart, and for heartbeats (whose backend does not reorder by timestamp)', () => {
    expect(findings([...started(), ev('pauseStart', { at: 1.5, ts: 1.001 })])).toEqual([])
    const heartbeat = (event: TrackingEvent): TrackingEvent => ({ ...event, protocol: 'adobe-heartbeat', idIssuer: 'client' } as TrackingEvent)
    expect(findings([...started(), ev('pauseStart', { at: 1.5, ts: 1 })].map(heartbeat))).toEqual([])
  })
  it('is one finding per shared timestamp in a session, standing for every event that repeats it', () => {
    // Calls made in one task get one millisecond: the second, third and fourth repeat the first's timestamp.
    const start = started()
    const together = [ev('adBreakStart', { at: 5, ts: 5 }), ev('adStart', { at: 5.01, ts: 5 }), ev('ping', { at: 5.02, ts: 5 }), ev('ping', { at: 5.03, ts: 5.5 }), ev('ping', { at: 5.04, ts: 5.5 })]
    const report = jsonReport([...start, ...together])
    expect(report.findings.map(({ rule, entry, entries, count }) => ({ rule, entry, entries, count }))).toEqual([
      { rule: 'duplicate-timestamp', entry: 3, entries: [3, 4], count: 2 },
      { rule: 'duplicate-timestamp', entry: 6, entries: undefined, count: undefined },
    ])
  })
  it('does not compare an event with the sessionStart before it: the backend forwards the start at once', () => {
    expect(findings([ev('sessionStart', { at: 0 }), ev('play', { at: 0.1, ts: 0 })])).toEqual([])
  })
})

describe('timestamp-out-of-order', () => {
  it('fires on an event stamped before events that were applied more than 5 s earlier', () => {
    expect(findings([...started(), ev('ping', { at: 8 }), ev('pauseStart', { at: 14, ts: 7 })])).toEqual(['timestamp-out-of-order@3'])
  })
  it('is silent when the backend can still reorder it', () => {
    expect(findings([...started(), ev('ping', { at: 8 }), ev('pauseStart', { at: 8.2, ts: 7 })])).toEqual([])
  })
})

describe('ping-interval-too-long', () => {
  it('warns when main content goes more than 10 s (+ tolerance) without an event', () => {
    expect(findings([...started(), ev('ping', { at: 13 })])).toEqual(['ping-interval-too-long@2'])
  })
  it('accepts 10 s pings with network jitter, a one-second timer tick, and the configured main interval', () => {
    expect(findings([...started(), ev('ping', { at: 11.9 }), ev('ping', { at: 21.9 })])).toEqual([])
    // The Roku SDK pings once 10 s have passed, checked every second: up to 11 s apart.
    resetSeq()
    expect(findings([...started(), ev('ping', { at: 12.05 }), ev('ping', { at: 23.1 })])).toEqual([])
    expect(findings([...started(), ev('ping', { at: 31 })], undefined, { ...DEFAULT_SETTINGS, mainPingIntervalMs: 30_000 })).toEqual([])
  })
  it('holds ads to the current 10 s cadence, and reports gaps above a stricter setting only as information', () => {
    const ad = (gap: number): TrackingEvent[] => [...started(), ev('adBreakStart', { at: 2 }), ev('adStart', { at: 2.001 }), ev('ping', { at: 2.001 + gap })]
    expect(findings(ad(12))).toEqual(['ping-interval-too-long@4'])
    resetSeq()
    expect(findings(ad(9))).toEqual([])
    resetSeq()
    const engine = createEngine()
    const strict = { ...DEFAULT_SETTINGS, adPingIntervalMs: 1_000 }
    const results = ad(5).flatMap((e) => ingest(engine, one(e), strict).events.flatMap((r) => r.findings))
    expect(results.map((f) => [f.rule, f.severity])).toEqual([['ping-interval-too-long', 'info']])
  })
  it('measures by observed time across an event without a timestamp, instead of mixing clocks', () => {
    expect(findings([...started(), ev('ping', { at: 10, ts: null }), ev('ping', { at: 20 })])).toEqual([])
  })
  it('is silent after sessionComplete, and lets idle expiry speak for a 10-minute gap', () => {
    expect(findings([...started(), ev('sessionComplete', { at: 5 }), ev('sessionEnd', { at: 60 })])).toEqual([])
    resetSeq()
    expect(findings([...started(), ev('ping', { at: 700 })])).toEqual(['session-expired-idle@2'])
  })
})

describe('playhead-out-of-range', () => {
  const vod = (length: number): TrackingEvent => ({ ...ev('sessionStart', { at: 0 }), summary: { contentType: 'VOD', length } })
  const live = (): TrackingEvent => ({ ...ev('sessionStart', { at: 0, playhead: 7200 }), summary: { contentType: 'Live', length: 86400 } })
  it('fires once for a VOD playhead beyond the length, a negative one, or a live one past the day', () => {
    expect(findings([vod(60), ev('play', { at: 1, playhead: 61.5 }), ev('ping', { at: 10, playhead: 70 })])).toEqual(['playhead-out-of-range@1'])
    resetSeq()
    expect(findings([vod(60), ev('play', { at: 1, playhead: -1 })])).toEqual(['playhead-out-of-range@1'])
    resetSeq()
    expect(findings([live(), ev('play', { at: 1, playhead: 86_400 })])).toEqual(['playhead-out-of-range@1'])
  })
  it('judges the sessionStart against the content it announces', () => {
    expect(findingsWithSeverity([{ ...vod(30), playhead: 86_400 }, ev('play', { at: 1, playhead: 86_400 })])).toEqual(['playhead-out-of-range@0:warning'])
  })
  it('is silent within the content, within a second of its end, and for a live second of the day', () => {
    expect(findings([vod(60), ev('play', { at: 1, playhead: 0 }), ev('sessionComplete', { at: 2, playhead: 61 })])).toEqual([])
    resetSeq()
    expect(findings([live(), ev('play', { at: 1, playhead: 86_399 })])).toEqual([])
  })
})

describe('playhead-moved-during-ad-break', () => {
  it('fires once when the playhead moves inside a break', () => {
    const events = [...started(), ev('adBreakStart', { at: 2, playhead: 15 }), ev('adStart', { at: 2.001, playhead: 15 }), ev('ping', { at: 7, playhead: 5 }), ev('ping', { at: 12, playhead: 10 })]
    expect(findings(events)).toEqual(['playhead-moved-during-ad-break@4'])
  })
  it('is silent when the playhead holds, and for heartbeat ad playheads (the ad\'s own position)', () => {
    expect(findings([...started(), ...withAd(2)])).toEqual([])
    resetSeq()
    const hb = [...started(), ev('adBreakStart', { at: 2, playhead: 15 }), { ...ev('ping', { at: 7, playhead: 5 }), asset: 'ad' as const }]
    expect(findings(hb)).toEqual([])
  })
  it('takes a seek out of an ad (pauseStart, then play elsewhere) as the new position of the break', () => {
    const events = [
      ...started(), ev('adBreakStart', { at: 2, playhead: 0 }), ev('adStart', { at: 2.001, playhead: 0 }),
      ev('pauseStart', { at: 4, playhead: 0 }), ev('play', { at: 4.5, playhead: 5 }), ev('adSkip', { at: 4.6, playhead: 5 }), ev('adBreakComplete', { at: 4.7, playhead: 5 }),
    ]
    expect(findings(events)).toEqual([])
    resetSeq()
    // After the seek, the playhead must hold again.
    expect(only([...events.slice(0, 6).map((e) => ({ ...e })), ev('ping', { at: 9, playhead: 9 })], 'playhead-moved-during-ad-break')).toEqual(['playhead-moved-during-ad-break@6'])
  })
})

describe('playhead-advanced-while-paused', () => {
  it('fires once when pings advance the playhead after pauseStart or bufferStart without play', () => {
    const events = [...started(), ev('pauseStart', { at: 5, playhead: 4 }), ev('ping', { at: 15, playhead: 14 }), ev('ping', { at: 25, playhead: 24 })]
    expect(findings(events)).toEqual(['playhead-advanced-while-paused@3'])
    resetSeq()
    expect(findings([...started(), ev('bufferStart', { at: 5, playhead: 4 }), ev('ping', { at: 10, playhead: 9 })])).toEqual(['playhead-advanced-while-paused@3'])
  })
  it('is silent for a held playhead and for a play that resumes elsewhere (a seek)', () => {
    expect(findings([...started(), ev('pauseStart', { at: 5, playhead: 4 }), ev('ping', { at: 15, playhead: 4 }), ev('play', { at: 20, playhead: 30 })])).toEqual([])
  })
  it('judges only periodic calls: an event between the pauseStart and play of a seek carries where the seek went', () => {
    const seek = [...started(), ev('pauseStart', { at: 5, playhead: 4 }), ev('chapterSkip', { at: 5.5, playhead: 25 }), ev('play', { at: 6, playhead: 25 })]
    expect(only(seek, 'playhead-advanced-while-paused')).toEqual([])
  })
  it('fires when pings advance the playhead before any play', () => {
    expect(findingsWithSeverity([ev('sessionStart', { at: 0 }), ev('ping', { at: 10, playhead: 10 })])).toEqual(['playhead-advanced-while-paused@1:warning'])
  })
  it('judges the repeated pause calls of heartbeats, their pings while paused', () => {
    const hb = (event: TrackingEvent): TrackingEvent => ({ ...event, protocol: 'adobe-heartbeat', idIssuer: 'client' } as TrackingEvent)
    const events = [...started(), ev('pauseStart', { at: 5, playhead: 4 }), ev('pauseStart', { at: 15, playhead: 14 })].map(hb)
    expect(only(events, 'playhead-advanced-while-paused')).toEqual(['playhead-advanced-while-paused@3'])
  })
})

describe('invalid-field-value', () => {
  it('reports each issue the adapter found as its own finding, at its own severity', () => {
    const event = { ...ev('play', { at: 1 }), invalidFields: [{ path: 'mediaCollection.playhead', problem: 'must be an integer, not 1.5', severity: 'warning' as const }, { path: 'timestamp', problem: 'must be an ISO 8601 date-time', severity: 'error' as const }] }
    const [result] = ingest(createEngine(), one(event), DEFAULT_SETTINGS).events
    expect(result!.findings.filter((f) => f.rule === 'invalid-field-value')).toMatchObject([
      { severity: 'warning', message: expect.stringContaining('mediaCollection.playhead must be an integer') },
      { severity: 'error', message: expect.stringContaining('timestamp must be an ISO 8601 date-time') },
    ])
  })
  it('counts the same field and value repeated in a session once, marking later occurrences as repeats', () => {
    const linear = { path: 's:stream:type', problem: 'must be one of "live", "vod", "linear", not "Linear"', severity: 'info' as const }
    const other = { ...linear, problem: 'must be one of "live", "vod", "linear", not "VOD Episode"' }
    const engine = createEngine()
    ingest(engine, one(ev('sessionStart', { at: 0 })), DEFAULT_SETTINGS)
    ingest(engine, one(ev('play', { at: 0.5 })), DEFAULT_SETTINGS)
    const results = [1, 2, 3].map((at) => ingest(engine, one({ ...ev('ping', { at, playhead: at }), invalidFields: [at === 3 ? other : linear] }), DEFAULT_SETTINGS).events[0]!)
    expect(results.map((r) => r.findings.map((f) => [f.rule, f.repeat ?? false]))).toEqual([
      [['invalid-field-value', false]], [['invalid-field-value', true]], [['invalid-field-value', false]],
    ])
    // The repeat counts with its first occurrence: two distinct values, two infos.
    expect(engine.sessions.get('adobe-media-edge:A')!.counts).toEqual({ errors: 0, warnings: 0, infos: 2 })
  })
  it('keeps track of at most MAX_GROUPS values per session: past them, each finding stands alone', () => {
    const engine = createEngine()
    ingest(engine, one(ev('sessionStart', { at: 0 })), LENIENT_PINGS)
    ingest(engine, one(ev('play', { at: 0.5 })), LENIENT_PINGS)
    const issue = (n: number) => ({ path: 's:stream:type', problem: `must be one of "live", "vod", "linear", not "T${n}"`, severity: 'info' as const })
    let at = 1
    for (const round of [0, 1]) for (let n = 0; n < MAX_GROUPS + 4; n++) ingest(engine, one({ ...ev('ping', { at: at++, playhead: round }), invalidFields: [issue(n)] }), LENIENT_PINGS)
    const session = engine.sessions.get('adobe-media-edge:A')!
    expect(session.groups).toHaveLength(MAX_GROUPS)
    expect(session.counts.infos).toBe(MAX_GROUPS + 2 * 4)
  })
  it('counts one mistake that every value makes once, whatever the values (a fractional playhead on every ping)', () => {
    const fraction = (value: number) => ({ path: 'mediaCollection.playhead', problem: `must be an integer, not ${value}`, severity: 'warning' as const, kind: 'not an integer' })
    const report = jsonReport([...started(), ...[10.5, 20.5, 30.5].map((at) => ({ ...ev('ping', { at, playhead: at }), invalidFields: [fraction(at)] }))])
    expect(report.findings.map(({ rule, entry, entries, message }) => ({ rule, entry, entries, message }))).toEqual([
      { rule: 'invalid-field-value', entry: 2, entries: [2, 3, 4], message: 'ping: mediaCollection.playhead must be an integer, not 10.5.' },
    ])
  })
  it('is silent for valid fields', () => {
    expect(findings(started())).toEqual([])
  })
})

describe('unknown-event-type', () => {
  it('is an error for Adobe APIs and a warning for heartbeats', () => {
    const engine = createEngine()
    const edge = ingest(engine, one({ ...ev('pause', { at: 1 }), typeKnown: false }), DEFAULT_SETTINGS).events[0]!.findings
    const hb = ingest(engine, one({ ...ev('pause', { at: 1 }), typeKnown: false, protocol: 'adobe-heartbeat' }), DEFAULT_SETTINGS).events[0]!.findings
    expect(edge.filter((f) => f.rule === 'unknown-event-type').map((f) => f.severity)).toEqual(['error'])
    expect(hb.filter((f) => f.rule === 'unknown-event-type').map((f) => f.severity)).toEqual(['warning'])
  })
  it('is silent for a known type', () => {
    expect(only(started(), 'unknown-event-type')).toEqual([])
  })
})

describe('params-on-ping', () => {
  it('fires on a ping with parameters', () => {
    expect(findings([...started(), { ...ev('ping', { at: 10 }), carriesParams: true }])).toEqual(['params-on-ping@2'])
  })
  it('is silent on a bare ping', () => {
    expect(findings([...started(), { ...ev('ping', { at: 10 }), carriesParams: false }])).toEqual([])
  })
})

describe('custom-metadata-invalid', () => {
  const meta = (type: string, entries: Array<{ key: string; value: unknown }>): TrackingEvent => ({ ...ev(type, { at: 1 }), customMetadata: entries })
  it('flags metadata on the wrong event, bad keys, reserved prefixes and non-string values', () => {
    const engine = createEngine()
    ingest(engine, one(ev('sessionStart', { at: 0 })), DEFAULT_SETTINGS)
    const [misplaced] = ingest(engine, one(meta('play', [{ key: 'show', value: 'x' }])), DEFAULT_SETTINGS).events
    expect(misplaced!.findings).toMatchObject([{ rule: 'custom-metadata-invalid', severity: 'warning' }])
    const [bad] = ingest(engine, one(meta('adStart', [{ key: 'my key', value: 'x' }, { key: 'a.media.name', value: 'y' }, { key: 'n', value: 3 }])), DEFAULT_SETTINGS).events
    expect(bad!.findings.filter((f) => f.rule === 'custom-metadata-invalid')).toMatchObject([{ severity: 'error', message: expect.stringMatching(/"my key".*reserved prefix.*must be a string, not number/) }])
  })
  it('accepts string values under plain keys on sessionStart', () => {
    expect(findings([{ ...meta('sessionStart', [{ key: 'show.season', value: '3' }]), role: 'start', start: { kind: 'issued', sessionId: 'A' }, sessionId: null }])).toEqual([])
  })
})

describe('event-before-session-start', () => {
  const clientStart = (at: number, sid: string, since?: number): TrackingEvent => ({
    ...ev('sessionStart', { at, start: { kind: 'issued', sessionId: sid } }), idIssuer: 'client', ...(since === undefined ? {} : { sessionSince: T0 + since * 1000 }),
  })
  const clientEvent = (type: string, at: number, sid: string): TrackingEvent => ({ ...ev(type, { at, sid, playhead: at }), idIssuer: 'client' })
  it('fires for a client-issued ID first seen after tracking started, and for a batch that does not begin with sessionStart', () => {
    expect(findings([clientStart(0, 'HB1'), clientEvent('sessionEnd', 1, 'HB1'), clientEvent('play', 2, 'HB2')], undefined, LENIENT_PINGS)).toEqual(['event-before-session-start@2'])
    resetSeq()
    expect(findings([{ ...ev('play', { at: 1, sid: null }), batch: 'b1' }])).toEqual(['event-before-session-start@0'])
  })
  it('fires on the first start of a session whose calls came before it, though the capture seemed to begin mid-session', () => {
    const events = [clientEvent('play', 1, 'HB'), clientEvent('play', 2, 'HB'), clientStart(3, 'HB')]
    expect(findings(events, undefined, LENIENT_PINGS)).toEqual(['capture-began-mid-session@0', 'event-before-session-start@2'])
  })
  it('is silent when a start that points back to an earlier one arrives in a capture begun mid-session', () => {
    const events = [clientEvent('play', 1, 'HB'), clientEvent('play', 2, 'HB'), clientStart(3, 'HB', -60)]
    expect(findings(events, undefined, LENIENT_PINGS)).toEqual(['capture-began-mid-session@0'])
  })
  it('is silent for server-issued IDs (that is unknown-session-id) and after the start', () => {
    expect(only([ev('play', { at: 1, sid: 'X' })], 'event-before-session-start')).toEqual([])
    resetSeq()
    const start = { ...ev('sessionStart', { at: 0, start: { kind: 'issued', sessionId: 'HB' } }), idIssuer: 'client' as const }
    expect(findings([start, { ...ev('play', { at: 1, sid: 'HB' }), idIssuer: 'client' }])).toEqual([])
  })
})

describe('session-complete-missing', () => {
  const vod = (): TrackingEvent => ({ ...ev('sessionStart', { at: 0 }), summary: { contentType: 'VOD', length: 8 } })
  it('warns when the content was watched to the end and the session ended without sessionComplete', () => {
    expect(findings([vod(), ev('play', { at: 1 }), ev('sessionEnd', { at: 9, playhead: 8 })])).toEqual(['session-complete-missing@2'])
  })
  it('is silent when completed first, when abandoned early, and for live streams', () => {
    expect(findings([vod(), ev('play', { at: 1 }), ev('sessionComplete', { at: 9, playhead: 8 }), ev('sessionEnd', { at: 9.001, playhead: 8 })])).toEqual([])
    resetSeq()
    expect(findings([vod(), ev('play', { at: 1 }), ev('sessionEnd', { at: 5, playhead: 4 })])).toEqual([])
  })
})

describe('player-state-mismatch', () => {
  const states = (at: number, start: string[], end: string[] = []): TrackingEvent => ({ ...ev('statesUpdate', { at }), states: { start, end } })
  it('flags a state ended that never started, and the eleventh distinct state', () => {
    expect(findings([...started(), states(2, [], ['mute'])])).toEqual(['player-state-mismatch@2'])
    resetSeq()
    const names = Array.from({ length: 11 }, (_, i) => `state${i}`)
    expect(findings([...started(), states(2, names.slice(0, 10)), states(3, [names[10]!])])).toEqual(['player-state-mismatch@3'])
  })
  it('is silent for states started then ended', () => {
    expect(findings([...started(), states(2, ['fullscreen', 'mute']), states(3, [], ['mute'])])).toEqual([])
  })
})

describe('event-rejected-by-vendor', () => {
  it('fires when the vendor refuses an event of a session that looked healthy', () => {
    expect(findings([...started(), { ...ev('ping', { at: 10 }), vendorRejection: { status: 404, reason: 'HTTP 404: Not Found' } }])).toEqual(['event-rejected-by-vendor@2'])
  })
  it('stays quiet when another finding explains the refusal', () => {
    expect(findings([...started(), ev('sessionEnd', { at: 5 }), { ...ev('ping', { at: 10 }), vendorRejection: { status: 410, reason: 'HTTP 410' } }])).toEqual(['event-after-session-end@3'])
    resetSeq()
    expect(only([...started(), { ...ev('ping', { at: 10 }), missingFields: ['timestamp'], vendorRejection: { status: 400, reason: 'HTTP 400' } }], 'event-rejected-by-vendor')).toEqual([])
  })
  it('is information for a refusal the client is to retry, and the retry of the same event is no duplicate', () => {
    // The SDKs resend the same event (same timestamp) after a 503; the refused attempt was never recorded.
    const refused = { ...ev('pauseStart', { at: 10, playhead: 10 }), vendorRejection: { status: 503, reason: 'HTTP 503: Service Unavailable' } }
    const retry = ev('pauseStart', { at: 15, ts: 10, playhead: 10 })
    expect(findingsWithSeverity([...started(), refused, retry])).toEqual(['event-rejected-by-vendor@2:info'])
  })
  it('leaves the session as it was: the vendor did not apply the refused event', () => {
    const engine = createEngine()
    for (const event of [...started(), { ...ev('sessionEnd', { at: 10 }), vendorRejection: { status: 400, reason: 'HTTP 400' } }]) ingest(engine, one(event), DEFAULT_SETTINGS)
    expect(engine.sessions.get('adobe-media-edge:A')).toMatchObject({ state: 'active', events: 3, lastEventAt: T0 + 1000 })
  })
})
