import type { GameSparksFacts } from './gamesparks/facts'
import type { ProtocolId } from './index'
import type { VideoSdkFacts } from './videosdk/facts'

export type { ProtocolId } from './index'

/** The part an event plays in the shared session lifecycle; everything else is 'event'. */
export type LifecycleRole = 'start' | 'end' | 'complete' | 'event'

/**
 * What the vendor answered to a session start, as far as the capture shows it.
 * 'not-visible': the response (or its body) was not captured, so the session ID is unknown.
 */
export type StartOutcome =
  | { kind: 'issued'; sessionId: string }
  | { kind: 'rejected'; status: number | null; reason: string }
  | { kind: 'not-visible' }

/** Where in the capture log an event came from; findings point back through it. */
export interface EventOrigin {
  /** `CapturedRequest.seq` */
  capture: number
  /** Index among the events decoded from that capture. */
  ordinal: number
  /** Index in the capture's WebSocket frames, or null for plain HTTP. */
  frame: number | null
}

export type IssueSeverity = 'error' | 'warning' | 'info'

/** A field value the vendor's schema rejects (error) or discourages (warning, info). */
export interface FieldIssue {
  /** Where, as the vendor names it: `mediaCollection.playhead`, `params.media.length`, `l:event:ts`. */
  path: string
  /** What is wrong, for people: "must be an integer, not 12.5". */
  problem: string
  severity: IssueSeverity
  /**
   * What is wrong regardless of the value ("not an integer"): a session's issues of one field and kind are one
   * finding, whatever each value. Without it, each distinct problem (an unlisted value) is its own finding.
   */
  kind?: string
}

/** One protocol-neutral event decoded from a capture. Pure data. */
export interface TrackingEvent {
  protocol: ProtocolId
  origin: EventOrigin
  /**
   * The event in Adobe's media vocabulary ('sessionStart', 'play', 'ping', 'adBreakStart', …) or the
   * vendor's own name for anything else.
   */
  type: string
  /** False when the vendor does not define this event type. */
  typeKnown: boolean
  role: LifecycleRole
  /**
   * Who creates session IDs. 'server': an ID no start issued is unknown to the vendor. 'client' (legacy
   * heartbeats): an ID seen before its start means events sent before the session began. 'external' (VideoSDK
   * rooms, usually created by a back end before the page runs): an unseen ID is normal, and a start for an ID
   * whose session is open joins it.
   */
  idIssuer: 'server' | 'client' | 'external'
  /** The event retires its session ID for good (a VideoSDK room deactivated): any later use of it, even a new start, fails. */
  retiresId?: boolean
  /** GameSparks facts, worked out by its adapter over the whole socket, in order. */
  gamesparks?: GameSparksFacts
  /** VideoSDK facts: the request's token, endpoint and room as the rules need them. */
  videosdk?: VideoSdkFacts
  /** The session ID exactly as sent; null when the event carries none. */
  sessionId: string | null
  /**
   * A moment (ms since the epoch) at which the event shows its session already existed: a back reference to an
   * earlier event of the session (heartbeats' `l:event:prev_ts`). Lets a capture that began mid-session be told
   * from events sent before their session's start.
   */
  sessionSince?: number
  /** Offline batches (downloaded content): the events of one batch are one session without a vendor ID. */
  batch?: string
  /** Only for role 'start'. */
  start?: StartOutcome
  /** Seconds of main content, when the event carries one. */
  playhead: number | null
  /** The client's own timestamp for the event, ms since the epoch. */
  clientTime: number | null
  /** When the request carrying the event was observed, ms since the epoch. */
  observedAt: number
  /** For URL-per-action APIs: the action named by the URL (e.g. `/va/v1/play` → 'play'). */
  urlAction?: string
  /** Dotted paths of fields the vendor requires for this event but that are absent. */
  missingFields: string[]
  /** Present fields with values the vendor's schema rejects or discourages. */
  invalidFields: FieldIssue[]
  /** Required by the vendor's schema but omitted by the vendor's own examples: reported as info only. */
  missingDocumentedOptional?: string[]
  /** Human-facing fields for the session list (content name, player, content type, length…): from the start, and facts from any event. */
  summary?: SessionSummaryFields
  adBreak?: { index?: number; offset?: number; name?: string }
  ad?: { id?: string; name?: string; length?: number; podPosition?: number }
  chapter?: { index?: number; offset?: number; length?: number; name?: string }
  /** Player states this event starts and ends (statesUpdate, stateStart, stateEnd). */
  states?: { start: string[]; end: string[] }
  /** Which asset the event is about. Heartbeats report the ad's own playhead during ads. */
  asset?: 'main' | 'ad'
  /** Heartbeats send no ad-break events: an ad start opens its break and main content closes it. */
  implicitAdBreak?: boolean
  /** Custom metadata the event carries, as key and value. */
  customMetadata?: Array<{ key: string; value: unknown }>
  /** True when the event carries parameters beyond playhead, session ID and QoE (a ping must not). */
  carriesParams?: boolean
  /** The vendor answered this event with an error status: it was not recorded. */
  vendorRejection?: { status: number; reason: string }
  /** The decoded payload of this event, for display. */
  details: unknown
}

export interface SessionSummaryFields {
  name?: string
  contentType?: string
  length?: number
  playerName?: string
  channel?: string
  /**
   * Protocol-specific facts for people, by label ("Room", "Participants", "User", "Session duration").
   * Later events add to them; a later value for a label replaces the earlier one.
   */
  facts?: Record<string, string>
}

/** A problem with a capture as a whole, found while decoding it (e.g. a body that is not JSON). */
export interface CaptureProblem {
  protocol: ProtocolId
  /**
   * 'malformed': the data is there but broken; 'not-visible': no capture source could see it; 'truncated': a
   * body or frame was cut at the capture size limit; 'dropped': reports about it were lost at a capture limit.
   */
  kind: 'malformed' | 'not-visible' | 'truncated' | 'dropped'
  capture: number
  frame: number | null
  reason: string
}

/** Stable id of an event within one capture log. */
export function eventId(origin: EventOrigin): string {
  return `${origin.capture}:${origin.ordinal}`
}

/**
 * An event with every field present, the optional ones undefined when the adapter leaves them out, always in
 * this order: events of every adapter and kind then share one hidden class in V8, so the session machine and
 * the rules read them without megamorphic lookups. On large captures that was a fifth of the engine's time.
 */
export function trackingEvent(fields: TrackingEvent): TrackingEvent {
  return {
    protocol: fields.protocol,
    origin: fields.origin,
    type: fields.type,
    typeKnown: fields.typeKnown,
    role: fields.role,
    idIssuer: fields.idIssuer,
    retiresId: fields.retiresId,
    gamesparks: fields.gamesparks,
    videosdk: fields.videosdk,
    sessionId: fields.sessionId,
    sessionSince: fields.sessionSince,
    batch: fields.batch,
    start: fields.start,
    playhead: fields.playhead,
    clientTime: fields.clientTime,
    observedAt: fields.observedAt,
    urlAction: fields.urlAction,
    missingFields: fields.missingFields,
    invalidFields: fields.invalidFields,
    missingDocumentedOptional: fields.missingDocumentedOptional,
    summary: fields.summary,
    adBreak: fields.adBreak,
    ad: fields.ad,
    chapter: fields.chapter,
    states: fields.states,
    asset: fields.asset,
    implicitAdBreak: fields.implicitAdBreak,
    customMetadata: fields.customMetadata,
    carriesParams: fields.carriesParams,
    vendorRejection: fields.vendorRejection,
    details: fields.details,
  }
}
