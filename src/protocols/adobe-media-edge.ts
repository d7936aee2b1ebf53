/**
 * Adobe Streaming Media over the Experience Platform Edge Network: the Media Edge API
 * (`POST /ee[/{locationHint}]/va/v1/{action}?configId=…`, one endpoint per event) and `media.*` events the
 * Web SDK sends inside `/ee[/{locationHint}]/v1/interact` or `/v1/collect` (it starts sessions that way).
 * The session ID exists only in the sessionStart response: handle `media-analytics:new-session`.
 * https://developer.adobe.com/data-collection-apis/docs/endpoints/media/sessions/
 *
 *   POST /ee/or2/va/v1/play?configId=…
 *   {"events":[{"xdm":{"eventType":"media.play","timestamp":"2026-01-01T02:00:04.000Z",
 *                      "mediaCollection":{"sessionID":"979a3…","playhead":1}}}]}
 */
import type { Decoded, ProtocolAdapter } from './adapter'
import type { CapturedRequest, CapturedResponse } from './captured-request'
import { field, isRecord, numberField, parseJsonBody, stringField } from './json-body'
import type { LifecycleRole, SessionSummaryFields, StartOutcome, TrackingEvent } from './tracking-event'

/** The endpoints of the Media Edge OpenAPI (plus `downloaded`). */
const ACTIONS = new Set([
  'sessionStart', 'play', 'ping', 'bitrateChange', 'bufferStart', 'pauseStart', 'adBreakStart', 'adStart',
  'adComplete', 'adSkip', 'adBreakComplete', 'chapterStart', 'chapterComplete', 'chapterSkip', 'error',
  'sessionEnd', 'sessionComplete', 'statesUpdate', 'downloaded',
])

// `{edgeBasePath}[/{locationHint}]/va/v1/{action}`; the base path is `ee` unless configured otherwise.
const MEDIA_PATH = /^\/[^/]+(?:\/[^/]+)?\/va\/v1\/([^/]+?)\/?$/
const WEB_SDK_PATH = /^\/[^/]+(?:\/[^/]+)?\/v1\/(?:interact|collect)\/?$/

/** Fields every event needs, relative to `xdm` (OpenAPI "Media Edge API" 0.1.0). */
const REQUIRED_ALWAYS = ['eventType', 'mediaCollection', 'mediaCollection.playhead']
/** Required by the OpenAPI on every event, but missing from the docs' own sessionStart examples. */
const TIMESTAMP = 'timestamp'
const REQUIRED_BY_TYPE: Record<string, string[]> = {
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
}

const ROLES: Record<string, LifecycleRole> = {
  sessionStart: 'start',
  sessionEnd: 'end',
  sessionComplete: 'complete',
}

export const adobeMediaEdge: ProtocolAdapter = {
  id: 'adobe-media-edge',
  label: 'Adobe Media Edge',
  webRequestPatterns: ['*://*/*/va/v1/*', '*://*/*/v1/interact*', '*://*/*/v1/collect*'],

  matchesUrl(url) {
    const media = MEDIA_PATH.exec(url.pathname)
    if (media) return ACTIONS.has(media[1]!) || url.searchParams.has('configId')
    return WEB_SDK_PATH.test(url.pathname) && url.searchParams.has('configId')
  },

  decode(capture) {
    let url: URL
    try {
      url = new URL(capture.url)
    } catch {
      return { events: [], problems: [] }
    }
    const urlAction = MEDIA_PATH.exec(url.pathname)?.[1]
    const isMediaEndpoint = urlAction !== undefined
    if (capture.requestBody === null) {
      if (!isMediaEndpoint) return { events: [], problems: [] }
      return problem(capture, 'not-visible', `the ${urlAction} request body was not visible to any capture source`)
    }
    const parsed = parseJsonBody(capture.requestBody)
    if (!parsed.ok) {
      // A Web SDK call we cannot read might not be a media call at all; a /va/ call certainly is.
      return isMediaEndpoint ? problem(capture, 'malformed', parsed.reason) : { events: [], problems: [] }
    }
    const list = field(parsed.value, 'events')
    if (!Array.isArray(list)) {
      return isMediaEndpoint
        ? problem(capture, 'malformed', 'the body has no `events` array')
        : { events: [], problems: [] }
    }
    const events: TrackingEvent[] = []
    list.forEach((item, index) => {
      const xdm = field(item, 'xdm')
      const eventType = stringField(xdm, 'eventType')
      if (!isMediaEndpoint && !eventType?.startsWith('media.')) return
      events.push(decodeEvent(capture, xdm, index, events.length, urlAction))
    })
    if (isMediaEndpoint && events.length === 0) {
      return problem(capture, 'malformed', 'the `events` array is empty')
    }
    return { events, problems: [] }
  },
}

function decodeEvent(
  capture: CapturedRequest,
  xdm: unknown,
  index: number,
  ordinal: number,
  urlAction: string | undefined,
): TrackingEvent {
  const eventType = stringField(xdm, 'eventType')
  const type = eventType === undefined ? (urlAction ?? 'unknown') : eventType.replace(/^media\./, '')
  const media = field(xdm, 'mediaCollection')
  const role = ROLES[type] ?? 'event'
  const timestamp = stringField(xdm, TIMESTAMP)
  const parsedTime = timestamp === undefined ? Number.NaN : Date.parse(timestamp)
  const missing = missingFields(xdm, type)
  // Without an xdm object, "xdm" is the one missing field worth naming.
  const timestampMissing = isRecord(xdm) && field(xdm, TIMESTAMP) === undefined
  const event: TrackingEvent = {
    protocol: 'adobe-media-edge',
    origin: { capture: capture.seq, ordinal, frame: null },
    type,
    role,
    sessionId: role === 'start' ? null : nonEmptyString(field(media, 'sessionID')),
    playhead: numberField(media, 'playhead') ?? null,
    clientTime: Number.isFinite(parsedTime) ? parsedTime : null,
    observedAt: capture.observedAt,
    missingFields: timestampMissing && role !== 'start' ? [...missing, TIMESTAMP] : missing,
    details: xdm ?? null,
  }
  if (urlAction !== undefined) event.urlAction = urlAction
  if (role === 'start') {
    event.start = startOutcome(capture.response, index)
    event.summary = summary(field(media, 'sessionDetails'))
    if (timestampMissing) event.missingDocumentedOptional = [TIMESTAMP]
  }
  return event
}

function missingFields(xdm: unknown, type: string): string[] {
  if (!isRecord(xdm)) return ['xdm']
  const required = [...REQUIRED_ALWAYS, ...(REQUIRED_BY_TYPE[type] ?? [])]
  if (type !== 'sessionStart') required.push('mediaCollection.sessionID')
  return required.filter((path) => valueAt(xdm, path) === undefined || valueAt(xdm, path) === null)
}

function valueAt(root: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => field(value, key), root)
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null
}

function summary(details: unknown): SessionSummaryFields {
  const fields: SessionSummaryFields = {}
  const name = stringField(details, 'friendlyName') ?? stringField(details, 'name')
  if (name !== undefined) fields.name = name
  const contentType = stringField(details, 'contentType')
  if (contentType !== undefined) fields.contentType = contentType
  const length = numberField(details, 'length')
  if (length !== undefined) fields.length = length
  const playerName = stringField(details, 'playerName')
  if (playerName !== undefined) fields.playerName = playerName
  const channel = stringField(details, 'channel')
  if (channel !== undefined) fields.channel = channel
  return fields
}

/** Reads the session ID for the event at `index` out of a sessionStart response. */
export function startOutcome(response: CapturedResponse | null, index: number): StartOutcome {
  if (response === null) return { kind: 'not-visible' }
  const { status } = response
  if (status === 0) return { kind: 'rejected', status: null, reason: 'the request failed before a response arrived' }
  if (response.body === null) {
    return status >= 400
      ? { kind: 'rejected', status, reason: `HTTP ${status}` }
      : { kind: 'not-visible' }
  }
  const parsed = parseJsonBody(response.body)
  if (!parsed.ok) {
    return { kind: 'rejected', status, reason: `HTTP ${status}; the response body could not be read: ${parsed.reason}` }
  }
  const handles = field(parsed.value, 'handle')
  if (Array.isArray(handles)) {
    for (const handle of handles) {
      if (stringField(handle, 'type') !== 'media-analytics:new-session') continue
      const eventIndex = numberField(handle, 'eventIndex')
      if (eventIndex !== undefined && eventIndex !== index) continue
      const payload = field(handle, 'payload')
      const sessionId = Array.isArray(payload) ? nonEmptyString(field(payload[0], 'sessionId')) : null
      if (sessionId !== null && status < 300) return { kind: 'issued', sessionId }
    }
  }
  return { kind: 'rejected', status, reason: rejectionReason(parsed.value, status) }
}

function rejectionReason(body: unknown, status: number): string {
  const errors = field(body, 'errors')
  const list = Array.isArray(errors) ? errors : isRecord(body) && field(body, 'title') !== undefined ? [body] : []
  const reasons = list.map((error) => {
    const title = stringField(error, 'title') ?? stringField(error, 'type') ?? 'error'
    const details = field(field(error, 'report'), 'details')
    const detailText = Array.isArray(details)
      ? details
          .map((d) => [stringField(d, 'name'), stringField(d, 'reason')].filter(Boolean).join(': '))
          .filter(Boolean)
          .join('; ')
      : typeof details === 'string'
        ? details
        : stringField(error, 'detail')
    return detailText ? `${title} (${detailText})` : title
  })
  if (reasons.length > 0) return `HTTP ${status}: ${reasons.join(', ')}`
  return `HTTP ${status} without a media-analytics:new-session handle (is Media Analytics enabled on the datastream?)`
}

function problem(capture: CapturedRequest, kind: 'malformed' | 'not-visible', reason: string): Decoded {
  return { events: [], problems: [{ protocol: 'adobe-media-edge', kind, capture: capture.seq, frame: null, reason }] }
}
