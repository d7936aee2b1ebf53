/** Each rule fires on the misuse it names and stays silent on the correct sequence next to it. */
import { beforeEach, describe, expect, it } from 'vitest'
import type { TrackingEvent } from '../../../src/protocols/tracking-event'
import { createEngine, ingest, tick } from '../../../src/session/engine'
import type { Finding } from '../../../src/session/finding'
import { ruleById } from '../../../src/session/rules'
import { DEFAULT_SETTINGS } from '../../../src/session/settings'
import { ev, one, resetSeq, T0 } from '../../helpers/events'

/** Every finding of a run, as `rule@capture` (capture null: about the session as a whole). */
function findings(events: TrackingEvent[], clockUntil?: number): string[] {
  const engine = createEngine()
  const latest = new Map<number, Finding[]>()
  for (const event of events) for (const r of ingest(engine, one(event), DEFAULT_SETTINGS).events) latest.set(r.event.origin.capture, r.findings)
  if (clockUntil !== undefined) tick(engine, T0 + clockUntil * 1000, DEFAULT_SETTINGS)
  const pinned = [...latest.entries()].sort(([a], [b]) => a - b).flatMap(([, list]) => list.map((f) => `${f.rule}@${f.at?.capture}`))
  const open = [...engine.sessions.values()].flatMap((s) => s.openFindings.map((f) => `${f.rule}@session`))
  return [...pinned, ...open]
}

function only(events: TrackingEvent[], rule: string, clockUntil?: number): string[] {
  return findings(events, clockUntil).filter((f) => f.startsWith(`${rule}@`))
}

const started = (): TrackingEvent[] => [ev('sessionStart', { at: 0 }), ev('play', { at: 1 })]

beforeEach(resetSeq)

describe('unknown-session-id', () => {
  it('fires once, on the first event with an ID no start issued', () => {
    expect(only([...started(), ev('ping', { at: 10, sid: 'NEVER' }), ev('ping', { at: 20, sid: 'NEVER' })], 'unknown-session-id')).toEqual(['unknown-session-id@2'])
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
    expect(only([...started(), ev('sessionComplete', { at: 30 }), ev('ping', { at: 31 })], 'event-after-session-complete')).toEqual(['event-after-session-complete@3'])
  })
  it('accepts sessionEnd after sessionComplete', () => {
    expect(findings([...started(), ev('sessionComplete', { at: 30 }), ev('sessionEnd', { at: 31 })])).toEqual([])
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
})

describe('session-too-old', () => {
  function day(hours: number): TrackingEvent[] {
    const events = [ev('sessionStart', { at: 0 })]
    for (let at = 300; at <= hours * 3600; at += 300) events.push(ev('ping', { at, playhead: at }))
    return events
  }
  it('fires on the first event at 24 hours', () => {
    expect(only(day(24), 'session-too-old')).toEqual([`session-too-old@${24 * 12}`])
  })
  it('is silent at 23 h 55 min', () => {
    expect(findings(day(23 + 55 / 60))).toEqual([])
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
