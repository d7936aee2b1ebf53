/**
 * What the GameSparks adapter works out about each message, for the GameSparks rules. The adapter reads a whole
 * socket in frame order, so readings that depend on earlier or later frames (the handshake so far, open analytics
 * timers, the answer to a request) are settled here, and the rules only judge them. Plain data.
 */
export interface GameSparksReading {
  /** A frame of the WebSocket channel, a Requests REST API call, or a Cloud Code callback. */
  transport: 'socket' | 'rest' | 'callback'
  /** 'send': client → server; 'receive': server → client (responses and pushes). REST and callbacks are 'send'. */
  direction: 'send' | 'receive'
  /** `@class` as sent ('.LogEventRequest'); null when absent or not a string. */
  className: string | null
  /** What `@class` names, by its suffix, as the SDKs route it: `…Request`, `…Response`, `…Message` (a push). */
  kind: 'request' | 'response' | 'message' | 'other'
  /** The credential named by the URL (`device`, `secure`, `server`, `debug`…), lower-case; null when the URL names none. */
  credential: string | null
  /** `requestId` as a string (a number is read as its digits); null when absent or of another type. */
  requestId: string | null
  /** Socket only: how far the handshake had come when this frame crossed the wire (before it is applied). */
  handshake?: HandshakeStage
  /** Socket only: why the handshake was refused, when `handshake` is 'rejected'. */
  handshakeError?: string
  /** Socket only: a player was authenticated when this frame crossed the wire (an authToken came back and was not revoked). */
  authenticated?: boolean
  /** `.AuthenticatedConnectRequest`: whether the server's nonce had arrived, and the state of `hmac`. */
  signature?: { nonceSeen: boolean; hmac: 'present' | 'missing' | 'empty' | 'not-a-string' }
  /** A response's non-empty `error` (an object keyed by field, or a clone's string), for people: `authentication: NOTAUTHORIZED`. */
  error?: string
  /** `.EndSessionResponse`: the reported `sessionDuration` as sent, and the session's observed length so far (ms). */
  endSession?: { sessionDuration: unknown; observedMs: number | null }
  /** `.EndSessionRequest`: parameters other than `@class`, `requestId`, `analyticsData` and `sessionId`. */
  endSessionParams?: string[]
  /** `.AnalyticsRequest`: its key (null without one) and its flags. The session keeps the timers open (Session.openTimers). */
  analytics?: { key: string | null; start: boolean; end: boolean }
  /** A request whose `requestId` an earlier request on this socket already used (durable `d_` retries excepted). */
  requestIdReused?: { firstFrame: number }
  /** A request the server did not answer within the SDKs' timeout, while the capture shows the socket going on. */
  unanswered?: { timeoutMs: number; answeredAfterMs: number | null }
  /** A response whose `requestId` matches no request waiting for an answer on this socket. */
  unmatchedResponse?: true
  /** REST and callback URLs carry a credential's secret in their path: `/rs/{credential}/{secret}/…`. */
  secretInUrl?: { path: 'rs' | 'callback'; credential: string | null }
}

/**
 * The handshake of one socket: the server sends a nonce ('awaiting-nonce' → 'awaiting-signature'), the client
 * answers with its HMAC ('awaiting-session'), the server issues a session ID ('complete') or an error ('rejected').
 */
export type HandshakeStage = 'awaiting-nonce' | 'awaiting-signature' | 'awaiting-session' | 'complete' | 'rejected'

/** How far a reported `sessionDuration` may be from the observed session length and still match it. */
const DURATION_SLACK_MS = 5_000
const DURATION_SLACK_SHARE = 0.25

/**
 * The unit in which a reported `sessionDuration` matches the observed session length (milliseconds first: one
 * client prints it as ms, and the C# SDK types it `long`), or null when it matches in neither. The unit is not
 * documented, so both readings are tried. Pure.
 */
export function matchingUnit(sessionDuration: number, observedMs: number): 'ms' | 's' | null {
  const slack = Math.max(DURATION_SLACK_MS, observedMs * DURATION_SLACK_SHARE)
  if (Math.abs(sessionDuration - observedMs) <= slack) return 'ms'
  if (Math.abs(sessionDuration * 1000 - observedMs) <= slack) return 's'
  return null
}
