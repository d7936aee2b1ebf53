/**
 * GameSparks (the legacy gamesparks.com platform, switched off in September 2022; recorded traces, clones and
 * emulators remain): one JSON object per WebSocket frame on `wss://{live|preview}-{apiKey}.ws.gamesparks.net/ws/
 * {credential}/{apiKey}` (older: `/ws/{apiKey}`, `/websockets/{apiKey}`), and, seen from browsers, the Requests REST
 * API and Cloud Code callbacks, whose URLs carry a credential's secret. The session starts when the server issues a
 * session ID at the end of the handshake and ends with EndSessionRequest (or a SessionTerminatedMessage push).
 * https://docs.gamesparks.com/api-documentation/request-api/analytics/endsessionrequest.html
 *
 *   ← {"@class":".AuthenticatedConnectResponse","nonce":"1688466811702-5f1c"}
 *   → {"@class":".AuthenticatedConnectRequest","hmac":"3q2+7w==…"}            base64 HMAC-SHA256(nonce, apiSecret)
 *   ← {"@class":".AuthenticatedConnectResponse","sessionId":"64a3f1c2e4b0a1b2c3d4e5f6"}      the session starts
 *   → {"@class":".LogEventRequest","eventKey":"FIRST_EVENT","requestId":"1688466840000_3"}
 *   ← {"@class":".LogEventResponse","requestId":"1688466840000_3"}
 *   → {"@class":".EndSessionRequest","requestId":"1688466990000_5"}                         the session ends
 *   ← {"@class":".EndSessionResponse","sessionDuration":178298,"requestId":"1688466990000_5"}
 *   POST https://{apiKey}.{stage}.gamesparks.net/rs/{credential}/{secret}/{RequestType}  {"@class":…,"playerId":…}
 */
import type { ProtocolAdapter } from '../adapter'
import { captureUrl, NO_EXTRA_HOSTS, NO_SESSION_TIMERS, NOTHING } from '../adapter'
import { hostMatches } from '../host-patterns'
import { field, isRecord, parseJson } from '../json-body'
import { decodeHttp } from './http'
import { MAX_DEPTH, nestingDepth } from './json-text'
import type { GameSparksEvent } from './event'
import { decodeSocket } from './socket'

const HOST = 'gamesparks.net'
const SOCKET_PATH = /^\/(?:ws|websockets)\/[^/]+/
/** `/rs/{credential}/{secret}[/{RequestType}]` */
const REST_PATH = /^\/rs\/([^/]+)\/([^/]+)(?:\/([^/]+))?/
/** `/callback/{apiKey}/{credential}/{secret}[/{playerId}]` */
const CALLBACK_PATH = /^\/callback\/([^/]+)\/([^/]+)\/([^/]+)/

/** The page hook sniffs this many frames of an unclaimed socket; recognising by content looks as far. */
const SNIFF_FRAMES = 5
const SNIFF_MAX_CHARS = 100_000

export const gamesparks: ProtocolAdapter<'gamesparks', GameSparksEvent> = {
  id: 'gamesparks',
  label: 'GameSparks',
  timers: NO_SESSION_TIMERS,
  reordersByTimestamp: false,
  // How the server treats a second EndSessionRequest, or requests after one, is not documented.
  ending: { repeatedEnd: 'undocumented', laterEvents: 'undocumented' },
  // The server routes a request by its `@class` and answers a class it does not know with an error.
  unknownTypes: 'rejected',
  repeatsHeldStateAsPing: false,
  webRequestPatterns: [`*://*.${HOST}/*`],

  matchesUrl(url, context = NO_EXTRA_HOSTS) {
    const host = url.hostname.toLowerCase()
    if (host !== HOST && !host.endsWith(`.${HOST}`) && !hostMatches(url, context.hosts)) return false
    return SOCKET_PATH.test(url.pathname) || REST_PATH.test(url.pathname) || CALLBACK_PATH.test(url.pathname)
  },

  matchesFrame: isEnvelope,

  matchesCapture(capture) {
    const frames = capture.frames
    if (!Array.isArray(frames)) return false
    let seen = 0
    for (const frame of frames) {
      if (seen >= SNIFF_FRAMES) break
      if (!isRecord(frame) || frame.opcode !== 1 || typeof frame.data !== 'string' || frame.data.trim() === '') continue
      seen++
      if (isEnvelope(frame.data)) return true
    }
    return false
  },

  decode(capture, _context, parsedUrl) {
    const url = captureUrl(capture, parsedUrl)
    if (Array.isArray(capture.frames)) return decodeSocket(capture, capture.frames, url)
    if (url === null) return NOTHING
    const rest = REST_PATH.exec(url.pathname)
    if (rest) return decodeHttp(capture, 'rest', rest[1]!, rest[3])
    const callback = CALLBACK_PATH.exec(url.pathname)
    if (callback) return decodeHttp(capture, 'callback', callback[2]!, undefined)
    return NOTHING
  },
}

/** A text frame holding a GameSparks message: a JSON object with a string `@class`. */
function isEnvelope(text: string): boolean {
  if (text.length > SNIFF_MAX_CHARS || !text.includes('"@class"') || nestingDepth(text) > MAX_DEPTH) return false
  return typeof field(parseJson(text), '@class') === 'string'
}
