import type { TrackingEvent } from '../protocols/tracking-event'
import { ZERO_COUNTS } from './finding'
import type { Expiry, ExpiryReason, Session } from './session'
import { canExpire } from './session'
import type { EngineSettings } from './settings'

/** When and why the vendor's backend will close `session` if nothing else happens; null if it cannot. Pure. */
export function expiryDue(session: Session, settings: EngineSettings): { reason: ExpiryReason; at: number } | null {
  if (!canExpire(session)) return null
  const candidates: Array<{ reason: ExpiryReason; at: number }> = [
    { reason: 'idle', at: session.lastEventAt + settings.idleTimeoutMs },
    { reason: 'playhead-stalled', at: session.lastPlayheadMoveAt + settings.playheadStallMs },
    { reason: 'too-old', at: session.startedAt + settings.maxSessionAgeMs },
  ]
  return candidates.reduce((earliest, next) => (next.at < earliest.at ? next : earliest))
}

/** A session first seen through `event`: a start, or an event whose ID was never issued. Pure. */
export function openSession(key: string, event: TrackingEvent): Session {
  const base: Session = {
    key,
    protocol: event.protocol,
    sessionId: null,
    idSource: null,
    state: 'pending',
    startedAt: event.observedAt,
    lastEventAt: event.observedAt,
    lastPlayheadMoveAt: event.observedAt,
    endedAt: null,
    playhead: event.playhead,
    rejection: null,
    expiry: null,
    summary: event.summary ?? {},
    events: 0,
    counts: ZERO_COUNTS,
    openFindings: [],
  }
  if (event.role !== 'start') return { ...base, sessionId: event.sessionId, idSource: 'unverified', state: 'active' }
  const outcome = event.start ?? { kind: 'not-visible' }
  if (outcome.kind === 'issued') return { ...base, sessionId: outcome.sessionId, idSource: 'issued', state: 'active' }
  if (outcome.kind === 'rejected') return { ...base, state: 'rejected', rejection: outcome.reason }
  return base
}

/** The session after the vendor's backend received `event`: lifecycle, timers and counters. Pure. */
export function transition(before: Session, event: TrackingEvent, settings: EngineSettings): Session {
  const after: Session = { ...before, events: before.events + 1 }
  const due = expiryDue(before, settings)
  if (due && event.observedAt >= due.at) {
    // The backend closed the session before this event arrived: it and everything after is lost.
    after.state = 'expired'
    after.expiry = { reason: due.reason, at: due.at, revealedBy: event.origin }
    return after
  }
  if (before.state === 'expired' && before.expiry && before.expiry.revealedBy === null) {
    after.expiry = { ...before.expiry, revealedBy: event.origin } satisfies Expiry
    return after
  }
  if (before.state === 'ended' || before.state === 'expired' || before.state === 'rejected') return after

  if (before.state === 'pending' && before.sessionId === null && event.sessionId !== null) {
    after.sessionId = event.sessionId
    after.idSource = 'adopted'
    after.state = 'active'
  }
  after.lastEventAt = Math.max(before.lastEventAt, event.observedAt)
  if (event.playhead !== null) {
    if (before.playhead === null || event.playhead !== before.playhead) after.lastPlayheadMoveAt = after.lastEventAt
    after.playhead = event.playhead
  }
  if (event.role === 'end') {
    after.state = 'ended'
    after.endedAt = event.observedAt
  } else if (event.role === 'complete' && after.state === 'active') {
    after.state = 'completed'
  }
  return after
}

/** The session after the clock reached `now` with no event: it may have expired. Pure. */
export function advanceClock(before: Session, now: number, settings: EngineSettings): Session {
  const due = expiryDue(before, settings)
  if (!due || now < due.at) return before
  return { ...before, state: 'expired', expiry: { reason: due.reason, at: due.at, revealedBy: null } }
}
