import type { Decoded } from './adapter'
import type { adapters, ProtocolId } from './index'

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

/**
 * One event decoded from a capture: the common core (EventCore) and its protocol's own fields, told apart by
 * `protocol`. The union is read off the registry: each adapter's `decode` says what its events are, so a new
 * protocol's events join it with the adapter's registry line. Pure data.
 */
export type TrackingEvent = DecodedEvent extends infer Event ? (Event extends unknown ? Event & OthersAbsent<Event> : never) : never

type DecodedEvent = EventsOf<(typeof adapters)[number]>

type EventsOf<Adapter> = Adapter extends { decode(...args: never[]): Decoded<infer Event> } ? Event : never

type KeysOfAny<Union> = Union extends unknown ? keyof Union : never

/**
 * The other protocols' own fields, declared absent: code about all events reads `event.reading` or `event.asset`
 * and gets undefined for protocols without one, and narrowing on `protocol` types it.
 */
type OthersAbsent<Event> = { [Field in Exclude<KeysOfAny<DecodedEvent>, keyof Event>]?: undefined }

/** The events of one protocol. */
export type EventOf<Protocol extends ProtocolId> = Extract<TrackingEvent, { protocol: Protocol }>

/** The protocol's own reading of an event (`reading`), or undefined for an event of another protocol. */
export function readingOf<Protocol extends ProtocolId>(event: TrackingEvent, protocol: Protocol): EventOf<Protocol>['reading'] | undefined {
  return event.protocol === protocol ? (event as unknown as Pick<EventOf<Protocol>, 'reading'>).reading : undefined
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
 * the rules read them without megamorphic lookups. A protocol's own data goes in `reading`; the check below
 * the function fails to compile when an event type has a field this list would drop.
 */
export function trackingEvent<const Protocol extends ProtocolId>(fields: { protocol: Protocol } & NoInfer<EventOf<Protocol>>): EventOf<Protocol> {
  return everyField(fields) as EventOf<Protocol>
}

function everyField(fields: TrackingEvent) {
  return {
    protocol: fields.protocol,
    origin: fields.origin,
    type: fields.type,
    typeKnown: fields.typeKnown,
    role: fields.role,
    idIssuer: fields.idIssuer,
    retiresId: fields.retiresId,
    observed: fields.observed,
    timer: fields.timer,
    reading: fields.reading,
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

/** Names a field of some protocol's events that everyField() does not copy (it would be lost): put it in `reading`. */
type FieldNotCopied = Exclude<KeysOfAny<TrackingEvent>, keyof ReturnType<typeof everyField>>
export const EVERY_FIELD_COPIED: [FieldNotCopied] extends [never] ? true : FieldNotCopied = true
