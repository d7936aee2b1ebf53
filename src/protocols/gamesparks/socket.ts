/**
 * The GameSparks WebSocket channel: a state machine over one socket's frames, in order, settling the readings that
 * depend on earlier or later frames (the handshake so far, the answer to a request) for the rules to judge.
 */
import type { Decoded } from '../adapter'
import type { CapturedRequest, WebSocketFrame } from '../captured-request'
import { field, stringField } from '../json-body'
import type { CaptureProblem, EventOf, LifecycleRole, SessionSummaryFields, StartOutcome, TrackingEvent } from '../tracking-event'
import { trackingEvent } from '../tracking-event'
import type { Answers } from './answers'
import { matchAnswers } from './answers'
import type { GameSparksReading, HandshakeStage } from './reading'
import type { ParsedFrame } from './frames'
import { parseFrameOnce, socketCredential } from './frames'
import { ANALYTICS, CLASS_NAME, END_SESSION, END_SESSION_KEYS, END_SESSION_RESPONSE, errorText, fieldIssues, HANDSHAKE_REQUEST, HANDSHAKE_RESPONSE, hmacState, kindOf, missingFields, nonEmptyString, TERMINATED, typeOf } from './messages'
import { durationFact, keepAliveFact, userFact } from './summary-facts'

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

export function decodeSocket(capture: CapturedRequest, frames: readonly WebSocketFrame[], url: URL | null): Decoded<EventOf<'gamesparks'>> {
  const credential = socketCredential(url)
  const parsed = frames.map((frame) => parseFrameOnce(frame, credential))
  const answers = matchAnswers(frames, parsed)
  const state: SocketState = {
    stage: 'awaiting-nonce', nonceSeen: false, handshakeError: undefined, sessionId: null, sessionStartedAt: null,
    sessionOpen: false, authenticated: false, requestIds: new Map(),
  }
  const events: EventOf<'gamesparks'>[] = []
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

type SocketMessage = Extract<ParsedFrame, { kind: 'message' }>

/** What a frame makes of its event, filled in step by step. */
interface FrameOutcome {
  reading: GameSparksReading
  role: LifecycleRole
  start?: StartOutcome
  /** Facts for the session's summary. */
  summary: Record<string, string>
  /** The error a received frame carries. */
  error: string | null
}

/** One frame as an event; updates the socket's state with what the frame changes. */
function socketEvent(capture: CapturedRequest, at: FramePosition, message: SocketMessage, context: SocketContext): EventOf<'gamesparks'> {
  const { state } = context
  const error = errorText(field(message.value, 'error'))
  const outcome: FrameOutcome = { reading: frameReading(at, message, context, error), role: 'event', summary: {}, error }
  stepLifecycle(outcome, at, message, context)
  addSummaryFacts(outcome, at, message, state)
  trackAuthentication(state, at.direction, message.className, message.value)
  trackRequestIds(outcome.reading, state, at, context.answers)
  return frameEvent(capture, at, message, outcome, state)
}

/** The frame's reading as the socket stood before it. */
function frameReading(at: FramePosition, message: SocketMessage, context: SocketContext, error: string | null): GameSparksReading {
  const { state } = context
  const reading: GameSparksReading = {
    transport: 'socket',
    direction: at.direction,
    className: message.className,
    kind: kindOf(message.className),
    credential: context.credential,
    requestId: message.requestId,
    handshake: state.stage,
    authenticated: state.authenticated,
  }
  if (state.stage === 'rejected' && state.handshakeError !== undefined) reading.handshakeError = state.handshakeError
  if (at.direction === 'receive' && error !== null) reading.error = error
  return reading
}

/** What the frame does to the socket's handshake and session: its role, and the socket's state after it. */
function stepLifecycle(outcome: FrameOutcome, at: FramePosition, message: SocketMessage, context: SocketContext): void {
  const { state } = context
  const { value, className } = message
  if (at.direction === 'receive' && className === HANDSHAKE_RESPONSE) {
    answerHandshake(outcome, at, value, state)
  } else if (at.direction === 'send' && className === HANDSHAKE_REQUEST) {
    outcome.reading.signature = { nonceSeen: state.nonceSeen, hmac: hmacState(field(value, 'hmac')) }
    if (state.stage !== 'complete') state.stage = 'awaiting-session'
    state.nonceSeen = false
  } else if (at.direction === 'send' && className === END_SESSION) {
    endSession(outcome, at, value, context)
  } else if (at.direction === 'receive' && className === TERMINATED) {
    if (state.sessionOpen) outcome.role = 'end'
    state.sessionOpen = false
    state.authenticated = false
  } else if (at.direction === 'send' && className === ANALYTICS) {
    outcome.reading.analytics = analytics(value)
  }
}

/** The server's handshake answer: rejected, a session issued, or a nonce opening a handshake. */
function answerHandshake(outcome: FrameOutcome, at: FramePosition, value: Record<string, unknown>, state: SocketState): void {
  const { error } = outcome
  const issued = nonEmptyString(field(value, 'sessionId'))
  if (error !== null) {
    outcome.role = 'start'
    outcome.start = { kind: 'rejected', status: null, reason: `the server answered the handshake with error ${error}` }
    Object.assign(state, { stage: 'rejected', handshakeError: error, sessionId: null, sessionStartedAt: null, sessionOpen: false })
  } else if (issued !== null) {
    outcome.role = 'start'
    outcome.start = { kind: 'issued', sessionId: issued }
    Object.assign(state, { stage: 'complete', sessionId: issued, sessionStartedAt: at.at, sessionOpen: true })
  } else if (nonEmptyString(field(value, 'nonce')) !== null) {
    // A nonce opens a handshake, also a second one on the same socket: until it completes, nothing belongs to a session.
    Object.assign(state, { stage: 'awaiting-signature', nonceSeen: true, sessionId: null, sessionStartedAt: null, sessionOpen: false })
  }
}

/** The client's EndSessionRequest ends the session. */
function endSession(outcome: FrameOutcome, at: FramePosition, value: Record<string, unknown>, context: SocketContext): void {
  const { state } = context
  outcome.role = 'end'
  const extra = Object.keys(value).filter((key) => !END_SESSION_KEYS.has(key))
  if (extra.length > 0) outcome.reading.endSessionParams = extra
  // The answer arrives after the session ended, so the session learns its reported duration from its end.
  const answer = context.answers.answerTo.get(at.index)
  const answered = answer === undefined ? undefined : context.parsed[answer]
  if (answered?.kind === 'message' && answered.className === END_SESSION_RESPONSE) {
    const fact = durationFact(field(answered.value, 'sessionDuration'), observedLength(state, context.frames[answer!]!.time))
    if (fact !== null) outcome.summary['Session duration'] = fact
  }
  state.sessionOpen = false
}

/** The session's reported duration and its player, from the answers that tell them. */
function addSummaryFacts(outcome: FrameOutcome, at: FramePosition, message: SocketMessage, state: SocketState): void {
  const { value, className } = message
  const { error } = outcome
  if (at.direction === 'receive' && className === END_SESSION_RESPONSE && error === null) {
    const sessionDuration = field(value, 'sessionDuration')
    const observedMs = observedLength(state, at.at)
    outcome.reading.endSession = { sessionDuration, observedMs }
    const fact = durationFact(sessionDuration, observedMs)
    if (fact !== null) outcome.summary['Session duration'] = fact
  }
  // AuthenticationResponse answers every authentication request; a handshake that accepted a stored token names the player too.
  if (at.direction === 'receive' && error === null && (className === '.AuthenticationResponse' || className === '.RegistrationResponse' || className === HANDSHAKE_RESPONSE)) {
    const user = userFact(value)
    if (user !== null) outcome.summary.User = user
  }
}

function frameEvent(capture: CapturedRequest, at: FramePosition, message: SocketMessage, outcome: FrameOutcome, state: SocketState): EventOf<'gamesparks'> {
  const { value, className } = message
  const { start } = outcome
  const event = trackingEvent({
    protocol: 'gamesparks',
    origin: { capture: capture.seq, ordinal: at.ordinal, frame: at.index },
    type: typeOf(className),
    typeKnown: className !== null && CLASS_NAME.test(className),
    role: outcome.role,
    idIssuer: 'server',
    sessionId: start?.kind === 'issued' ? start.sessionId : state.sessionId,
    playhead: null,
    clientTime: null,
    observedAt: at.at,
    missingFields: missingFields(value, className),
    invalidFields: fieldIssues(value, className),
    reading: outcome.reading,
    observed: at.direction === 'receive',
    timer: timerOf(outcome.reading.analytics),
    details: value,
  })
  if (start) event.start = start
  if (Object.keys(outcome.summary).length > 0) event.summary = { facts: outcome.summary } satisfies SessionSummaryFields
  return event
}

/** Which response answered which request, matched by requestId in order, and which responses answered nothing. */

function trackRequestIds(reading: GameSparksReading, state: SocketState, at: FramePosition, answers: Answers): void {
  const { requestId } = reading
  if (requestId === null) return
  if (at.direction === 'receive') {
    if (reading.kind === 'response' && reading.className !== HANDSHAKE_RESPONSE && answers.unmatched.has(at.index)) reading.unmatchedResponse = true
    return
  }
  if (reading.kind !== 'request') return
  // Durable requests (`d_…`) are persisted and sent again after a reconnect by design.
  if (!requestId.startsWith('d_')) {
    const first = state.requestIds.get(requestId)
    if (first === undefined) state.requestIds.set(requestId, at.index)
    else reading.requestIdReused = { firstFrame: first }
  }
  // A request sent outside a session has its own finding; whether the server answers it says nothing more.
  if (reading.handshake !== 'complete') return
  const answeredAt = answers.answeredAt.get(at.index)
  const answeredAfterMs = answeredAt === undefined ? null : Math.max(0, answeredAt - at.at)
  if (answeredAfterMs !== null ? answeredAfterMs > answers.timeoutMs : answers.lastFrameAt - at.at > answers.timeoutMs) {
    reading.unanswered = { timeoutMs: answers.timeoutMs, answeredAfterMs }
  }
}

function analytics(value: Record<string, unknown>): NonNullable<GameSparksReading['analytics']> {
  return { key: stringField(value, 'key') ?? null, start: field(value, 'start') === true, end: field(value, 'end') === true }
}

/** Analytics timers. "If both start and end are supplied, the request will be treated as a start timer." */
function timerOf(analytics: GameSparksReading['analytics']): TrackingEvent['timer'] {
  if (analytics?.start) return { key: analytics.key ?? '', action: 'start' }
  if (analytics?.end) return { key: analytics.key ?? '', action: 'end' }
  return undefined
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
