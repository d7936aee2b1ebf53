/**
 * Adobe's Media Collection API ("hb-api"), also spoken by Media SDK JS 3.x, Chromecast 3.x and Roku 2.x:
 * `POST {ns}.hb-api.omtrdc.net/api/v1/sessions` (answered 201 with the session in the `Location` header),
 * `POST …/api/v1/sessions/{sid}/events` (204; 404 unknown session; 410 closed), and
 * `POST …/api/v1/downloaded` (an array: one whole offline session).
 * https://developer.adobe.com/analytics-collection-apis/methods/media-collection/
 *
 *   POST /api/v1/sessions/c0a8…/events
 *   {"playerTime":{"playhead":8,"ts":1529997930000},"eventType":"ping"}
 */
import type { Decoded, ProtocolAdapter } from '../adapter'
import type { AdobeMediaEvent } from '../adobe-media/event'
import { captureProblem, captureUrl, NO_EXTRA_HOSTS } from '../adapter'
import { contentTypeIssue, FieldChecks, MEDIA_EVENT_TYPES, STATE_NAME, roleOf } from '../adobe-media/vocabulary'
import type { CapturedRequest, CapturedResponse } from '../captured-request'
import { headerValue } from '../captured-request'
import { hostMatches } from '../host-patterns'
import { decodeSegment } from '../url-segment'
import { compact, field, isRecord, numberField, parseJsonBody, stringField, stringsAt } from '../json-body'
import type { SessionSummaryFields, StartOutcome, TrackingEvent } from '../tracking-event'
import { trackingEvent } from '../tracking-event'
import { ADOBE_SESSION_ENDING, ADOBE_SESSION_TIMERS } from '../adobe-media/session-timers'

const SESSIONS_PATH = /\/api\/(v\d+)\/sessions\/?$/
const EVENTS_PATH = /\/api\/(v\d+)\/sessions\/([^/]+)\/events\/?$/
const DOWNLOADED_PATH = /\/api\/(v\d+)\/downloaded\/?$/
/** `Location: /api/v1/sessions/{sid}` (MC-SID). */
const LOCATION = /^(?:https?:\/\/[^/]+)?\/api\/[^/]+\/sessions\/([^/?#]+)/
const COLLECTION_HOST = /\.hb-api\.omtrdc\.net$/i

/** The Media Collection enum adds the single-state events to the shared vocabulary. */
const EVENT_TYPES = new Set([...MEDIA_EVENT_TYPES, 'stateStart', 'stateEnd'])

const REQUIRED_START_PARAMS = [
  'analytics.trackingServer', 'analytics.reportSuite', 'visitor.marketingCloudOrgId', 'media.id', 'media.length',
  'media.contentType', 'media.playerName', 'media.channel',
]
// A Map, not an object: event types come from the page, which can send "constructor".
const REQUIRED_PARAMS: ReadonlyMap<string, string[]> = new Map(Object.entries({
  sessionStart: REQUIRED_START_PARAMS,
  adBreakStart: ['media.ad.podIndex', 'media.ad.podSecond'],
  adStart: ['media.ad.id', 'media.ad.length', 'media.ad.podPosition', 'media.ad.playerName'],
  chapterStart: ['media.chapter.index', 'media.chapter.offset', 'media.chapter.length'],
}))
/** Text parameters the adapter reads (the state name has its own pattern check). */
const STRING_PARAMS = [
  'analytics.trackingServer', 'analytics.reportSuite', 'visitor.marketingCloudOrgId', 'media.id', 'media.name', 'media.contentType',
  'media.playerName', 'media.channel', 'media.ad.id', 'media.ad.name', 'media.ad.playerName', 'media.ad.podFriendlyName', 'media.chapter.friendlyName',
]
/** The published schema forbids anything else in these objects (`additionalProperties: false`). */
const PLAYER_TIME_KEYS = new Set(['playhead', 'ts'])
const QOE_KEYS = new Set(['media.qoe.bitrate', 'media.qoe.droppedFrames', 'media.qoe.framesPerSecond', 'media.qoe.timeToStart'])

type Endpoint = { kind: 'sessions' } | { kind: 'events'; sessionId: string } | { kind: 'downloaded' }

type CollectionEvent = AdobeMediaEvent<'adobe-media-collection'>

export const adobeMediaCollection: ProtocolAdapter<'adobe-media-collection', CollectionEvent> = {
  id: 'adobe-media-collection',
  label: 'Adobe Media Collection',
  timers: ADOBE_SESSION_TIMERS,
  // The backend buffers 5 s or 10 events and applies them in client-timestamp order.
  reordersByTimestamp: true,
  ending: ADOBE_SESSION_ENDING,
  // The API accepts a fixed set of event types and rejects a request with any other.
  unknownTypes: 'rejected',
  repeatsHeldStateAsPing: false,
  webRequestPatterns: ['*://*/*api/v1/sessions*', '*://*/*api/v1/downloaded*'],

  matchesUrl(url) {
    return endpointOf(url) !== null
  },

  decode(capture, context = NO_EXTRA_HOSTS, parsedUrl) {
    const url = captureUrl(capture, parsedUrl)
    if (url === null) return { events: [], problems: [] }
    const endpoint = endpointOf(url)
    if (endpoint === null) return { events: [], problems: [] }
    // `/api/v1/sessions` is a common path: elsewhere than Adobe's host, only a body of this API's shape counts.
    const isAdobeHost = COLLECTION_HOST.test(url.hostname) || hostMatches(url, context.hosts)
    if (capture.requestBody === null) {
      return isAdobeHost ? captureProblem('adobe-media-collection', capture, 'not-visible', 'the request body was not visible to any capture source') : { events: [], problems: [] }
    }
    const parsed = parseJsonBody(capture.requestBody)
    if (!parsed.ok) return isAdobeHost ? captureProblem('adobe-media-collection', capture, 'malformed', parsed.reason) : { events: [], problems: [] }
    if (endpoint.kind === 'downloaded') {
      if (!Array.isArray(parsed.value)) return isAdobeHost || looksLikeEvent(parsed.value) ? captureProblem('adobe-media-collection', capture, 'malformed', 'a downloaded batch must be a JSON array of events') : { events: [], problems: [] }
      return decodeBatch(capture, parsed.value)
    }
    // The media SDKs post a downloaded session's events, as one array, to /sessions itself.
    if (Array.isArray(parsed.value) && (isAdobeHost || parsed.value.some(looksLikeEvent))) return decodeBatch(capture, parsed.value)
    if (!isAdobeHost && !looksLikeEvent(parsed.value)) return { events: [], problems: [] }
    if (!isRecord(parsed.value)) return captureProblem('adobe-media-collection', capture, 'malformed', 'the body must be a JSON object')
    return { events: [decodeEvent(capture, parsed.value, 0, endpoint)], problems: [] }
  },
}

function endpointOf(url: URL): Endpoint | null {
  const events = EVENTS_PATH.exec(url.pathname)
  if (events) return { kind: 'events', sessionId: decodeSegment(events[2]!) }
  if (SESSIONS_PATH.test(url.pathname)) return { kind: 'sessions' }
  if (DOWNLOADED_PATH.test(url.pathname)) return { kind: 'downloaded' }
  return null
}

function looksLikeEvent(value: unknown): boolean {
  return isRecord(value) && typeof field(value, 'eventType') === 'string' && isRecord(field(value, 'playerTime'))
}

function decodeEvent(capture: CapturedRequest, body: unknown, ordinal: number, endpoint: Endpoint, batch?: string): CollectionEvent {
  const eventType = stringField(body, 'eventType')
  const type = eventType ?? 'unknown'
  const playerTime = field(body, 'playerTime')
  const params = field(body, 'params')
  // Only /sessions starts a session; a sessionStart posted elsewhere starts nothing.
  const role = endpoint.kind === 'events' ? (type === 'sessionStart' ? 'event' : roleOf(type)) : roleOf(type)
  const event = trackingEvent({
    protocol: 'adobe-media-collection',
    origin: { capture: capture.seq, ordinal, frame: null },
    type,
    typeKnown: EVENT_TYPES.has(type),
    role,
    idIssuer: 'server',
    sessionId: endpoint.kind === 'events' ? endpoint.sessionId : null,
    playhead: numberField(playerTime, 'playhead') ?? null,
    clientTime: numberField(playerTime, 'ts') ?? null,
    observedAt: capture.observedAt,
    missingFields: missingFields(body, type),
    invalidFields: fieldIssues(body, type, batch !== undefined),
    asset: 'main',
    details: body ?? null,
  })
  if (batch !== undefined) event.batch = batch
  const urlAction = endpointAction(endpoint, type)
  if (urlAction !== undefined) event.urlAction = urlAction
  if (role === 'start') {
    if (endpoint.kind === 'sessions') event.start = startOutcome(capture.response)
    event.summary = summary(params)
  }
  if (endpoint.kind !== 'sessions') {
    const rejection = vendorRejection(capture.response)
    if (rejection) event.vendorRejection = rejection
  }
  describeContent(event, body, params)
  return event
}

/** The event the endpoint implies, when the body's event cannot be posted there. */
function endpointAction(endpoint: Endpoint, type: string): string | undefined {
  if (endpoint.kind === 'sessions' && type !== 'sessionStart') return 'sessionStart'
  if (endpoint.kind === 'events' && type === 'sessionStart') return 'events'
  return undefined
}

function describeContent(event: TrackingEvent, body: unknown, params: unknown): void {
  const param = (key: string): unknown => field(params, key)
  const num = (key: string): number | undefined => (typeof param(key) === 'number' ? (param(key) as number) : undefined)
  const str = (key: string): string | undefined => (typeof param(key) === 'string' ? (param(key) as string) : undefined)
  if (event.type === 'adBreakStart') event.adBreak = compact({ index: num('media.ad.podIndex'), offset: num('media.ad.podSecond'), name: str('media.ad.podFriendlyName') })
  if (event.type === 'adStart') event.ad = compact({ id: str('media.ad.id'), name: str('media.ad.name'), length: num('media.ad.length'), podPosition: num('media.ad.podPosition') })
  if (event.type === 'chapterStart') {
    event.chapter = compact({ index: num('media.chapter.index'), offset: num('media.chapter.offset'), length: num('media.chapter.length'), name: str('media.chapter.friendlyName') })
  }
  // Player states come two ways: stateStart/stateEnd with media.state.name, or statesUpdate with lists.
  const stateName = str('media.state.name')
  if (event.type === 'stateStart' && stateName !== undefined) event.states = { start: [stateName], end: [] }
  if (event.type === 'stateEnd' && stateName !== undefined) event.states = { start: [], end: [stateName] }
  if (event.type === 'statesUpdate') event.states = { start: stringsAt(param('statesStart'), 'media.state.name'), end: stringsAt(param('statesEnd'), 'media.state.name') }
  const metadata = field(body, 'customMetadata')
  if (isRecord(metadata)) event.customMetadata = Object.entries(metadata).map(([key, value]) => ({ key, value }))
  if (event.type === 'ping') event.carriesParams = isRecord(params) && Object.keys(params).length > 0
}

function missingFields(body: unknown, type: string): string[] {
  // null is no value: the schema types each of these, and none is nullable.
  const absent = (value: unknown): boolean => value === undefined || value === null
  const missing: string[] = []
  if (absent(field(body, 'eventType'))) missing.push('eventType')
  const playerTime = field(body, 'playerTime')
  if (absent(playerTime)) missing.push('playerTime')
  else {
    if (absent(field(playerTime, 'playhead'))) missing.push('playerTime.playhead')
    if (absent(field(playerTime, 'ts'))) missing.push('playerTime.ts')
  }
  const required = REQUIRED_PARAMS.get(type) ?? []
  if (required.length > 0 && !isRecord(field(body, 'params'))) return [...missing, 'params']
  for (const key of required) if (absent(field(field(body, 'params'), key))) missing.push(`params["${key}"]`)
  return missing
}

function fieldIssues(body: unknown, type: string, inBatch: boolean) {
  const checks = new FieldChecks()
  const playerTime = field(body, 'playerTime')
  checks.string(field(body, 'eventType'), 'eventType')
  for (const key of ['playerTime', 'params', 'qoeData', 'customMetadata']) checks.object(field(body, key), key)
  checks.number(field(playerTime, 'playhead'), 'playerTime.playhead')
  checks.number(field(playerTime, 'ts'), 'playerTime.ts', { integer: true, min: 0 })
  if (isRecord(playerTime)) for (const key of Object.keys(playerTime)) if (!PLAYER_TIME_KEYS.has(key)) checks.add(`playerTime.${key}`, 'is not allowed (playerTime takes only playhead and ts)', 'error')
  const qoe = field(body, 'qoeData')
  if (isRecord(qoe)) {
    for (const [key, value] of Object.entries(qoe)) {
      if (!QOE_KEYS.has(key)) checks.add(`qoeData["${key}"]`, 'is not a QoE field (media.qoe.bitrate, droppedFrames, framesPerSecond, timeToStart)', 'error')
      else checks.number(value, `qoeData["${key}"]`, { integer: true })
    }
  }
  const params = field(body, 'params')
  const param = (key: string): unknown => field(params, key)
  for (const key of STRING_PARAMS) checks.string(param(key), `params["${key}"]`)
  checks.boolean(param('analytics.enableSSL'), 'params["analytics.enableSSL"]')
  checks.boolean(param('media.resume'), 'params["media.resume"]')
  checks.boolean(param('media.downloaded'), 'params["media.downloaded"]')
  checks.number(param('media.length'), 'params["media.length"]')
  checks.number(param('visitor.aamLocationHint'), 'params["visitor.aamLocationHint"]', { integer: true })
  checks.number(param('media.ad.podIndex'), 'params["media.ad.podIndex"]', { integer: true, min: 0 })
  checks.number(param('media.ad.podSecond'), 'params["media.ad.podSecond"]', { min: 0 })
  checks.number(param('media.ad.podPosition'), 'params["media.ad.podPosition"]', { integer: true, min: 0 })
  checks.number(param('media.ad.length'), 'params["media.ad.length"]', { min: 0 })
  checks.number(param('media.chapter.index'), 'params["media.chapter.index"]', { integer: true, min: 0 })
  checks.number(param('media.chapter.offset'), 'params["media.chapter.offset"]', { min: 0 })
  checks.number(param('media.chapter.length'), 'params["media.chapter.length"]', { min: 0 })
  const length = param('media.length')
  if (typeof length === 'number' && length <= 0) checks.add('params["media.length"]', `should be the content length in seconds (86400 for live streams of unknown length), not ${length}`, 'warning')
  const contentType = param('media.contentType')
  if (typeof contentType === 'string') contentTypeIssue(checks, contentType, 'params["media.contentType"]')
  const stateName = param('media.state.name')
  if (stateName !== undefined && (typeof stateName !== 'string' || !STATE_NAME.test(stateName))) checks.add('params["media.state.name"]', 'must be 1–64 letters, digits, "_" or "."', 'error')
  // Offline sessions must say so on their start, and live sessions must not (both give 400).
  if (type === 'sessionStart' && inBatch && param('media.downloaded') !== true) checks.add('params["media.downloaded"]', 'must be true on the sessionStart of a downloaded batch', 'error')
  if (type === 'sessionStart' && !inBatch && param('media.downloaded') === true) checks.add('params["media.downloaded"]', 'must not be set on a live session', 'error')
  return checks.issues
}

/** `/api/v1/downloaded`: the array is one offline session, which must begin with sessionStart. */
function decodeBatch(capture: CapturedRequest, list: unknown[]): Decoded<CollectionEvent> {
  if (list.length === 0) return captureProblem('adobe-media-collection', capture, 'malformed', 'the downloaded batch is empty')
  const first = numberField(field(list[0], 'playerTime'), 'ts')
  const batch = `${first === undefined ? 'unknown' : new Date(first).toISOString()}#0`
  const events = list.map((body, ordinal) => decodeEvent(capture, body, ordinal, { kind: 'downloaded' }, batch))
  return { events, problems: [] }
}

/** 201 with `Location: /api/v1/sessions/{sid}` is the only success ("Only a 201 indicates the session was created"). */
export function startOutcome(response: CapturedResponse | null): StartOutcome {
  if (response === null) return { kind: 'not-visible' }
  if (response.status === 0) return { kind: 'rejected', status: null, reason: 'the request failed before a response arrived' }
  if (response.status !== 201) return { kind: 'rejected', status: response.status, reason: `HTTP ${response.status}${errorMessage(response)}` }
  const location = headerValue(response.headers, 'location')
  if (location === undefined) {
    // webRequest and proxy HARs always carry headers; an empty list means they were not captured.
    return response.headers.length === 0 ? { kind: 'not-visible' } : { kind: 'rejected', status: 201, reason: 'HTTP 201 without a Location header, so no session ID' }
  }
  const sessionId = LOCATION.exec(location)?.[1]
  return sessionId ? { kind: 'issued', sessionId: decodeSegment(sessionId) } : { kind: 'rejected', status: 201, reason: `the Location header "${location}" names no session` }
}

const REJECTIONS: Record<number, string> = {
  400: 'the request had an improper format',
  404: 'the session ID was not found in the back end',
  410: 'the session is closed: the client can no longer report activity on it',
}

function vendorRejection(response: CapturedResponse | null): TrackingEvent['vendorRejection'] {
  if (response === null || response.status < 400) return undefined
  return { status: response.status, reason: `HTTP ${response.status} (${REJECTIONS[response.status] ?? 'error'})${errorMessage(response)}` }
}

/** The `ApiError.message` of an error body, if any. */
function errorMessage(response: CapturedResponse): string {
  if (response.body === null) return ''
  const parsed = parseJsonBody(response.body)
  const message = parsed.ok ? stringField(parsed.value, 'message') : undefined
  return message ? `: ${message}` : ''
}

function summary(params: unknown): SessionSummaryFields {
  return compact({
    name: stringField(params, 'media.name') ?? stringField(params, 'media.id'),
    contentType: stringField(params, 'media.contentType'),
    length: numberField(params, 'media.length'),
    playerName: stringField(params, 'media.playerName'),
    channel: stringField(params, 'media.channel'),
  })
}

