import type { EventOrigin, FieldIssue, LifecycleRole, ProtocolId, SessionSummaryFields, StartOutcome } from './tracking-event'

/** What every protocol's events carry: what the session machine and the protocol-neutral rules read. Pure data. */
export interface EventCore<Protocol extends ProtocolId = ProtocolId, Type extends string = string> {
  protocol: Protocol
  origin: EventOrigin
  /** The event type as reports show it: the media vocabulary ('sessionStart', 'play', 'ping', …) or the vendor's own name. */
  type: Type
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
  /** Dotted paths of fields the vendor requires for this event but that are absent. */
  missingFields: string[]
  /** Present fields with values the vendor's schema rejects or discourages. */
  invalidFields: FieldIssue[]
  /** Required by the vendor's schema but omitted by the vendor's own examples: reported as info only. */
  missingDocumentedOptional?: string[]
  /** Human-facing fields for the session list (content name, player, content type, length…): from the start, and facts from any event. */
  summary?: SessionSummaryFields
  /** The vendor answered this event with an error status: it was not recorded. */
  vendorRejection?: { status: number; reason: string }
  /**
   * The event reports what the vendor's side did or holds (a server's answer or push, a read of the session's
   * state) rather than asking the session to record something: nothing of it is lost after the session ends, and
   * an end it carries is observed, not requested a second time.
   */
  observed?: boolean
  /**
   * A named timer the event opens or closes within its session (GameSparks analytics timers): the session keeps
   * the open ones, so rules can tell a timer closed that was never opened, or left open at the end.
   */
  timer?: { key: string; action: 'start' | 'end' }
  /** The decoded payload of this event, for display. */
  details: unknown
}
