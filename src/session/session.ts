import type { EventOrigin, ProtocolId, SessionSummaryFields, TrackingEvent } from '../protocols/tracking-event'
import type { Counts, Finding } from './finding'

export type LifecycleState = 'pending' | 'active' | 'completed' | 'ended' | 'expired' | 'rejected'

/** Why a session expired: the three ways Adobe's backend closes a session without sessionEnd. */
export type ExpiryReason = 'idle' | 'playhead-stalled' | 'too-old'

/**
 * How the session ID became known: issued by the start response; adopted from the first event that used it
 * while the start's response was not visible; only ever seen on events (never issued in this capture); or issued
 * before the capture began ('before-capture': the capture started in the middle of the session).
 */
export type IdSource = 'issued' | 'adopted' | 'unverified' | 'client' | 'batch' | 'external' | 'before-capture'

/** Playback as the vendor infers it from play, pauseStart and bufferStart. */
export type PlaybackState = 'starting' | 'playing' | 'paused' | 'buffering'

export interface Expiry {
  reason: ExpiryReason
  /** Observed time at which the vendor closed the session. */
  at: number
  /** The first event that arrived for the expired session, if any. */
  revealedBy: EventOrigin | null
}

/** The state of one tracking session. Plain, immutable data: `step` returns a new object. */
export interface Session {
  key: string
  protocol: ProtocolId
  sessionId: string | null
  idSource: IdSource | null
  /** A start of this session was applied (a session opened by another event may see its start later, or never). */
  sawStart: boolean
  state: LifecycleState
  /** Observed times, ms since the epoch. */
  startedAt: number
  lastEventAt: number
  lastPlayheadMoveAt: number
  endedAt: number | null
  /** The event type that ended the session (sessionEnd, EndSessionRequest, …). */
  endedBy: string | null
  /** The ID can never be used again (a VideoSDK room deactivated). */
  retired: boolean
  playhead: number | null
  /** Why the vendor refused the start (state 'rejected'). */
  rejection: string | null
  expiry: Expiry | null
  summary: SessionSummaryFields
  playback: PlaybackState
  /** The playhead when pause or buffering began. */
  heldPlayhead: number | null
  adBreak: { openedAt: number; playhead: number | null; implicit: boolean; playheadMoved: boolean } | null
  ad: { openedAt: number; id: string | null } | null
  chapter: { openedAt: number; index: number | null } | null
  /**
   * Named timers the client started and has not ended (GameSparks analytics timers, by key; '' for none). Kept by
   * the session, not the socket: a client that reconnects to resume its session carries its timers over.
   */
  openTimers: readonly string[]
  /** Player states currently on, and every state ever seen (Adobe keeps only the first 10). */
  states: string[]
  statesSeen: string[]
  /** Client timestamps (ms): of the previous event applied (null if it had none), and the highest applied. */
  lastClientTime: number | null
  maxClientTime: number | null
  events: number
  /** Rules that report only the first occurrence per session, and have. */
  reported: string[]
  /** `rule␟group` of the grouped findings reported so far (FindingDraft.group); later ones are repeats. */
  groups: readonly string[]
  counts: Counts
  /** Findings about the session as a whole, with no event behind them (e.g. expired and never heard of again). */
  openFindings: Finding[]
}

/** States in which the vendor's backend no longer accepts events for the session. */
export function isClosed(session: Session): boolean {
  return session.state === 'ended' || session.state === 'expired'
}

/**
 * A play that ends a pause. The media SDKs send a seek as pauseStart (SeekStart) followed by play (SeekComplete),
 * so such a play may carry a playhead far from where the pause held it.
 */
export function endsSeek(before: Session, event: TrackingEvent): boolean {
  return event.type === 'play' && before.playback === 'paused'
}

/** States in which the session can still time out. */
export function canExpire(session: Session): boolean {
  return session.state === 'pending' || session.state === 'active' || session.state === 'completed'
}

/**
 * A shallow copy, field by field. Every event copies its session, and V8 copies an object this large far faster
 * from a literal than by spread (`{ ...session }`). TypeScript insists every field is listed.
 */
export function copySession(s: Session): Session {
  return {
    key: s.key,
    protocol: s.protocol,
    sessionId: s.sessionId,
    idSource: s.idSource,
    sawStart: s.sawStart,
    state: s.state,
    startedAt: s.startedAt,
    lastEventAt: s.lastEventAt,
    lastPlayheadMoveAt: s.lastPlayheadMoveAt,
    endedAt: s.endedAt,
    endedBy: s.endedBy,
    retired: s.retired,
    playhead: s.playhead,
    rejection: s.rejection,
    expiry: s.expiry,
    summary: s.summary,
    playback: s.playback,
    heldPlayhead: s.heldPlayhead,
    adBreak: s.adBreak,
    ad: s.ad,
    chapter: s.chapter,
    openTimers: s.openTimers,
    states: s.states,
    statesSeen: s.statesSeen,
    lastClientTime: s.lastClientTime,
    maxClientTime: s.maxClientTime,
    events: s.events,
    reported: s.reported,
    groups: s.groups,
    counts: s.counts,
    openFindings: s.openFindings,
  }
}
