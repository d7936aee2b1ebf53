/**
 * Legacy Adobe heartbeats (Video Heartbeat Library 1.x, Media SDK 2.x `MediaHeartbeat`): one request per event
 * to `{namespace}.hb.omtrdc.net`, every field a `prefix:group:name` parameter (`s:` string, `l:` number, `h:`
 * flag), usually in the query string; some SDK builds POST the same pairs as a form body. The SDK makes up the
 * session ID (`s:event:sid`) itself: no response carries one.
 * https://experienceleague.adobe.com/en/docs/media-analytics/using/legacy-implementations/validation/heartbeat-params
 *
 *   GET https://sample.hb.omtrdc.net/?s:event:sid=1527464150037459529420&s:event:type=play&l:event:playhead=10
 *       &l:event:ts=1527464160048&s:asset:type=main&s:asset:video_id=3710748&l:asset:length=1330&s:stream:type=vod
 */
import type { ProtocolAdapter } from '../adapter'
import type { AdobeMediaEvent } from '../adobe-media/event'
import { captureProblem, captureUrl, NO_EXTRA_HOSTS, NOTHING } from '../adapter'
import { FieldChecks, MEDIA_EVENT_TYPES, roleOf } from '../adobe-media/vocabulary'
import type { CapturedRequest, CapturedResponse } from '../captured-request'
import { hostMatches } from '../host-patterns'
import { bodyText, compact } from '../json-body'
import type { FieldIssue, LifecycleRole, StartOutcome, TrackingEvent } from '../tracking-event'
import { trackingEvent } from '../tracking-event'
import { ADOBE_SESSION_ENDING, ADOBE_SESSION_TIMERS } from '../adobe-media/session-timers'

// Fixed for legacy heartbeats; Media SDK 3.x moved to `*.hb-api.omtrdc.net` (the Media Collection API).
const HOST_SUFFIX = '.hb.omtrdc.net'
const EVENT_TYPE = 's:event:type'
const SESSION_ID = 's:event:sid'
const TIMESTAMP = 'l:event:ts'
const PLAYHEAD = 'l:event:playhead'
const ASSET_TYPE = 's:asset:type'
/** The `l:event:ts` of the session's previous call of the same type; -1 on the first. */
const PREVIOUS_TIMESTAMP = 'l:event:prev_ts'
/** Every heartbeat call carries these; the server files a call by sid, type, time and asset. */
const REQUIRED = [SESSION_ID, EVENT_TYPE, TIMESTAMP, PLAYHEAD, ASSET_TYPE]
/** Heartbeat parameter names; anything else sent to the host is not an event. */
const PARAM_NAME = /^[slh]:/
// Each digit run has one reading, so a long run of digits cannot make the match backtrack.
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/

type Asset = 'main' | 'ad'

/** `s:event:type` → the shared vocabulary. A Map, so that `constructor` or `__proto__` is just an unknown name. */
const EVENT_TYPES = new Map<string, string | Record<Asset, string>>([
  ['start', { main: 'sessionStart', ad: 'adStart' }],
  ['complete', { main: 'sessionComplete', ad: 'adComplete' }],
  ['end', 'sessionEnd'],
  // `play` is also the 10 s (main) or 1 s (ad) heartbeat while playing, as `pause` is while paused.
  ['play', 'play'],
  ['resume', 'play'],
  ['pause', 'pauseStart'],
  ['buffer', 'bufferStart'],
  ['bitrate_change', 'bitrateChange'],
  ['chapter_start', 'chapterStart'],
  ['chapter_complete', 'chapterComplete'],
  ['error', 'error'],
  // Analytics hand-offs and stalls have no counterpart in the newer APIs: they keep their names.
  ['aa_start', 'aa_start'],
  ['aa_ad_start', 'aa_ad_start'],
  ['stall', 'stall'],
])
/** Names the session machine acts on (and 'unknown', a call without a type); an undefined type must not pose as one. */
const VOCABULARY = new Set([...MEDIA_EVENT_TYPES, 'unknown'])

type HeartbeatEvent = AdobeMediaEvent<'adobe-heartbeat'>

export const adobeHeartbeat: ProtocolAdapter<'adobe-heartbeat', HeartbeatEvent> = {
  id: 'adobe-heartbeat',
  label: 'Adobe Heartbeat (legacy)',
  timers: ADOBE_SESSION_TIMERS,
  // No reordering is documented for legacy heartbeats: events apply in arrival order.
  reordersByTimestamp: false,
  ending: ADOBE_SESSION_ENDING,
  // The documented list of heartbeat event types is not authoritative: a type outside it may still be accepted.
  unknownTypes: 'unverified',
  // While paused or buffering, the heartbeat SDKs repeat the pause or buffer call as their periodic call.
  repeatsHeldStateAsPing: true,
  webRequestPatterns: [`*://*${HOST_SUFFIX}/*`],

  matchesUrl(url, context = NO_EXTRA_HOSTS) {
    // A tracking server behind a first-party name is configured as an extra host.
    if (!url.hostname.endsWith(HOST_SUFFIX) && !hostMatches(url, context.hosts)) return false
    // Calls go to the root; a form POST (or a call that lost its type) has no s:event:type in the URL.
    return url.searchParams.has(EVENT_TYPE) || url.pathname === '/'
  },

  decode(capture, _context, parsedUrl) {
    const url = captureUrl(capture, parsedUrl)
    if (url === null) return NOTHING
    const pairs: Array<[string, string]> = [...url.searchParams]
    const urlCarriesEvent = pairs.some(([name]) => PARAM_NAME.test(name))
    const body = capture.requestBody
    if (body === null) {
      if (capture.method === 'POST' && !urlCarriesEvent) return captureProblem('adobe-heartbeat', capture, 'not-visible', 'the heartbeat body was not visible to any capture source')
    } else if (body.truncatedFrom !== undefined) {
      if (!urlCarriesEvent) return captureProblem('adobe-heartbeat', capture, 'malformed', `the body was truncated at capture (${body.truncatedFrom} bytes), so it cannot be decoded`)
    } else {
      pairs.push(...new URLSearchParams(bodyText(body)))
    }
    if (!pairs.some(([name]) => PARAM_NAME.test(name))) {
      return pairs.length === 0 ? NOTHING : captureProblem('adobe-heartbeat', capture, 'malformed', 'the request carries no heartbeat parameters (s:…, l:…) in its URL or body')
    }
    return { events: [decodeEvent(capture, collect(pairs))], problems: [] }
  },
}

/** The parameters of one call: the first value of each name, and the names sent again with another value. */
interface Params {
  values: Map<string, string>
  conflicting: Set<string>
}

function collect(pairs: ReadonlyArray<[string, string]>): Params {
  const values = new Map<string, string>()
  const conflicting = new Set<string>()
  for (const [name, value] of pairs) {
    const first = values.get(name)
    if (first === undefined) values.set(name, value)
    else if (first !== value) conflicting.add(name)
  }
  return { values, conflicting }
}

function decodeEvent(capture: CapturedRequest, params: Params): HeartbeatEvent {
  // An empty value is as good as none: `s:event:sid=` identifies no session.
  const text = (name: string): string | undefined => params.values.get(name) || undefined
  const number = (name: string): number | undefined => {
    const value = numeric(text(name))
    return typeof value === 'number' ? value : undefined
  }
  const rawType = text(EVENT_TYPE)
  const assetType = text(ASSET_TYPE)
  const asset: Asset | undefined = assetType === 'main' || assetType === 'ad' ? assetType : undefined
  // Without a valid asset type, a start or complete is taken to be about the main content.
  const known = rawType === undefined ? undefined : mapType(rawType, asset ?? 'main')
  const type = rawType === undefined ? 'unknown' : (known ?? unknownName(rawType))
  const role = known === undefined ? 'event' : roleOf(known)
  const sessionId = text(SESSION_ID) ?? null
  const event = trackingEvent({
    protocol: 'adobe-heartbeat',
    origin: { capture: capture.seq, ordinal: 0, frame: null },
    type,
    typeKnown: known !== undefined,
    role,
    idIssuer: 'client',
    sessionId,
    sessionSince: sessionSince(role, sessionId, number(PREVIOUS_TIMESTAMP), number(TIMESTAMP), capture.observedAt),
    // During ads this is the ad's own position; the session machine ignores playheads of asset 'ad'.
    playhead: number(PLAYHEAD) ?? null,
    clientTime: number(TIMESTAMP) ?? null,
    observedAt: capture.observedAt,
    missingFields: REQUIRED.filter((name) => text(name) === undefined),
    invalidFields: fieldIssues(params),
    details: Object.fromEntries(params.values),
  })
  if (asset !== undefined) event.asset = asset
  if (role === 'start') {
    event.start = startOutcome(sessionId, capture.response)
    event.summary = compact({
      name: text('s:asset:name') ?? text('s:meta:a.media.name') ?? text('s:asset:video_id'),
      contentType: text('s:stream:type'),
      length: number('l:asset:length'),
      playerName: text('s:sp:player_name'),
      channel: text('s:sp:channel'),
    })
  } else {
    const rejection = vendorRejection(capture.response)
    if (rejection) event.vendorRejection = rejection
  }
  if (type === 'adStart') {
    // Heartbeats have no ad-break calls: the first ad start opens the break, main content closes it.
    event.implicitAdBreak = true
    // On ad calls `l:asset:length` stays the main content's length; the ad's own is `l:asset:ad_length`.
    event.ad = compact({ id: text('s:asset:ad_id'), length: number('l:asset:ad_length'), podPosition: number('s:asset:pod_position') })
  }
  if (type === 'chapterStart') {
    event.chapter = compact({
      index: number('l:stream:chapter_pos'),
      offset: number('l:stream:chapter_offset'),
      length: number('l:stream:chapter_length'),
      name: text('s:stream:chapter_name'),
    })
  }
  return event
}

function mapType(rawType: string, asset: Asset): string | undefined {
  const mapped = EVENT_TYPES.get(rawType)
  return typeof mapped === 'object' ? mapped[asset] : mapped
}

/**
 * An undefined `s:event:type` keeps its name, unless that name is one the session machine acts on
 * (`adBreakStart`, `sessionEnd`…): the server ignores it, so the machine must not open a break or end a session.
 */
function unknownName(rawType: string): string {
  return VOCABULARY.has(rawType) ? `hb:${rawType}` : rawType
}

/** Values the heartbeat server cannot read (error) or reports do not expect (warning). */
function fieldIssues(params: Params): FieldIssue[] {
  const checks = new FieldChecks()
  for (const [name, value] of params.values) {
    if (!name.startsWith('l:') || value === '') continue
    // Timestamps are whole milliseconds since the epoch; -1 is the documented "no previous event".
    const integer = name === TIMESTAMP || name === PREVIOUS_TIMESTAMP
    checks.number(numeric(value), name, { integer })
  }
  checks.oneOf(params.values.get(ASSET_TYPE) || undefined, ASSET_TYPE, ['main', 'ad'], 'error')
  // Production clients send other stream types ("Linear", "VOD Episode") and the server accepts them: worth knowing only.
  checks.oneOf(params.values.get('s:stream:type') || undefined, 's:stream:type', ['live', 'vod', 'linear'], 'info')
  checks.number(numeric(params.values.get('s:asset:pod_position') || undefined), 's:asset:pod_position', { integer: true, min: 0 })
  for (const name of params.conflicting) checks.add(name, 'was sent more than once with different values; the first one is used', 'warning')
  return checks.issues
}

/**
 * The earliest moment the call shows its session existed: the earlier call of the same type that `l:event:prev_ts`
 * points back to, and, except on a start, the time the sid was made. The SDK makes a sid as the time in ms followed
 * by random digits (`1527464150037459529420`), just before the session's start; a start's own sid says nothing
 * about calls before it, while its `prev_ts` (not -1) shows an earlier start of the session: a start sent again.
 */
function sessionSince(role: LifecycleRole, sessionId: string | null, previous: number | undefined, timestamp: number | undefined, observedAt: number): number | undefined {
  const earlierCall = previous !== undefined && previous >= 0 && (timestamp === undefined || previous <= timestamp) ? previous : undefined
  const made = role === 'start' ? undefined : sidTime(sessionId, observedAt)
  if (earlierCall === undefined) return made
  return made === undefined ? earlierCall : Math.min(earlierCall, made)
}

const SID_TIME = /^(\d{13})\d{4,}$/
const DAY_MS = 24 * 60 * 60_000

/** When a sid was made, if it begins with a plausible time: within the day before the call (no session lives longer). */
function sidTime(sessionId: string | null, observedAt: number): number | undefined {
  const digits = sessionId === null ? null : SID_TIME.exec(sessionId)
  if (!digits) return undefined
  const made = Number(digits[1])
  return made <= observedAt && made >= observedAt - DAY_MS ? made : undefined
}

/** A finite number, or the text itself when it is not one (so the check can quote it). */
function numeric(value: string | undefined): number | string | undefined {
  if (value === undefined || !NUMBER.test(value)) return value
  const parsed = Number(value)
  return Number.isFinite(parsed) ? parsed : value
}

/**
 * The client made the ID, so a start issues it unless the call never reached the server or was refused.
 * A start without an ID cannot be filed under any session.
 */
function startOutcome(sessionId: string | null, response: CapturedResponse | null): StartOutcome {
  if (sessionId === null) return { kind: 'rejected', status: null, reason: `it carries no ${SESSION_ID}, so the heartbeat server cannot file it under a session` }
  if (response?.status === 0) return { kind: 'rejected', status: null, reason: 'the request failed before a response arrived' }
  if (response && response.status >= 400) return { kind: 'rejected', status: response.status, reason: `HTTP ${response.status}` }
  return { kind: 'issued', sessionId }
}

function vendorRejection(response: CapturedResponse | null): TrackingEvent['vendorRejection'] {
  return response !== null && response.status >= 400 ? { status: response.status, reason: `HTTP ${response.status}` } : undefined
}

