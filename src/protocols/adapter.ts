import type { CapturedRequest } from './captured-request'
import type { CaptureProblem, ProtocolId, TrackingEvent } from './tracking-event'

/** What an adapter made of one capture. */
export interface Decoded<Event = TrackingEvent> {
  events: Event[]
  problems: CaptureProblem[]
}

/**
 * What the user told Sessionscope about where a protocol's traffic goes, beyond the vendor's real hosts:
 * a proxy, a self-hosted clone, a stand-in server in tests. Host patterns: `host`, `host:port`, `*.domain`.
 */
export interface DecodeContext {
  hosts: readonly string[]
}

export const NO_EXTRA_HOSTS: DecodeContext = Object.freeze({ hosts: Object.freeze([]) })

/**
 * What a protocol's backend does with a session over time, as its vendor documents it. Every adapter states it:
 * a protocol gets a ping or expiry rule only by declaring that its backend has one.
 */
export interface SessionTimers {
  /** The client must send an event (a ping) at least every ping interval while a session is open. */
  readonly pings: boolean
  /** The backend closes a session after the idle, stalled-playhead and age timeouts (EngineSettings). */
  readonly expires: boolean
}

/**
 * For sessions that only end when ended: nothing is expected between events, and no timer closes them (a game
 * session may sit quiet for an hour; a VideoSDK room lasts while participants are in it).
 */
export const NO_SESSION_TIMERS: SessionTimers = Object.freeze({ pings: false, expires: false })

/**
 * What a protocol's backend does with traffic for a session it has closed, as its vendor documents it (or does not).
 * The end-of-session rules pick their severity from it, so every adapter states it.
 */
export interface SessionEnding {
  /**
   * A second end for a session already closed: 'dropped' silently (documented as safe: info), 'refused' with an
   * error, or 'undocumented' (both warnings: the client tears down twice, and the backend may not take it quietly).
   */
  readonly repeatedEnd: 'dropped' | 'refused' | 'undocumented'
  /**
   * Any other event for a session already closed: 'dropped' (documented loss: error), 'recoverable' (the ID stays
   * usable until it is retired: warning), or 'undocumented' (warning). A retired ID is an error whatever this says.
   */
  readonly laterEvents: 'dropped' | 'recoverable' | 'undocumented'
}

/**
 * Recognises one tracking protocol and translates its captures into TrackingEvents: the single definition of a
 * protocol, down to what its backend does with a session. Implementations are plain objects, pure, and never
 * throw: bad input becomes a CaptureProblem.
 */
export interface ProtocolAdapter<Id extends string = ProtocolId, Event extends { protocol: string } = TrackingEvent> {
  readonly id: Id
  /** Short label for people, e.g. "Adobe Media Edge". */
  readonly label: string
  /** Cheap test on the URL alone. Matches on path where it can: vendors run on first-party domains. */
  matchesUrl(url: URL, context?: DecodeContext): boolean
  /**
   * For sockets no adapter claims by URL: does this one text frame show the protocol (a GameSparks `@class`
   * envelope, on any host)? The page hook's relay asks it of a socket's first frames. Cheap; never throws.
   */
  matchesFrame?(text: string): boolean
  /**
   * For captures no adapter claims by URL: does their content show this protocol (a WebSocket whose frames
   * carry GameSparks `@class` envelopes, on any host)? Cheap; never throws.
   */
  matchesCapture?(capture: CapturedRequest): boolean
  /** webRequest match patterns covering every URL `matchesUrl` accepts by default, so the worker wakes only for these. */
  readonly webRequestPatterns: readonly string[]
  /**
   * webRequest match patterns of the requests whose response body carries what a session needs (Media Edge: the
   * session ID in sessionStart's answer). Where the browser lets an extension read response bodies itself
   * (Firefox), the worker reads these, so a request the page hook cannot see (from a web or service worker, a
   * page opened before the extension) still gives its session an ID. Every read holds the request up a little,
   * so only these few. Absent: none.
   */
  readonly responseBodyPatterns?: readonly string[]
  /**
   * Never throws. Zero events and zero problems means "not a tracking request after all". `url` is the capture's
   * URL when the caller has parsed it already (decodeCapture shares the parse that chose the adapter).
   */
  decode(capture: CapturedRequest, context?: DecodeContext, url?: URL | null): Decoded<Event>
  /** The session timers the backend runs. */
  readonly timers: SessionTimers
  /**
   * The backend reorders a session's events by client timestamp before applying them, so the session machine
   * applies them in that order and the ordering rules apply.
   */
  readonly reordersByTimestamp: boolean
  /** What the backend does with a second end, and with other events, once a session is closed. */
  readonly ending: SessionEnding
  /**
   * What the backend does with an event type it does not define: 'rejected' (the adapter's list is the vendor's
   * whole list), or 'unverified' (the documented list is known to be incomplete, so an unknown type may pass).
   */
  readonly unknownTypes: 'rejected' | 'unverified'
  /**
   * While playback is paused or buffering, the client repeats its pauseStart or bufferStart call in place of a ping
   * (legacy heartbeats), so the repeat is judged as a ping. False for protocols with no playback.
   */
  readonly repeatsHeldStateAsPing: boolean
}

/** The capture's URL: the caller's parse when it passed one, else a fresh one; null when it is not a URL. */
export function captureUrl(capture: CapturedRequest, parsed?: URL | null): URL | null {
  return parsed !== undefined ? parsed : parseUrl(capture.url)
}

/** A URL, or null when the text is not one. Never throws. */
export function parseUrl(text: string): URL | null {
  try {
    return new URL(text)
  } catch {
    return null
  }
}

export const NOTHING: Decoded<never> = Object.freeze({ events: [], problems: [] })

/** A capture that decodes into no event, only a problem. */
export function captureProblem(protocol: ProtocolId, capture: CapturedRequest, kind: CaptureProblem['kind'], reason: string, frame: number | null = null): Decoded<never> {
  return { events: [], problems: [{ protocol, kind, capture: capture.seq, frame, reason }] }
}
