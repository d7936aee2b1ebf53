/** A compact way to write TrackingEvents in tests: one capture per event, times in seconds. */
import type { Decoded } from '../../src/protocols/adapter'
import type { AdobeMediaEvent } from '../../src/protocols/adobe-media/event'
import type { LifecycleRole, StartOutcome, TrackingEvent } from '../../src/protocols/tracking-event'

export const T0 = Date.parse('2026-01-15T02:00:00.000Z')

const ROLES: Record<string, LifecycleRole> = { sessionStart: 'start', sessionEnd: 'end', sessionComplete: 'complete' }

export interface EventOptions {
  /** Observed time, seconds after T0. */
  at: number
  /** Client timestamp, seconds after T0 (defaults to `at`; null for none). */
  ts?: number | null
  sid?: string | null
  playhead?: number | null
  start?: StartOutcome
  seq?: number
}

let nextSeq = 0

export function resetSeq(): void {
  nextSeq = 0
}

export function ev(type: string, options: EventOptions): AdobeMediaEvent {
  const role = ROLES[type] ?? 'event'
  const seq = options.seq ?? nextSeq++
  const event: AdobeMediaEvent = {
    protocol: 'adobe-media-edge',
    origin: { capture: seq, ordinal: 0, frame: null },
    type,
    typeKnown: true,
    role,
    idIssuer: 'server',
    sessionId: role === 'start' ? null : options.sid === undefined ? 'A' : options.sid,
    playhead: options.playhead === undefined ? 0 : options.playhead,
    clientTime: options.ts === null ? null : T0 + (options.ts ?? options.at) * 1000,
    observedAt: T0 + options.at * 1000,
    missingFields: [],
    invalidFields: [],
    details: null,
  }
  if (role === 'start') event.start = options.start ?? { kind: 'issued', sessionId: 'A' }
  return event
}

export function one(event: TrackingEvent): Decoded {
  return { events: [event], problems: [] }
}
