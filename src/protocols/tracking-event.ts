/** The protocol ids of the JSON report contract (DESIGN.md). */
export type ProtocolId =
  | 'adobe-media-edge'
  | 'adobe-media-collection'
  | 'adobe-heartbeat'
  | 'gamesparks'
  | 'videosdk'

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

/** One protocol-neutral event decoded from a capture. Pure data. */
export interface TrackingEvent {
  protocol: ProtocolId
  origin: EventOrigin
  /** The vendor's event name without namespace, e.g. 'sessionStart', 'play', 'ping'. */
  type: string
  role: LifecycleRole
  /** The session ID exactly as sent; null when the event carries none. */
  sessionId: string | null
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
  /** Required by the vendor's schema but omitted by the vendor's own examples: reported as info only. */
  missingDocumentedOptional?: string[]
  /** Human-facing fields for the session list (content name, player, content type, length…). */
  summary?: SessionSummaryFields
  /** The decoded payload of this event, for display. */
  details: unknown
}

export interface SessionSummaryFields {
  name?: string
  contentType?: string
  length?: number
  playerName?: string
  channel?: string
}

/** A problem with a capture as a whole, found while decoding it (e.g. a body that is not JSON). */
export interface CaptureProblem {
  protocol: ProtocolId
  /** 'malformed': the data is there but broken; 'not-visible': no capture source could see it. */
  kind: 'malformed' | 'not-visible'
  capture: number
  frame: number | null
  reason: string
}

/** Stable id of an event within one capture log. */
export function eventId(origin: EventOrigin): string {
  return `${origin.capture}:${origin.ordinal}`
}
