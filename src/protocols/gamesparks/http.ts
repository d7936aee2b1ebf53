/** The GameSparks Requests REST API and Cloud Code callbacks: one request each, outside any socket session. */
import type { Decoded } from '../adapter'
import type { CapturedRequest } from '../captured-request'
import { describe } from '../describe-value'
import { bodyText, field, isRecord, parseJson, stringField } from '../json-body'
import type { CaptureProblem, EventOf } from '../tracking-event'
import { trackingEvent } from '../tracking-event'
import { decodeSegment } from '../url-segment'
import type { GameSparksReading } from './reading'
import { MAX_DEPTH, nestingDepth } from './json-text'
import { CLASS_NAME, errorText, fieldIssues, kindOf, missingFields, requestIdOf, typeOf } from './messages'

export function decodeHttp(capture: CapturedRequest, transport: 'rest' | 'callback', credentialSegment: string, requestType: string | undefined): Decoded<EventOf<'gamesparks'>> {
  const problems: CaptureProblem[] = []
  let body: Record<string, unknown> | null = null
  if (capture.requestBody !== null) {
    const text = bodyText(capture.requestBody)
    if (capture.requestBody.truncatedFrom !== undefined) {
      problems.push({ protocol: 'gamesparks', kind: 'malformed', capture: capture.seq, frame: null, reason: `the body was truncated at capture (${capture.requestBody.truncatedFrom} bytes), so it cannot be decoded` })
    } else if (text.trim() !== '') {
      const depth = nestingDepth(text)
      const value = depth > MAX_DEPTH ? undefined : parseJson(text)
      if (isRecord(value)) body = value
      else if (transport === 'rest') problems.push({ protocol: 'gamesparks', kind: 'malformed', capture: capture.seq, frame: null, reason: depth > MAX_DEPTH ? `the body nests ${depth} levels deep` : `the body is not a JSON object with an @class (${describe(text)})` })
    }
  }
  const credential = decodeSegment(credentialSegment).toLowerCase()
  const className = transport === 'rest' ? (stringField(body, '@class') ?? null) : null
  const reading: GameSparksReading = {
    transport,
    direction: 'send',
    className,
    kind: transport === 'rest' ? kindOf(className ?? (requestType === undefined ? null : `.${decodeSegment(requestType)}`)) : 'other',
    credential,
    requestId: requestIdOf(field(body, 'requestId')),
    secretInUrl: { path: transport === 'rest' ? 'rs' : 'callback', credential },
  }
  const response = capture.response?.body ? parseJson(bodyText(capture.response.body)) : undefined
  const error = isRecord(response) ? errorText(field(response, 'error')) : null
  if (error !== null) reading.error = error
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
    reading,
    observed: false,
    details: body,
  })
  return { events: [event], problems }
}
