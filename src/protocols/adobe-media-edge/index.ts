/**
 * Adobe Streaming Media over the Experience Platform Edge Network: the Media Edge API
 * (`POST /ee[/{locationHint}]/va/v1/{action}?configId=…`, one endpoint per event, plus `downloaded` for
 * offline sessions) and `media.*` events the Web SDK sends inside `/ee[/{locationHint}]/v1/interact` or
 * `/v1/collect` (it starts sessions that way). The session ID exists only in the sessionStart response:
 * handle `media-analytics:new-session`. https://developer.adobe.com/data-collection-apis/docs/endpoints/media/
 *
 *   POST /ee/or2/va/v1/play?configId=…
 *   {"events":[{"xdm":{"eventType":"media.play","timestamp":"2026-01-15T02:00:04.000Z",
 *                      "mediaCollection":{"sessionID":"979a3…","playhead":1}}}]}
 */
import type { Decoded, ProtocolAdapter } from '../adapter'
import type { AdobeMediaEvent } from '../adobe-media/event'
import { captureProblem, captureUrl } from '../adapter'
import { contentTypeIssue, FieldChecks, MEDIA_EVENT_TYPES, STATE_NAME, roleOf } from '../adobe-media/vocabulary'
import type { CapturedRequest, CapturedResponse } from '../captured-request'
import { asNumber, asString, compact, field, fields, isRecord, numberField, parseJsonBody, parseJsonRecords, stringField, stringsAt } from '../json-body'
import type { LifecycleRole, SessionSummaryFields, StartOutcome, TrackingEvent } from '../tracking-event'
import { trackingEvent } from '../tracking-event'
import { ADOBE_SESSION_ENDING, ADOBE_SESSION_TIMERS } from '../adobe-media/session-timers'
import { parseTime } from '../time-text'

// `{edgeBasePath}[/{locationHint}]/va/v1/{action}`; the base path is `ee` unless configured otherwise.
const MEDIA_PATH = /^\/[^/]+(?:\/[^/]+)?\/va\/v1\/([^/]+?)\/?$/
const WEB_SDK_PATH = /^\/[^/]+(?:\/[^/]+)?\/v1\/(?:interact|collect)\/?$/
const DOWNLOADED = 'downloaded'
/** `media.<type>` as sent → the type and its role, looked up once per event instead of cut and looked up again. */
const PREFIXED_TYPES: ReadonlyMap<string, { type: string; role: LifecycleRole }> = new Map(
  [...MEDIA_EVENT_TYPES].map((type) => [`media.${type}`, { type, role: roleOf(type) }]),
)

/** A required field's dotted path, split once at load: every event checks the same few. */
interface RequiredPath {
  path: string
  keys: readonly string[]
}

function requiredPaths(paths: readonly string[]): readonly RequiredPath[] {
  return paths.map((path) => ({ path, keys: path.split('.') }))
}

/** Required by the OpenAPI on every event, but missing from the docs' own sessionStart examples. */
const TIMESTAMP = 'timestamp'
// A Map, not an object: event types come from the page, which can send "constructor".
/** Fields an event of the type needs besides those every event needs (see missingFields), relative to `xdm`. */
const REQUIRED_BY_TYPE: ReadonlyMap<string, readonly RequiredPath[]> = new Map(Object.entries({
  sessionStart: [
    'mediaCollection.sessionDetails', 'mediaCollection.sessionDetails.name',
    'mediaCollection.sessionDetails.playerName', 'mediaCollection.sessionDetails.contentType',
    'mediaCollection.sessionDetails.length', 'mediaCollection.sessionDetails.channel',
  ],
  adBreakStart: [
    'mediaCollection.advertisingPodDetails', 'mediaCollection.advertisingPodDetails.index',
    'mediaCollection.advertisingPodDetails.offset',
  ],
  adStart: [
    'mediaCollection.advertisingDetails', 'mediaCollection.advertisingDetails.name',
    'mediaCollection.advertisingDetails.length', 'mediaCollection.advertisingDetails.playerName',
    'mediaCollection.advertisingDetails.podPosition',
  ],
  chapterStart: [
    'mediaCollection.chapterDetails', 'mediaCollection.chapterDetails.index',
    'mediaCollection.chapterDetails.offset', 'mediaCollection.chapterDetails.length',
  ],
  error: ['mediaCollection.errorDetails', 'mediaCollection.errorDetails.name', 'mediaCollection.errorDetails.source'],
  bitrateChange: ['mediaCollection.qoeDataDetails'],
}).map(([type, paths]) => [type, requiredPaths(paths)]))
/** A `mediaCollection` object and its text fields (numbers and enums are checked one by one). */
interface TypedDetails {
  path: string
  strings: ReadonlyArray<{ key: string; path: string }>
}

/** Each object and field with its path spelled out once: every event of a large capture checks them all. */
function typedDetails(object: string, strings: readonly string[]): TypedDetails {
  return { path: `mediaCollection.${object}`, strings: fieldPaths(`mediaCollection.${object}`, strings) }
}

const SESSION_DETAILS = typedDetails('sessionDetails', ['name', 'friendlyName', 'playerName', 'contentType', 'channel'])
const POD_DETAILS = typedDetails('advertisingPodDetails', ['friendlyName'])
const AD_DETAILS = typedDetails('advertisingDetails', ['name', 'friendlyName', 'playerName'])
const CHAPTER_DETAILS = typedDetails('chapterDetails', ['friendlyName'])
const ERROR_DETAILS = typedDetails('errorDetails', ['name'])
const QOE_DETAILS = typedDetails('qoeDataDetails', [])

function fieldPaths(parent: string, keys: readonly string[]): ReadonlyArray<{ key: string; path: string }> {
  return keys.map((key) => ({ key, path: `${parent}.${key}` }))
}

const CHAPTER_NUMBERS = fieldPaths('mediaCollection.chapterDetails', ['index', 'offset', 'length'])
const QOE_NUMBERS = fieldPaths('mediaCollection.qoeDataDetails', ['bitrate', 'droppedFrames', 'framesPerSecond', 'timeToStart'])
const WHOLE_AT_LEAST_ZERO = { integer: true, min: 0 } as const
const WHOLE_OR_WARNING = { integer: true, fractionSeverity: 'warning' } as const
/** `mediaCollection` keys every event may carry; anything else on a ping is a parameter it must not carry. */
const PING_KEYS = new Set(['playhead', 'sessionID', 'qoeDataDetails'])

type EdgeEvent = AdobeMediaEvent<'adobe-media-edge'>

export const adobeMediaEdge: ProtocolAdapter<'adobe-media-edge', EdgeEvent> = {
  id: 'adobe-media-edge',
  label: 'Adobe Media Edge',
  timers: ADOBE_SESSION_TIMERS,
  // Media Edge forwards to the Media Collection backend, which buffers 5 s or 10 events and applies them by timestamp.
  reordersByTimestamp: true,
  ending: ADOBE_SESSION_ENDING,
  // The API accepts a fixed set of event types and rejects a request with any other.
  unknownTypes: 'rejected',
  repeatsHeldStateAsPing: false,
  webRequestPatterns: ['*://*/*/va/v1/*', '*://*/*/v1/interact*', '*://*/*/v1/collect*'],
  // The session ID is only in the answer to a sessionStart, sent to its own endpoint or, by the Web SDK, to interact.
  responseBodyPatterns: ['*://*/*/va/v1/sessionStart*', '*://*/*/v1/interact*'],

  matchesUrl(url) {
    const media = MEDIA_PATH.exec(url.pathname)
    if (media) return MEDIA_EVENT_TYPES.has(media[1]!) || media[1] === DOWNLOADED || url.searchParams.has('configId')
    return WEB_SDK_PATH.test(url.pathname) && url.searchParams.has('configId')
  },

  decode(capture, _context, parsedUrl) {
    const url = captureUrl(capture, parsedUrl)
    if (url === null) return { events: [], problems: [] }
    const urlAction = MEDIA_PATH.exec(url.pathname)?.[1]
    const isMediaEndpoint = urlAction !== undefined
    if (capture.requestBody === null) {
      if (!isMediaEndpoint) return { events: [], problems: [] }
      return captureProblem('adobe-media-edge', capture, 'not-visible', `the ${urlAction} request body was not visible to any capture source`)
    }
    const parsed = parseJsonBody(capture.requestBody)
    if (!parsed.ok) {
      // A Web SDK call we cannot read might not be a media call at all; a /va/ call certainly is.
      return isMediaEndpoint ? captureProblem('adobe-media-edge', capture, 'malformed', parsed.reason) : { events: [], problems: [] }
    }
    const list = fields(parsed.value).events
    if (!Array.isArray(list)) {
      return isMediaEndpoint ? captureProblem('adobe-media-edge', capture, 'malformed', 'the body has no `events` array') : { events: [], problems: [] }
    }
    if (urlAction === DOWNLOADED) return decodeDownloaded(capture, list)
    const events: EdgeEvent[] = []
    for (let index = 0; index < list.length; index++) {
      const xdm = fields(list[index]).xdm
      const eventType = asString(fields(xdm).eventType)
      if (!isMediaEndpoint && !eventType?.startsWith('media.')) continue
      events.push(decodeEvent(capture, xdm, { index, ordinal: events.length, urlAction }))
    }
    if (isMediaEndpoint && events.length === 0) return captureProblem('adobe-media-edge', capture, 'malformed', 'the `events` array is empty')
    return { events, problems: [] }
  },
}

interface Position {
  index: number
  ordinal: number
  urlAction: string | undefined
  /** For downloaded sessions: the batch the event belongs to. */
  batch?: string
}

// Fields are read by name (`fields(…).name`): every event of a large capture reads them all.
function decodeEvent(capture: CapturedRequest, xdm: unknown, at: Position): EdgeEvent {
  const xdmFields = fields(xdm)
  const eventType = asString(xdmFields.eventType)
  const known = eventType === undefined ? undefined : PREFIXED_TYPES.get(eventType)
  const type = known?.type ?? (eventType === undefined ? (at.urlAction ?? 'unknown') : withoutMediaPrefix(eventType))
  const media = xdmFields.mediaCollection
  const mediaFields = fields(media)
  const role = known?.role ?? roleOf(type)
  const timestamp = xdmFields.timestamp
  const parsedTime = typeof timestamp === 'string' ? parseTime(timestamp) : Number.NaN
  // Without an xdm object, "xdm" is the one missing field worth naming.
  const timestampMissing = isRecord(xdm) && timestamp === undefined
  const needsSessionId = role !== 'start' && at.batch === undefined
  const missing = missingFields(xdm, mediaFields, type, needsSessionId)
  const event = trackingEvent({
    protocol: 'adobe-media-edge',
    origin: { capture: capture.seq, ordinal: at.ordinal, frame: null },
    type,
    typeKnown: known !== undefined || (eventType === undefined && MEDIA_EVENT_TYPES.has(type)),
    role,
    idIssuer: 'server',
    sessionId: needsSessionId ? nonEmptyString(mediaFields.sessionID) : null,
    playhead: asNumber(mediaFields.playhead) ?? null,
    clientTime: Number.isFinite(parsedTime) ? parsedTime : null,
    observedAt: capture.observedAt,
    missingFields: timestampMissing && role !== 'start' ? [...missing, TIMESTAMP] : missing,
    invalidFields: fieldIssues(xdmFields, media, timestamp, parsedTime),
    asset: 'main',
    details: xdm ?? null,
  })
  if (at.urlAction !== undefined && at.urlAction !== DOWNLOADED) event.urlAction = at.urlAction
  if (at.batch !== undefined) event.batch = at.batch
  if (role === 'start') {
    if (at.batch === undefined) event.start = startOutcome(capture.response, at.index)
    event.summary = summary(mediaFields.sessionDetails)
    if (timestampMissing) event.missingDocumentedOptional = [TIMESTAMP]
  } else if (at.batch === undefined) {
    const rejection = vendorRejection(capture.response)
    if (rejection) event.vendorRejection = rejection
  }
  describeContent(event, media, mediaFields)
  return event
}

/** Ads, chapters, player states, custom metadata and parameters, as the session machine and rules need them. */
function describeContent(event: TrackingEvent, mediaValue: unknown, media: Readonly<Record<string, unknown>>): void {
  const pod = media.advertisingPodDetails
  if (isRecord(pod)) event.adBreak = compact({ index: numberField(pod, 'index'), offset: numberField(pod, 'offset'), name: stringField(pod, 'friendlyName') })
  const ad = media.advertisingDetails
  if (isRecord(ad)) {
    event.ad = compact({ id: stringField(ad, 'name'), name: stringField(ad, 'friendlyName'), length: numberField(ad, 'length'), podPosition: numberField(ad, 'podPosition') })
  }
  const chapter = media.chapterDetails
  if (isRecord(chapter)) {
    event.chapter = compact({ index: numberField(chapter, 'index'), offset: numberField(chapter, 'offset'), length: numberField(chapter, 'length'), name: stringField(chapter, 'friendlyName') })
  }
  const startList = media.statesStart
  const endList = media.statesEnd
  if (startList !== undefined || endList !== undefined) {
    const statesStart = stringsAt(startList, 'name')
    const statesEnd = stringsAt(endList, 'name')
    if (statesStart.length > 0 || statesEnd.length > 0) event.states = { start: statesStart, end: statesEnd }
  }
  const metadata = media.customMetadata
  if (Array.isArray(metadata)) event.customMetadata = metadata.map((entry) => ({ key: String(field(entry, 'name') ?? ''), value: field(entry, 'value') }))
  if (event.type === 'ping' && isRecord(mediaValue)) event.carriesParams = hasKeyBesides(mediaValue, PING_KEYS)
}

/** Whether `record` has an own key outside `allowed` (no list of keys made: every ping asks). */
function hasKeyBesides(record: Record<string, unknown>, allowed: ReadonlySet<string>): boolean {
  for (const key in record) if (Object.prototype.hasOwnProperty.call(record, key) && !allowed.has(key)) return true
  return false
}

/** Required fields (OpenAPI "Media Edge API" 0.1.0) without a value, in the order the API lists them. */
function missingFields(xdm: unknown, media: Readonly<Record<string, unknown>>, type: string, needsSessionId: boolean): string[] {
  if (!isRecord(xdm)) return ['xdm']
  const missing: string[] = []
  // Every event needs these; read by name, as every event of a large capture asks.
  if (xdm.eventType === undefined || xdm.eventType === null) missing.push('eventType')
  if (xdm.mediaCollection === undefined || xdm.mediaCollection === null) missing.push('mediaCollection')
  if (media.playhead === undefined || media.playhead === null) missing.push('mediaCollection.playhead')
  const byType = REQUIRED_BY_TYPE.get(type)
  if (byType !== undefined) absent(xdm, byType, missing)
  if (needsSessionId && (media.sessionID === undefined || media.sessionID === null)) missing.push('mediaCollection.sessionID')
  return missing
}

/** Adds the paths of `paths` that have no value in `xdm` to `missing`. */
function absent(xdm: Record<string, unknown>, paths: readonly RequiredPath[], missing: string[]): void {
  for (const { path, keys } of paths) {
    let value: unknown = xdm
    for (const key of keys) value = field(value, key)
    if (value === undefined || value === null) missing.push(path)
  }
}

/** Field values the OpenAPI rejects (wrong types, enums) or the docs discourage. */
function fieldIssues(xdm: Readonly<Record<string, unknown>>, media: unknown, timestamp: unknown, parsedTime: number) {
  const checks = new FieldChecks()
  checks.string(xdm.eventType, 'eventType')
  checks.timestamp(timestamp, 'timestamp', parsedTime)
  // Every object and text field the adapter reads: a wrong type would otherwise just read as absent or be ignored.
  checks.object(media, 'mediaCollection')
  const mediaFields = fields(media)
  typedDetailsIssues(checks, mediaFields.sessionDetails, SESSION_DETAILS)
  typedDetailsIssues(checks, mediaFields.advertisingPodDetails, POD_DETAILS)
  typedDetailsIssues(checks, mediaFields.advertisingDetails, AD_DETAILS)
  typedDetailsIssues(checks, mediaFields.chapterDetails, CHAPTER_DETAILS)
  typedDetailsIssues(checks, mediaFields.errorDetails, ERROR_DETAILS)
  typedDetailsIssues(checks, mediaFields.qoeDataDetails, QOE_DETAILS)
  // The Web SDK rejects a fractional playhead in manual mode; the OpenAPI types it integer.
  checks.number(mediaFields.playhead, 'mediaCollection.playhead', WHOLE_OR_WARNING)
  checks.string(mediaFields.sessionID, 'mediaCollection.sessionID')
  if (isRecord(media)) mediaIssues(checks, mediaFields)
  return checks.issues
}

function typedDetailsIssues(checks: FieldChecks, details: unknown, { path, strings }: TypedDetails): void {
  // Most events carry none of these objects: nothing below can then find anything.
  if (details === undefined || details === null) return
  checks.object(details, path)
  for (const { key, path: textPath } of strings) checks.string(field(details, key), textPath)
}

/** The checks inside `mediaCollection`'s objects; each is skipped when absent, as it is on most events. */
function mediaIssues(checks: FieldChecks, media: Readonly<Record<string, unknown>>): void {
  const details = media.sessionDetails
  if (details !== undefined) sessionDetailsIssues(checks, details)
  const pod = media.advertisingPodDetails
  if (pod !== undefined) {
    checks.number(field(pod, 'index'), 'mediaCollection.advertisingPodDetails.index', WHOLE_AT_LEAST_ZERO)
    checks.number(field(pod, 'offset'), 'mediaCollection.advertisingPodDetails.offset', WHOLE_AT_LEAST_ZERO)
  }
  const ad = media.advertisingDetails
  if (ad !== undefined) {
    checks.number(field(ad, 'length'), 'mediaCollection.advertisingDetails.length', { min: 0 })
    checks.number(field(ad, 'podPosition'), 'mediaCollection.advertisingDetails.podPosition', WHOLE_AT_LEAST_ZERO)
  }
  const chapter = media.chapterDetails
  if (chapter !== undefined) for (const { key, path } of CHAPTER_NUMBERS) checks.number(field(chapter, key), path, WHOLE_AT_LEAST_ZERO)
  const error = media.errorDetails
  if (error !== undefined) checks.oneOf(field(error, 'source'), 'mediaCollection.errorDetails.source', ['player', 'external'], 'error')
  const qoe = media.qoeDataDetails
  if (qoe !== undefined) for (const { key, path } of QOE_NUMBERS) checks.number(field(qoe, key), path, WHOLE_OR_WARNING)
  statesIssues(checks, 'statesStart', media.statesStart)
  statesIssues(checks, 'statesEnd', media.statesEnd)
  const metadata = media.customMetadata
  if (metadata !== undefined && metadata !== null && !Array.isArray(metadata)) checks.add('mediaCollection.customMetadata', 'must be an array of {name, value}', 'error')
}

function statesIssues(checks: FieldChecks, list: string, states: unknown): void {
  if (states === undefined || states === null) return
  if (!Array.isArray(states)) {
    checks.add(`mediaCollection.${list}`, 'must be an array of {name}', 'error')
    return
  }
  states.forEach((state, i) => {
    const name = field(state, 'name')
    if (typeof name !== 'string' || !STATE_NAME.test(name)) checks.add(`mediaCollection.${list}[${i}].name`, 'must be 1–64 letters, digits, "_" or "."', 'error')
  })
}

function sessionDetailsIssues(checks: FieldChecks, details: unknown): void {
  checks.number(field(details, 'length'), 'mediaCollection.sessionDetails.length', { integer: true, fractionSeverity: 'info' })
  const length = numberField(details, 'length')
  if (length !== undefined && length <= 0) checks.add('mediaCollection.sessionDetails.length', `should be the content length in seconds (86400 for live streams of unknown length), not ${length}`, 'warning')
  checks.oneOf(field(details, 'streamType'), 'mediaCollection.sessionDetails.streamType', ['audio', 'video'], 'warning')
  const contentType = stringField(details, 'contentType')
  if (contentType !== undefined) contentTypeIssue(checks, contentType, 'mediaCollection.sessionDetails.contentType')
}

/** `media.downloaded`: each element of `events` is one whole offline session, its events inside. */
function decodeDownloaded(capture: CapturedRequest, list: unknown[]): Decoded<EdgeEvent> {
  const events: EdgeEvent[] = []
  const problems: Decoded['problems'] = []
  list.forEach((item, sessionIndex) => {
    const inner = field(field(item, 'xdm'), 'mediaDownloadedEvents')
    if (!Array.isArray(inner) || inner.length === 0) {
      problems.push({ protocol: 'adobe-media-edge', kind: 'malformed', capture: capture.seq, frame: null, reason: `downloaded session ${sessionIndex} has no mediaDownloadedEvents` })
      return
    }
    const first = parseTime(stringField(inner[0], 'mediaEventTimestamp') ?? '')
    const batch = `${Number.isFinite(first) ? new Date(first).toISOString() : 'unknown'}#${sessionIndex}`
    for (const entry of inner) {
      const xdm = { eventType: field(entry, 'mediaEventType'), timestamp: field(entry, 'mediaEventTimestamp'), mediaCollection: field(entry, 'mediaCollection') }
      events.push(decodeEvent(capture, xdm, { index: sessionIndex, ordinal: events.length, urlAction: DOWNLOADED, batch }))
    }
  })
  return { events, problems }
}

function withoutMediaPrefix(eventType: string): string {
  return eventType.startsWith('media.') ? eventType.slice(6) : eventType
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null
}

function summary(details: unknown): SessionSummaryFields {
  return compact({
    name: stringField(details, 'friendlyName') ?? stringField(details, 'name'),
    contentType: stringField(details, 'contentType'),
    length: numberField(details, 'length'),
    playerName: stringField(details, 'playerName'),
    channel: stringField(details, 'channel'),
  })
}

/** Reads the session ID for the event at `index` out of a sessionStart response, whole or streamed. */
export function startOutcome(response: CapturedResponse | null, index: number): StartOutcome {
  if (response === null) return { kind: 'not-visible' }
  const { status } = response
  if (status === 0) return { kind: 'rejected', status: null, reason: 'the request failed before a response arrived' }
  if (response.body === null) {
    return status >= 400 ? { kind: 'rejected', status, reason: `HTTP ${status}` } : { kind: 'not-visible' }
  }
  const parsed = parseJsonRecords(response.body)
  if (!parsed.ok) {
    return { kind: 'rejected', status, reason: `HTTP ${status}; the response body could not be read: ${parsed.reason}` }
  }
  for (const record of parsed.values) {
    const handles = field(record, 'handle')
    if (!Array.isArray(handles)) continue
    for (const handle of handles) {
      if (stringField(handle, 'type') !== 'media-analytics:new-session') continue
      const eventIndex = numberField(handle, 'eventIndex')
      if (eventIndex !== undefined && eventIndex !== index) continue
      const payload = field(handle, 'payload')
      const sessionId = Array.isArray(payload) ? nonEmptyString(field(payload[0], 'sessionId')) : null
      if (sessionId !== null && status < 300) return { kind: 'issued', sessionId }
    }
  }
  return { kind: 'rejected', status, reason: rejectionReason(parsed.values, status, `HTTP ${status} without a media-analytics:new-session handle (is Media Analytics enabled on the datastream?)`) }
}

/**
 * A non-start event the vendor refused (400, 404…): it was not recorded. A streamed answer (mobile SDKs) comes
 * back 200 and carries the refusal as an `errors` record with its own status.
 */
function vendorRejection(response: CapturedResponse | null): TrackingEvent['vendorRejection'] {
  if (response === null || response.status === 0) return undefined
  const parsed = response.body === null || response.status === 204 ? null : parseJsonRecords(response.body)
  if (response.status >= 400) {
    return { status: response.status, reason: parsed?.ok ? rejectionReason(parsed.values, response.status, `HTTP ${response.status}`) : `HTTP ${response.status}` }
  }
  if (!parsed?.ok) return undefined
  const status = refusalStatus(parsed.values)
  return status === null ? undefined : { status, reason: rejectionReason(parsed.values, response.status, `HTTP ${response.status}`) }
}

/** The status of the first error a streamed answer's records carry (`errors[].status` 400 or more), or null. */
function refusalStatus(records: readonly unknown[]): number | null {
  for (const record of records) {
    const errors = field(record, 'errors')
    if (!Array.isArray(errors)) continue
    for (const error of errors) {
      const status = numberField(error, 'status')
      if (status !== undefined && status >= 400) return status
    }
  }
  return null
}

/** The errors of a response's records (`errors[]`, or a problem document), for people. */
function rejectionReason(records: readonly unknown[], status: number, fallback: string): string {
  const list = records.flatMap((record): unknown[] => {
    const errors = field(record, 'errors')
    return Array.isArray(errors) ? errors : isRecord(record) && field(record, 'title') !== undefined ? [record] : []
  })
  const reasons = list.map((error) => {
    const title = stringField(error, 'title') ?? stringField(error, 'type') ?? 'error'
    const details = field(field(error, 'report'), 'details')
    const detailText = Array.isArray(details)
      ? details.map((d) => [stringField(d, 'name'), stringField(d, 'reason')].filter(Boolean).join(': ')).filter(Boolean).join('; ')
      : typeof details === 'string'
        ? details
        : stringField(error, 'detail')
    return detailText ? `${title} (${detailText})` : title
  })
  return reasons.length > 0 ? `HTTP ${status}: ${reasons.join(', ')}` : fallback
}
