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
import type { Decoded, ProtocolAdapter } from '../adapter'
import { captureUrl, NO_EXTRA_HOSTS, NO_SESSION_TIMERS, NOTHING } from '../adapter'
import { MEDIA_EVENT_TYPES } from '../adobe-media/vocabulary'
import { describe } from '../describe-value'
import type { CapturedRequest, WebSocketFrame } from '../captured-request'
import type { GameSparksFacts, HandshakeStage } from './facts'
import { matchingUnit } from './facts'
import { hostMatches } from '../host-patterns'
import { decodeSegment } from '../url-segment'
import { bodyText, field, isRecord, numberField, stringField } from '../json-body'
import type { CaptureProblem, FieldIssue, LifecycleRole, SessionSummaryFields, StartOutcome, TrackingEvent } from '../tracking-event'
import { trackingEvent } from '../tracking-event'

const HOST = 'gamesparks.net'
const SOCKET_PATH = /^\/(?:ws|websockets)\/[^/]+/
/** `/rs/{credential}/{secret}[/{RequestType}]` */
const REST_PATH = /^\/rs\/([^/]+)\/([^/]+)(?:\/([^/]+))?/
/** `/callback/{apiKey}/{credential}/{secret}[/{playerId}]` */
const CALLBACK_PATH = /^\/callback\/([^/]+)\/([^/]+)\/([^/]+)/
/** What `@class` looks like: a class name with the leading dot the SDKs add. */
const CLASS_NAME = /^\.?[A-Za-z][A-Za-z0-9_]{0,127}$/

/** The page hook sniffs this many frames of an unclaimed socket; recognising by content looks as far. */
const SNIFF_FRAMES = 5
const SNIFF_MAX_CHARS = 100_000
/** GameSparks messages are shallow; deeper frames are refused before they can overflow a stack downstream. */
const MAX_DEPTH = 64
/** The JS SDK gives up on a request after 32 s (NO_RESPONSE); the C++ and C# SDKs after 15 s unless configured. */
const SDK_TIMEOUT_MS = 32_000

const HANDSHAKE_REQUEST = '.AuthenticatedConnectRequest'
const HANDSHAKE_RESPONSE = '.AuthenticatedConnectResponse'
const END_SESSION = '.EndSessionRequest'
const END_SESSION_RESPONSE = '.EndSessionResponse'
const TERMINATED = '.SessionTerminatedMessage'
const ANALYTICS = '.AnalyticsRequest'
/** EndSessionRequest has no documented parameters; older docs had `analyticsData`, a legacy client sent `sessionId`. */
const END_SESSION_KEYS = new Set(['@class', 'requestId', 'analyticsData', 'sessionId'])
/** Documented required parameters. A Map, so that a page's "constructor" class is just an unknown name. */
const DEVICE_AUTHENTICATION = '.DeviceAuthenticationRequest'
/** DeviceAuthenticationRequest: "deviceOS … should be IOS, ANDROID, WP8 or W8". */
const DEVICE_OS = ['IOS', 'ANDROID', 'WP8', 'W8']
const REQUIRED: ReadonlyMap<string, readonly string[]> = new Map([
  ['.LogEventRequest', ['eventKey']],
  ['.LogChallengeEventRequest', ['challengeInstanceId', 'eventKey']],
  ['.AuthenticationRequest', ['userName', 'password']],
  [DEVICE_AUTHENTICATION, ['deviceId', 'deviceOS']],
  [HANDSHAKE_REQUEST, ['hmac']],
])
/** Names the session machine acts on (play, adStart…): a GameSparks class must not pose as one. */
const VOCABULARY = new Set([...MEDIA_EVENT_TYPES, 'unknown'])

export const gamesparks: ProtocolAdapter<'gamesparks'> = {
  id: 'gamesparks',
  label: 'GameSparks',
  timers: NO_SESSION_TIMERS,
  reordersByTimestamp: false,
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

// ---------------------------------------------------------------------------------------------------------------
// WebSocket

type ParsedFrame =
  | { kind: 'keep-alive' }
  | { kind: 'unreadable'; problem: Omit<CaptureProblem, 'capture' | 'protocol' | 'frame'> }
  | { kind: 'message'; value: Record<string, unknown>; className: string | null; requestId: string | null }

/** What a socket has shown so far, frame by frame. */
interface SocketState {
  stage: HandshakeStage
  nonceSeen: boolean
  handshakeError: string | undefined
  sessionId: string | null
  sessionStartedAt: number | null
  /** The session began and neither EndSessionRequest nor SessionTerminatedMessage closed it yet. */
  sessionOpen: boolean
  authenticated: boolean
  /** The first frame that used each requestId. */
  requestIds: Map<string, number>
}

function decodeSocket(capture: CapturedRequest, frames: readonly WebSocketFrame[], url: URL | null): Decoded {
  const credential = socketCredential(url)
  const parsed = frames.map((frame) => parseFrameOnce(frame, credential))
  const answers = matchAnswers(frames, parsed)
  const state: SocketState = {
    stage: 'awaiting-nonce', nonceSeen: false, handshakeError: undefined, sessionId: null, sessionStartedAt: null,
    sessionOpen: false, authenticated: false, requestIds: new Map(),
  }
  const events: TrackingEvent[] = []
  const problems: CaptureProblem[] = []
  const keepAlives: number[] = []
  parsed.forEach((item, index) => {
    if (item.kind === 'keep-alive') {
      // No event: a keep-alive changes nothing in the session; it shows the socket alive (matchAnswers) and is counted.
      const time = frames[index]!.time
      if (Number.isFinite(time)) keepAlives.push(time)
      return
    }
    if (item.kind === 'unreadable') {
      problems.push({ protocol: 'gamesparks', capture: capture.seq, frame: index, ...item.problem })
      return
    }
    const frame = frames[index]!
    const at = Number.isFinite(frame.time) ? frame.time : capture.observedAt
    events.push(socketEvent(capture, { index, ordinal: events.length, at, direction: frame.direction === 'receive' ? 'receive' : 'send' }, item, { state, credential, answers, parsed, frames }))
  })
  // On the socket's session start, which the session keeps whatever comes after (even requests after its end).
  const holder = events.find((event) => event.role === 'start') ?? events.at(-1)
  if (holder !== undefined && keepAlives.length > 0) holder.summary = { ...holder.summary, facts: { ...holder.summary?.facts, 'Keep-alives': keepAliveFact(keepAlives) } }
  return { events, problems }
}

/** "48, every 30 s": how many keep-alive frames the socket carried, and their usual spacing. */
function keepAliveFact(times: readonly number[]): string {
  if (times.length < 2) return String(times.length)
  const gaps = times.slice(1).map((time, i) => time - times[i]!).sort((a, b) => a - b)
  const median = gaps[Math.floor(gaps.length / 2)]!
  return `${times.length}, every ${clockDuration(median)}`
}

interface FramePosition {
  index: number
  ordinal: number
  at: number
  direction: 'send' | 'receive'
}

interface SocketContext {
  state: SocketState
  credential: string | null
  answers: Answers
  parsed: readonly ParsedFrame[]
  frames: readonly WebSocketFrame[]
}

/** One frame as an event; updates the socket's state with what the frame changes. */
function socketEvent(capture: CapturedRequest, at: FramePosition, message: Extract<ParsedFrame, { kind: 'message' }>, context: SocketContext): TrackingEvent {
  const { state } = context
  const { value, className, requestId } = message
  const facts: GameSparksFacts = {
    transport: 'socket',
    direction: at.direction,
    className,
    kind: kindOf(className),
    credential: context.credential,
    requestId,
    handshake: state.stage,
    authenticated: state.authenticated,
  }
  if (state.stage === 'rejected' && state.handshakeError !== undefined) facts.handshakeError = state.handshakeError
  const error = errorText(field(value, 'error'))
  if (at.direction === 'receive' && error !== null) facts.error = error
  let role: LifecycleRole = 'event'
  let start: StartOutcome | undefined
  const summaryFacts: Record<string, string> = {}

  if (at.direction === 'receive' && className === HANDSHAKE_RESPONSE) {
    const issued = nonEmptyString(field(value, 'sessionId'))
    if (error !== null) {
      role = 'start'
      start = { kind: 'rejected', status: null, reason: `the server answered the handshake with error ${error}` }
      Object.assign(state, { stage: 'rejected', handshakeError: error, sessionId: null, sessionStartedAt: null, sessionOpen: false })
    } else if (issued !== null) {
      role = 'start'
      start = { kind: 'issued', sessionId: issued }
      Object.assign(state, { stage: 'complete', sessionId: issued, sessionStartedAt: at.at, sessionOpen: true })
    } else if (nonEmptyString(field(value, 'nonce')) !== null) {
      // A nonce opens a handshake, also a second one on the same socket: until it completes, nothing belongs to a session.
      Object.assign(state, { stage: 'awaiting-signature', nonceSeen: true, sessionId: null, sessionStartedAt: null, sessionOpen: false })
    }
  } else if (at.direction === 'send' && className === HANDSHAKE_REQUEST) {
    facts.signature = { nonceSeen: state.nonceSeen, hmac: hmacState(field(value, 'hmac')) }
    if (state.stage !== 'complete') state.stage = 'awaiting-session'
    state.nonceSeen = false
  } else if (at.direction === 'send' && className === END_SESSION) {
    role = 'end'
    const extra = Object.keys(value).filter((key) => !END_SESSION_KEYS.has(key))
    if (extra.length > 0) facts.endSessionParams = extra
    // The answer arrives after the session ended, so the session learns its reported duration from its end.
    const answer = context.answers.answerTo.get(at.index)
    const answered = answer === undefined ? undefined : context.parsed[answer]
    if (answered?.kind === 'message' && answered.className === END_SESSION_RESPONSE) {
      const fact = durationFact(field(answered.value, 'sessionDuration'), observedLength(state, context.frames[answer!]!.time))
      if (fact !== null) summaryFacts['Session duration'] = fact
    }
    state.sessionOpen = false
  } else if (at.direction === 'receive' && className === TERMINATED) {
    if (state.sessionOpen) role = 'end'
    state.sessionOpen = false
    state.authenticated = false
  } else if (at.direction === 'send' && className === ANALYTICS) {
    facts.analytics = analytics(value)
  }

  if (at.direction === 'receive' && className === END_SESSION_RESPONSE && error === null) {
    const sessionDuration = field(value, 'sessionDuration')
    const observedMs = observedLength(state, at.at)
    facts.endSession = { sessionDuration, observedMs }
    const fact = durationFact(sessionDuration, observedMs)
    if (fact !== null) summaryFacts['Session duration'] = fact
  }
  // AuthenticationResponse answers every authentication request; a handshake that accepted a stored token names the player too.
  if (at.direction === 'receive' && error === null && (className === '.AuthenticationResponse' || className === '.RegistrationResponse' || className === HANDSHAKE_RESPONSE)) {
    const user = userFact(value)
    if (user !== null) summaryFacts.User = user
  }
  trackAuthentication(state, at.direction, className, value)
  trackRequestIds(facts, state, at, context.answers)

  const event = trackingEvent({
    protocol: 'gamesparks',
    origin: { capture: capture.seq, ordinal: at.ordinal, frame: at.index },
    type: typeOf(className),
    typeKnown: className !== null && CLASS_NAME.test(className),
    role,
    idIssuer: 'server',
    sessionId: start?.kind === 'issued' ? start.sessionId : state.sessionId,
    playhead: null,
    clientTime: null,
    observedAt: at.at,
    missingFields: missingFields(value, className),
    invalidFields: fieldIssues(value, className),
    gamesparks: facts,
    details: value,
  })
  if (start) event.start = start
  if (Object.keys(summaryFacts).length > 0) event.summary = { facts: summaryFacts } satisfies SessionSummaryFields
  return event
}

/** Which response answered which request, matched by requestId in order, and which responses answered nothing. */
interface Answers {
  /** Request frame → the frame that answered it, and when. */
  answerTo: Map<number, number>
  answeredAt: Map<number, number>
  unmatched: Set<number>
  timeoutMs: number
  lastFrameAt: number
}

function matchAnswers(frames: readonly WebSocketFrame[], parsed: readonly ParsedFrame[]): Answers {
  const waiting = new Map<string, number[]>()
  const answerTo = new Map<number, number>()
  const answeredAt = new Map<number, number>()
  const unmatched = new Set<number>()
  let timeoutMs = SDK_TIMEOUT_MS
  let lastFrameAt = Number.NEGATIVE_INFINITY
  parsed.forEach((item, index) => {
    const frame = frames[index]!
    if (item.kind === 'unreadable' && !isRecord(frame)) return
    if (Number.isFinite(frame.time)) lastFrameAt = Math.max(lastFrameAt, frame.time)
    if (item.kind !== 'message') return
    if (item.className === HANDSHAKE_RESPONSE) {
      // clientConfig.requestTimeout tunes the C++ and C# SDKs; the JS SDK keeps 32 s. Judge by the longer wait.
      const configured = numberField(field(item.value, 'clientConfig'), 'requestTimeout')
      if (configured !== undefined && configured > timeoutMs) timeoutMs = configured
      return
    }
    if (item.requestId === null) return
    const kind = kindOf(item.className)
    if (frame.direction === 'send' && kind === 'request') {
      const queue = waiting.get(item.requestId)
      if (queue) queue.push(index)
      else waiting.set(item.requestId, [index])
    } else if (frame.direction === 'receive' && kind === 'response') {
      const request = waiting.get(item.requestId)?.shift()
      if (request === undefined) unmatched.add(index)
      else {
        answerTo.set(request, index)
        if (Number.isFinite(frame.time)) answeredAt.set(request, frame.time)
      }
    }
  })
  return { answerTo, answeredAt, unmatched, timeoutMs, lastFrameAt }
}

function trackRequestIds(facts: GameSparksFacts, state: SocketState, at: FramePosition, answers: Answers): void {
  const { requestId } = facts
  if (requestId === null) return
  if (at.direction === 'receive') {
    if (facts.kind === 'response' && facts.className !== HANDSHAKE_RESPONSE && answers.unmatched.has(at.index)) facts.unmatchedResponse = true
    return
  }
  if (facts.kind !== 'request') return
  // Durable requests (`d_…`) are persisted and sent again after a reconnect by design.
  if (!requestId.startsWith('d_')) {
    const first = state.requestIds.get(requestId)
    if (first === undefined) state.requestIds.set(requestId, at.index)
    else facts.requestIdReused = { firstFrame: first }
  }
  // A request sent outside a session has its own finding; whether the server answers it says nothing more.
  if (facts.handshake !== 'complete') return
  const answeredAt = answers.answeredAt.get(at.index)
  const answeredAfterMs = answeredAt === undefined ? null : Math.max(0, answeredAt - at.at)
  if (answeredAfterMs !== null ? answeredAfterMs > answers.timeoutMs : answers.lastFrameAt - at.at > answers.timeoutMs) {
    facts.unanswered = { timeoutMs: answers.timeoutMs, answeredAfterMs }
  }
}

function analytics(value: Record<string, unknown>): NonNullable<GameSparksFacts['analytics']> {
  return { key: stringField(value, 'key') ?? null, start: field(value, 'start') === true, end: field(value, 'end') === true }
}

/** SDKs keep the authToken of any message; NOTAUTHORIZED revokes it, a terminated session loses it. */
function trackAuthentication(state: SocketState, direction: 'send' | 'receive', className: string | null, value: Record<string, unknown>): void {
  if (direction !== 'receive' || className === TERMINATED) return
  const error = field(value, 'error')
  if (field(error, 'authentication') === 'NOTAUTHORIZED') {
    state.authenticated = false
    return
  }
  if (errorText(error) === null && nonEmptyString(field(value, 'authToken')) !== null) state.authenticated = true
}

function observedLength(state: SocketState, at: number): number | null {
  return state.sessionStartedAt === null || !Number.isFinite(at) ? null : Math.max(0, at - state.sessionStartedAt)
}

/** `sessionDuration` for people, read in the unit that matches the observed length when one does. */
function durationFact(sessionDuration: unknown, observedMs: number | null): string | null {
  if (typeof sessionDuration !== 'number' || !Number.isFinite(sessionDuration) || sessionDuration < 0) return null
  const unit = observedMs === null ? null : matchingUnit(sessionDuration, observedMs)
  if (unit === null) return `${sessionDuration} (unit not documented)`
  const clock = clockDuration(unit === 'ms' ? sessionDuration : sessionDuration * 1000)
  const raw = `${sessionDuration} ${unit}`
  return clock === raw ? clock : `${clock} (${raw})`
}

function clockDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  const minutes = Math.floor(ms / 60_000)
  const seconds = Math.round((ms % 60_000) / 1000)
  if (minutes < 60) return `${minutes} min ${seconds} s`
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`
}

function userFact(value: Record<string, unknown>): string | null {
  const name = nonEmptyString(field(value, 'displayName'))
  const id = nonEmptyString(field(value, 'userId'))
  if (name !== null && id !== null) return `${name} (${id})`
  return name ?? id
}

/** `/ws/{credential}/{apiKey}` names its credential; the older `/ws/{apiKey}` and `/websockets/{apiKey}` used `device`. */
function socketCredential(url: URL | null): string | null {
  if (url === null) return null
  const segments = url.pathname.split('/').filter((segment) => segment !== '')
  if (segments[0] === 'websockets' && segments.length === 2) return 'device'
  if (segments[0] !== 'ws') return null
  if (segments.length === 2) return 'device'
  return segments.length >= 3 ? decodeSegment(segments[1]!).toLowerCase() : null
}

/**
 * Each frame as parsed, by frame: a live socket is decoded again as its frames arrive, and parsing every frame again
 * each time made the work grow with the square of the socket's length. A captured frame never changes.
 */
const parsedFrames = new WeakMap<object, { credential: string | null; parsed: ParsedFrame }>()

function parseFrameOnce(frame: WebSocketFrame, credential: string | null): ParsedFrame {
  if (!isRecord(frame)) return parseFrame(frame, credential)
  const known = parsedFrames.get(frame)
  if (known !== undefined && known.credential === credential) return known.parsed
  const parsed = parseFrame(frame, credential)
  parsedFrames.set(frame, { credential, parsed })
  return parsed
}

function parseFrame(frame: WebSocketFrame, credential: string | null): ParsedFrame {
  const encrypted = credential === 'secure'
  const opaque = (what: string): ParsedFrame => ({
    kind: 'unreadable',
    problem: { kind: 'not-visible', reason: `${what} is encrypted (the \`secure\` credential AES-encrypts every frame), so its content cannot be read` },
  })
  if (!isRecord(frame) || typeof frame.data !== 'string') return { kind: 'unreadable', problem: { kind: 'malformed', reason: 'a frame carries no data' } }
  const direction = frame.direction === 'receive' ? 'received' : 'sent'
  if (frame.opcode !== 1) {
    if (encrypted) return opaque(`a ${direction} binary frame`)
    return { kind: 'unreadable', problem: { kind: 'malformed', reason: `a ${direction} frame is binary; GameSparks sends one JSON object per text frame` } }
  }
  // The JS SDK sends a single space every 30 s; other SDKs and servers treat empty frames as heartbeats.
  if (frame.data.trim() === '') return { kind: 'keep-alive' }
  const depth = nestingDepth(frame.data)
  if (depth > MAX_DEPTH) return { kind: 'unreadable', problem: { kind: 'malformed', reason: `a ${direction} frame nests ${depth} levels deep; GameSparks messages are a few levels at most` } }
  const value = parseJson(frame.data)
  if (value === NOT_JSON) {
    if (encrypted) return opaque(`a ${direction} frame`)
    return { kind: 'unreadable', problem: { kind: 'malformed', reason: `a ${direction} frame is not JSON (${describe(frame.data)})` } }
  }
  if (!isRecord(value)) return { kind: 'unreadable', problem: { kind: 'malformed', reason: `a ${direction} frame is ${describe(value)}, not a JSON object with an @class` } }
  // The C# SDK wraps each encrypted frame as {"json": "<AES>", "hmac": …}.
  if (field(value, '@class') === undefined && typeof field(value, 'json') === 'string' && field(value, 'hmac') !== undefined) return opaque(`a ${direction} frame`)
  return { kind: 'message', value, className: stringField(value, '@class') ?? null, requestId: requestIdOf(field(value, 'requestId')) }
}

// ---------------------------------------------------------------------------------------------------------------
// REST and Cloud Code callbacks

function decodeHttp(capture: CapturedRequest, transport: 'rest' | 'callback', credentialSegment: string, requestType: string | undefined): Decoded {
  const problems: CaptureProblem[] = []
  let body: Record<string, unknown> | null = null
  if (capture.requestBody !== null) {
    const text = bodyText(capture.requestBody)
    if (capture.requestBody.truncatedFrom !== undefined) {
      problems.push({ protocol: 'gamesparks', kind: 'malformed', capture: capture.seq, frame: null, reason: `the body was truncated at capture (${capture.requestBody.truncatedFrom} bytes), so it cannot be decoded` })
    } else if (text.trim() !== '') {
      const depth = nestingDepth(text)
      const value = depth > MAX_DEPTH ? NOT_JSON : parseJson(text)
      if (isRecord(value)) body = value
      else if (transport === 'rest') problems.push({ protocol: 'gamesparks', kind: 'malformed', capture: capture.seq, frame: null, reason: depth > MAX_DEPTH ? `the body nests ${depth} levels deep` : `the body is not a JSON object with an @class (${describe(text)})` })
    }
  }
  const credential = decodeSegment(credentialSegment).toLowerCase()
  const className = transport === 'rest' ? (stringField(body, '@class') ?? null) : null
  const facts: GameSparksFacts = {
    transport,
    direction: 'send',
    className,
    kind: transport === 'rest' ? kindOf(className ?? (requestType === undefined ? null : `.${decodeSegment(requestType)}`)) : 'other',
    credential,
    requestId: requestIdOf(field(body, 'requestId')),
    secretInUrl: { path: transport === 'rest' ? 'rs' : 'callback', credential },
  }
  const response = capture.response?.body ? parseJson(bodyText(capture.response.body)) : NOT_JSON
  const error = isRecord(response) ? errorText(field(response, 'error')) : null
  if (error !== null) facts.error = error
  const restType = className === null && requestType !== undefined ? `.${decodeSegment(requestType)}` : className
  const event = trackingEvent({
    protocol: 'gamesparks',
    origin: { capture: capture.seq, ordinal: 0, frame: null },
    type: transport === 'callback' ? 'CloudCodeCallback' : typeOf(restType),
    typeKnown: transport === 'callback' || (restType !== null && CLASS_NAME.test(restType)),
    role: 'event',
    idIssuer: 'server',
    // REST calls and callbacks belong to no socket, so to no session.
    sessionId: null,
    playhead: null,
    clientTime: null,
    observedAt: capture.observedAt,
    missingFields: transport === 'rest' && body !== null ? missingFields(body, className) : [],
    invalidFields: transport === 'rest' && body !== null ? fieldIssues(body, className) : [],
    gamesparks: facts,
    details: body,
  })
  return { events: [event], problems }
}

// ---------------------------------------------------------------------------------------------------------------
// Shared

function kindOf(className: string | null): GameSparksFacts['kind'] {
  if (className === null) return 'other'
  if (className.endsWith('Request')) return 'request'
  if (className.endsWith('Response')) return 'response'
  if (className.endsWith('Message')) return 'message'
  return 'other'
}

/** The class without its leading dot; never a name the session machine acts on. */
function typeOf(className: string | null): string {
  if (className === null || className === '' || className === '.') return 'unknown'
  const name = (className.startsWith('.') ? className.slice(1) : className).slice(0, 128)
  return VOCABULARY.has(name) ? `gs:${name}` : name
}

function missingFields(value: Record<string, unknown>, className: string | null): string[] {
  if (field(value, '@class') === undefined) return ['@class']
  if (className === null) return []
  return (REQUIRED.get(className) ?? []).filter((name) => field(value, name) === undefined || field(value, name) === null)
}

function fieldIssues(value: Record<string, unknown>, className: string | null): FieldIssue[] {
  const issues: FieldIssue[] = []
  const declared = field(value, '@class')
  if (declared !== undefined && (typeof declared !== 'string' || !CLASS_NAME.test(declared))) {
    issues.push({ path: '@class', problem: `must name a request, e.g. ".LogEventRequest", not ${describe(declared)}`, severity: 'error' })
  }
  for (const name of REQUIRED.get(className ?? '') ?? []) {
    // An empty or mistyped hmac is an unsigned handshake, which gamesparks-handshake-not-signed explains.
    if (name === 'hmac') continue
    const present = field(value, name)
    if (present === undefined || present === null) continue
    if (typeof present !== 'string') issues.push({ path: name, problem: `must be a string, not ${describe(present)}`, severity: 'error' })
    else if (present.trim() === '') issues.push({ path: name, problem: 'must not be empty', severity: 'error' })
  }
  // The SDKs send text; a number is echoed back as well, but anything else cannot match its response.
  const requestId = field(value, 'requestId')
  if (requestId !== undefined && requestId !== null && requestIdOf(requestId) === null && requestId !== '') {
    issues.push({ path: 'requestId', problem: `should be a string, not ${describe(requestId)}; its response cannot be matched to it`, severity: 'warning' })
  }
  if (className === DEVICE_AUTHENTICATION) {
    // The SDKs send what their platform calls itself ("js", "Linux") and are authenticated: worth knowing only.
    const os = field(value, 'deviceOS')
    if (typeof os === 'string' && os.trim() !== '' && !DEVICE_OS.includes(os)) {
      issues.push({ path: 'deviceOS', problem: `is documented as one of ${DEVICE_OS.map((name) => `"${name}"`).join(', ')}, not ${describe(os)}`, severity: 'info' })
    }
  }
  if (className === ANALYTICS) {
    const key = field(value, 'key')
    if (key !== undefined && key !== null && typeof key !== 'string') issues.push({ path: 'key', problem: `must be a string, not ${describe(key)}`, severity: 'error' })
    for (const flag of ['start', 'end']) {
      const present = field(value, flag)
      if (present !== undefined && present !== null && typeof present !== 'boolean') {
        issues.push({ path: flag, problem: `should be true or false, not ${describe(present)}; only true starts or ends a timer`, severity: 'warning' })
      }
    }
  }
  return issues
}

function hmacState(hmac: unknown): NonNullable<GameSparksFacts['signature']>['hmac'] {
  if (hmac === undefined || hmac === null) return 'missing'
  if (typeof hmac !== 'string') return 'not-a-string'
  return hmac.trim() === '' ? 'empty' : 'present'
}

/** A response's `error` for people: `authentication: NOTAUTHORIZED`; null when there is none. */
function errorText(error: unknown): string | null {
  if (error === undefined || error === null || error === false || error === '') return null
  if (typeof error === 'string') return clip(error)
  if (isRecord(error)) {
    const entries = Object.keys(error).slice(0, 5).map((key) => {
      const detail = error[key]
      return `${clip(key, 40)}: ${typeof detail === 'string' ? clip(detail, 80) : describe(detail)}`
    })
    if (entries.length === 0) return null
    const more = Object.keys(error).length - entries.length
    return more > 0 ? `${entries.join(', ')} and ${more} more` : entries.join(', ')
  }
  return describe(error)
}

function requestIdOf(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value.slice(0, 200)
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return null
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null
}

const NOT_JSON = Symbol('not JSON')

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return NOT_JSON
  }
}

/** The deepest nesting of objects and arrays in JSON text, strings skipped. Linear; never recurses. */
function nestingDepth(text: string): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92) i++
      else if (c === 34) inString = false
    } else if (c === 34) inString = true
    else if (c === 123 || c === 91) deepest = Math.max(deepest, ++depth)
    else if (c === 125 || c === 93) depth--
  }
  return deepest
}

function clip(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}

