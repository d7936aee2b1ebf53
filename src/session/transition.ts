import { sessionTimers } from '../protocols'
import type { AdobeMediaEvent } from '../protocols/adobe-media/event'
import { isAdobeMedia } from '../protocols/adobe-media/event'
import type { TrackingEvent } from '../protocols/tracking-event'
import { ZERO_COUNTS } from './finding'
import type { Expiry, ExpiryReason, Session } from './session'
import { canExpire, copySession, endsSeek, isClosed } from './session'
import type { EngineSettings } from './settings'

/** When and why the vendor's backend will close `session` if nothing else happens; null if it cannot. Pure. */
export function expiryDue(session: Session, settings: EngineSettings): { reason: ExpiryReason; at: number } | null {
  if (!canExpire(session) || !sessionTimers(session.protocol).expires) return null
  // The earliest of the three timers; on a tie, the first listed. Checked on every event, so no lists or closures.
  let reason: ExpiryReason = 'idle'
  let at = session.lastEventAt + settings.idleTimeoutMs
  const stalledAt = session.lastPlayheadMoveAt + settings.playheadStallMs
  if (stalledAt < at) {
    reason = 'playhead-stalled'
    at = stalledAt
  }
  const tooOldAt = session.startedAt + settings.maxSessionAgeMs
  if (tooOldAt < at) {
    reason = 'too-old'
    at = tooOldAt
  }
  return { reason, at }
}

/** How a session's ID is known when the session is first seen through an event other than its start. */
const IDLESS_SOURCE = { server: 'unverified', client: 'client', external: 'external' } as const

/**
 * A session first seen through `event`: a start, or an event whose ID was never issued. `beganBeforeCapture`: the
 * engine found that the session's ID was issued before the capture began (see `EngineState.began`). Pure.
 */
export function openSession(key: string, event: TrackingEvent, beganBeforeCapture = false): Session {
  const base: Session = {
    key,
    protocol: event.protocol,
    sessionId: null,
    idSource: null,
    sawStart: event.role === 'start',
    state: 'pending',
    startedAt: event.observedAt,
    lastEventAt: event.observedAt,
    lastPlayheadMoveAt: event.observedAt,
    endedAt: null,
    endedBy: null,
    retired: false,
    playhead: event.playhead,
    rejection: null,
    expiry: null,
    summary: event.summary ?? {},
    playback: 'starting',
    heldPlayhead: null,
    adBreak: null,
    ad: null,
    chapter: null,
    openTimers: [],
    states: [],
    statesSeen: [],
    lastClientTime: null,
    maxClientTime: null,
    events: 0,
    reported: [],
    groups: [],
    counts: ZERO_COUNTS,
    openFindings: [],
  }
  if (event.batch !== undefined) return { ...base, idSource: 'batch', state: 'active' }
  if (event.role !== 'start') {
    // Its start, and any play, came before this event if at all: taken as playing, no rule waits for a play.
    const idSource = beganBeforeCapture ? 'before-capture' : IDLESS_SOURCE[event.idIssuer]
    return { ...base, sessionId: event.sessionId, idSource, state: 'active', playback: 'playing' }
  }
  const outcome = event.start ?? { kind: 'not-visible' }
  if (outcome.kind === 'issued') {
    return { ...base, sessionId: outcome.sessionId, idSource: event.idIssuer === 'server' ? 'issued' : IDLESS_SOURCE[event.idIssuer], state: 'active' }
  }
  if (outcome.kind === 'rejected') return { ...base, state: 'rejected', rejection: outcome.reason }
  return base
}

/** The session after the vendor's backend received `event`: lifecycle, sub-states, timers. Pure. */
export function transition(before: Session, event: TrackingEvent, settings: EngineSettings): Session {
  const after = copySession(before)
  after.events++
  // Retiring an ID (deactivating a room) works whatever state its last session is in.
  if (event.retiresId) {
    after.retired = true
    // A session that had already ended is now also retired: later findings name what retired it.
    if (isClosed(before)) after.endedBy = event.type
  }
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
  // The vendor did not record a refused event (a 400, or a 503 the client is to retry): it changes the session in
  // nothing, and a retry, when it comes, is the event the vendor records. The client did send it in time, though:
  // its timestamp still covers the ping cadence.
  if (event.vendorRejection && event.role !== 'start') {
    if (event.clientTime !== null) after.maxClientTime = Math.max(before.maxClientTime ?? event.clientTime, event.clientTime)
    return after
  }

  if (before.state === 'pending' && before.sessionId === null && event.sessionId !== null) {
    after.sessionId = event.sessionId
    after.idSource = 'adopted'
    after.state = 'active'
  }
  after.lastEventAt = Math.max(before.lastEventAt, event.observedAt)
  if (event.role === 'start') {
    // A start that joins a session seen before (a repeated heartbeat start, a late start) adds what it says of the content.
    if (before.events > 0 && event.summary) {
      const facts = before.summary.facts || event.summary.facts ? { facts: { ...before.summary.facts, ...event.summary.facts } } : {}
      after.summary = { ...before.summary, ...event.summary, ...facts }
    }
    after.sawStart = true
  }
  if (event.summary?.facts && event.role !== 'start') after.summary = { ...before.summary, facts: { ...before.summary.facts, ...event.summary.facts } }
  // The backend forwards sessionStart at once instead of buffering it with the rest, so its timestamp orders
  // nothing: the Web SDK stamps it after the calls made in the same tick, and that is harmless. A start sent again
  // for a session already under way (heartbeats) is one of its calls like any other.
  if (event.role !== 'start' || before.events > 0) {
    after.lastClientTime = event.clientTime
    if (event.clientTime !== null) after.maxClientTime = Math.max(before.maxClientTime ?? event.clientTime, event.clientTime)
  }
  const mainPlayhead = event.asset === 'ad' ? null : event.playhead
  if (mainPlayhead !== null) {
    if (before.playhead === null || mainPlayhead !== before.playhead) after.lastPlayheadMoveAt = after.lastEventAt
    after.playhead = mainPlayhead
    if (before.adBreak && before.adBreak.playhead !== null && mainPlayhead !== before.adBreak.playhead) {
      // A play that ends a pause with the playhead elsewhere is a seek (SeekStart goes out as pauseStart, SeekComplete
      // as play): the viewer moved, the break now holds the new position.
      after.adBreak = endsSeek(before, event) ? { ...before.adBreak, playhead: mainPlayhead } : { ...before.adBreak, playheadMoved: true }
    }
  }
  // Playback, ads, chapters and player states are Adobe's media session.
  if (isAdobeMedia(event)) {
    applyPlayback(after, event)
    applyAds(after, before, event)
    applyChapters(after, event)
    applyStates(after, event)
  }
  if (event.timer) applyTimer(after, event.timer)
  if (event.role === 'end') {
    after.state = 'ended'
    after.endedAt = event.observedAt
    after.endedBy = event.type
  } else if (event.role === 'complete' && after.state === 'active') {
    after.state = 'completed'
  }
  return after
}

function applyPlayback(after: Session, event: AdobeMediaEvent): void {
  if (event.asset === 'ad') return
  if (event.type === 'play') {
    after.playback = 'playing'
    after.heldPlayhead = null
  } else if (event.type === 'pauseStart' || event.type === 'bufferStart') {
    const held = event.type === 'pauseStart' ? 'paused' : 'buffering'
    if (after.playback !== held) after.heldPlayhead = event.playhead ?? after.playhead
    after.playback = held
  }
}

function applyAds(after: Session, before: Session, event: AdobeMediaEvent): void {
  const at = event.observedAt
  switch (event.type) {
    case 'adBreakStart':
      after.adBreak = { openedAt: at, playhead: after.playhead, implicit: false, playheadMoved: false }
      after.ad = null
      return
    case 'adBreakComplete':
      after.adBreak = null
      after.ad = null
      return
    case 'adStart':
      if (!after.adBreak && event.implicitAdBreak) after.adBreak = { openedAt: at, playhead: after.playhead, implicit: true, playheadMoved: false }
      after.ad = { openedAt: at, id: event.ad?.id ?? null }
      return
    case 'adComplete':
    case 'adSkip':
      after.ad = null
      return
  }
  // Heartbeats: main content after the last ad closes the break the ads opened.
  if (event.asset === 'main' && before.adBreak?.implicit && !before.ad && event.role !== 'start') after.adBreak = null
}

function applyChapters(after: Session, event: AdobeMediaEvent): void {
  if (event.type === 'chapterStart') after.chapter = { openedAt: event.observedAt, index: event.chapter?.index ?? null }
  else if (event.type === 'chapterComplete' || event.type === 'chapterSkip') after.chapter = null
}

/** Named timers the session keeps open (GameSparks analytics timers). */
function applyTimer(after: Session, timer: NonNullable<TrackingEvent['timer']>): void {
  if (timer.action === 'start') {
    if (!after.openTimers.includes(timer.key)) after.openTimers = [...after.openTimers, timer.key]
  } else {
    after.openTimers = after.openTimers.filter((open) => open !== timer.key)
  }
}

function applyStates(after: Session, event: AdobeMediaEvent): void {
  if (!event.states) return
  const active = new Set(after.states)
  for (const name of event.states.end) active.delete(name)
  for (const name of event.states.start) active.add(name)
  after.states = [...active]
  const seen = new Set(after.statesSeen)
  for (const name of event.states.start) seen.add(name)
  after.statesSeen = [...seen]
}

/** The session after the clock reached `now` with no event: it may have expired. Pure. */
export function advanceClock(before: Session, now: number, settings: EngineSettings): Session {
  const due = expiryDue(before, settings)
  if (!due || now < due.at) return before
  return { ...before, state: 'expired', expiry: { reason: due.reason, at: due.at, revealedBy: null } }
}
