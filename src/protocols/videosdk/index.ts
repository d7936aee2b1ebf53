/**
 * VideoSDK.live: the REST v2 API a back end uses to manage rooms and their sessions (`/v2/rooms…`,
 * `/v2/sessions…` on https://api.videosdk.live) and the browser SDK's join (`POST /infra/v1/meetings/init-config`,
 * then a socket.io signalling socket whose URL carries the token as `secret`). A room is the unit of lifecycle:
 * sessions are ended and rooms deactivated by roomId, so the room ID is the session ID here, and it is created
 * outside the capture more often than not. The token is an HS256 JWT sent bare in `Authorization`.
 * https://docs.videosdk.live/api-reference/realtime-communication/intro
 *
 *   POST https://api.videosdk.live/v2/sessions/end
 *   Authorization: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhcGlrZXkiOi…   Content-Type: application/json
 *   {"roomId":"abcd-efgh-lmno","sessionId":"62429766903bdf001299cac5"}
 *   ← {"id":"62429766903bdf001299cac5","roomId":"abcd-efgh-lmno","start":"…","end":null,"status":"ongoing",…}
 */
import type { ProtocolAdapter } from '../adapter'
import { captureUrl, NO_EXTRA_HOSTS, NO_SESSION_TIMERS, NOTHING } from '../adapter'
import type { CapturedRequest } from '../captured-request'
import { headerValue } from '../captured-request'
import { hostMatches } from '../host-patterns'
import { decodeSegment } from '../url-segment'
import { bodyText, field, isRecord, parseJson, stringField } from '../json-body'
import { readJwt, withoutJwtSignatures } from './jwt'
import { describe } from '../describe-value'
import type { EventOf, FieldIssue, LifecycleRole, StartOutcome } from '../tracking-event'
import { trackingEvent } from '../tracking-event'
import type { VideoSdkEvent, VideoSdkEventType } from './event'
import type { RoomField, VideoSdkEndpoint, VideoSdkReading, VideoSdkToken } from './reading'
import { parseTime } from '../time-text'

const API_HOST = 'api.videosdk.live'
const VENDOR_DOMAIN = '.videosdk.live'
// Anywhere in the path: a proxy may put its own prefix in front (`/api/videosdk/v2/sessions/end`).
const REST_PATH = /(?:^|\/)v2\/(rooms|sessions)(?:\/([^?#]*?))?\/?$/
const INIT_CONFIG_PATH = /(?:^|\/)infra\/v1\/meetings\/init-config\/?$/
/** At most this many participant names in the session facts. */
const MAX_NAMES = 8

interface Operation {
  endpoint: VideoSdkEndpoint
  /** The event type people read: the operation's name in the VideoSDK docs, in camelCase. */
  type: VideoSdkEventType
  /** The room named by the path (validate room, get room). */
  pathRoom?: string
  /** VideoSDK's session ID named by the path (get session, its participants). */
  pathSession?: string
}

export const videosdk: ProtocolAdapter<'videosdk', VideoSdkEvent> = {
  id: 'videosdk',
  label: 'VideoSDK',
  timers: NO_SESSION_TIMERS,
  reordersByTimestamp: false,
  // An end for a session already ended is answered with an error unless the request asks to tolerate it; a room
  // whose session ended can hold another until it is deactivated (retired).
  ending: { repeatedEnd: 'refused', laterEvents: 'recoverable' },
  // Requests are told apart by endpoint, and one Sessionscope does not know is not decoded at all.
  unknownTypes: 'rejected',
  repeatsHeldStateAsPing: false,
  webRequestPatterns: [
    `*://${API_HOST}/*`,
    '*://*/v2/rooms*',
    '*://*/v2/sessions*',
    '*://*/infra/v1/meetings/*',
    '*://*/*/v2/rooms*',
    '*://*/*/v2/sessions*',
    '*://*/*/infra/v1/meetings/*',
  ],

  // The same paths on every host: VideoSDK's, configured ones, and proxies or stand-ins anywhere, which decode
  // keeps only when their token shows VideoSDK.
  matchesUrl(url) {
    return operationOf(url, null) !== null
  },

  decode(capture, context = NO_EXTRA_HOSTS, parsedUrl) {
    const url = captureUrl(capture, parsedUrl)
    if (url === null) return NOTHING
    const operation = operationOf(url, capture.method)
    if (!operation) return NOTHING
    const token = readToken(capture, url, operation.endpoint)
    // Elsewhere, `/v2/sessions` may be anyone's API: only a VideoSDK token (a JWT with an apikey) makes it ours.
    if (!isVendorHost(url, context.hosts) && !carriesApiKey(token)) return NOTHING
    return { events: [decodeEvent(capture, url, operation, token)], problems: [] }
  },
}

/** The operation a URL (and method, when known) names; null for anything else. */
function operationOf(url: URL, method: string | null): Operation | null {
  const query = url.searchParams
  if (query.has('secret') && (query.has('roomId') || query.has('peerId'))) {
    return method === null || method === 'GET' ? { endpoint: 'signalling-socket', type: 'connectSocket' } : null
  }
  if (INIT_CONFIG_PATH.test(url.pathname)) return method === null || method === 'POST' ? { endpoint: 'init-config', type: 'initConfig' } : null
  const rest = REST_PATH.exec(url.pathname)
  if (!rest) return null
  const segments = rest[2] === undefined || rest[2] === '' ? [] : rest[2].split('/').map(decodeSegment)
  const candidates = rest[1] === 'rooms' ? roomOperations(segments) : sessionOperations(segments)
  if (method === null) return candidates[0]?.operation ?? null
  return candidates.find((candidate) => candidate.method === method)?.operation ?? null
}

type Candidate = { method: 'GET' | 'POST'; operation: Operation }

function roomOperations(segments: string[]): Candidate[] {
  const [first, second, ...more] = segments
  if (more.length > 0 || first === '') return []
  if (first === undefined) {
    return [
      { method: 'POST', operation: { endpoint: 'create-room', type: 'createRoom' } },
      { method: 'GET', operation: { endpoint: 'list-rooms', type: 'fetchRooms' } },
    ]
  }
  if (first === 'validate') return second ? [{ method: 'GET', operation: { endpoint: 'validate-room', type: 'validateRoom', pathRoom: second } }] : []
  if (first === 'deactivate') return second === undefined ? [{ method: 'POST', operation: { endpoint: 'deactivate-room', type: 'deactivateRoom' } }] : []
  return second === undefined ? [{ method: 'GET', operation: { endpoint: 'get-room', type: 'fetchRoom', pathRoom: first } }] : []
}

function sessionOperations(segments: string[]): Candidate[] {
  const [first, second, third, ...more] = segments
  if (more.length > 0 || first === '') return []
  if (first === undefined) return [{ method: 'GET', operation: { endpoint: 'list-sessions', type: 'fetchSessions' } }]
  if (first === 'end') return second === undefined ? [{ method: 'POST', operation: { endpoint: 'end-session', type: 'endSession' } }] : []
  if (first === 'participants') return second === 'remove' && third === undefined ? [{ method: 'POST', operation: { endpoint: 'remove-participant', type: 'removeParticipant' } }] : []
  if (second === undefined) return [{ method: 'GET', operation: { endpoint: 'get-session', type: 'fetchSession', pathSession: first } }]
  if (second !== 'participants' || third === '') return []
  if (third === undefined || third === 'active') {
    return [{ method: 'GET', operation: { endpoint: 'list-participants', type: third === 'active' ? 'fetchActiveParticipants' : 'fetchParticipants', pathSession: first } }]
  }
  return [{ method: 'GET', operation: { endpoint: 'get-participant', type: 'fetchParticipant', pathSession: first } }]
}

function isVendorHost(url: URL, hosts: readonly string[]): boolean {
  const host = url.hostname.toLowerCase()
  return host === API_HOST || host.endsWith(VENDOR_DOMAIN) || hostMatches(url, hosts)
}

function accepted(capture: CapturedRequest): boolean {
  const status = capture.response?.status
  return status !== undefined && status >= 200 && status < 300
}

function carriesApiKey(token: VideoSdkToken): boolean {
  if (token.state !== 'sent' || !token.jwt.ok) return false
  const apikey = token.jwt.payload.apikey
  return typeof apikey === 'string' && apikey !== ''
}

/** The token as sent: REST and init-config in `Authorization`, the socket in its URL's `secret`. */
function readToken(capture: CapturedRequest, url: URL, endpoint: VideoSdkEndpoint): VideoSdkToken {
  if (endpoint === 'signalling-socket') {
    const secret = url.searchParams.get('secret')
    if (secret === null) return { carrier: 'secret', state: 'missing' }
    if (secret.trim() === '') return { carrier: 'secret', state: 'empty' }
    return { carrier: 'secret', state: 'sent', scheme: null, jwt: readJwt(secret.trim()) }
  }
  if (capture.requestHeaders.length === 0) return { carrier: 'authorization', state: 'not-visible' }
  const value = headerValue(capture.requestHeaders, 'authorization')
  // VideoSDK accepted a request whose header the capture lacks: it was sent, and left out of the capture (Chrome's
  // DevTools removes Authorization from HAR exports unless asked to keep it).
  if (value === undefined) return { carrier: 'authorization', state: accepted(capture) ? 'not-visible' : 'missing' }
  if (value.trim() === '') return { carrier: 'authorization', state: 'empty' }
  // A bare token has no spaces; "Bearer eyJ…" (any word, then blanks) carries a scheme.
  const scheme = /^\s*([A-Za-z][A-Za-z0-9_-]*)\s+(\S[\s\S]*)$/.exec(value)
  return { carrier: 'authorization', state: 'sent', scheme: scheme ? scheme[1]! : null, jwt: readJwt((scheme ? scheme[2]! : value).trim()) }
}

interface RequestBody {
  kind: VideoSdkReading['body']
  /** The parsed JSON object, or the form fields of a body that is not JSON. */
  fields: Record<string, unknown> | URLSearchParams | null
  text: string | null
}

function readBody(capture: CapturedRequest): RequestBody {
  const body = capture.requestBody
  if (body === null) {
    const length = Number(headerValue(capture.requestHeaders, 'content-length') ?? '0')
    return { kind: length > 0 ? 'not-visible' : 'none', fields: null, text: null }
  }
  if (body.truncatedFrom !== undefined) return { kind: 'not-visible', fields: null, text: null }
  const text = bodyText(body)
  if (text.trim() === '') return { kind: 'none', fields: null, text: null }
  const value = parseJson(text)
  if (isRecord(value)) return { kind: 'json', fields: value, text }
  // Not JSON: perhaps a form (`roomId=…`), which VideoSDK cannot read but which still names the room.
  const form = /^[^{["\s][^\s]*=/.test(text.trim()) ? new URLSearchParams(text.trim()) : null
  return { kind: 'not-json', fields: form, text }
}

/** Body parameters VideoSDK documents as strings; another type is read as no value at all. */
const STRING_BODY_FIELDS = ['roomId', 'meetingId', 'customRoomId', 'sessionId', 'participantId'] as const

function bodyFieldIssues(body: RequestBody): FieldIssue[] {
  if (body.kind !== 'json' || body.fields instanceof URLSearchParams) return []
  return STRING_BODY_FIELDS.flatMap((name): FieldIssue[] => {
    const value = field(body.fields, name)
    return value === undefined || value === null || typeof value === 'string' ? [] : [{ path: name, problem: `must be a string, not ${describe(value)}`, severity: 'error' }]
  })
}

function bodyString(fields: RequestBody['fields'], key: string): string | undefined {
  const value = fields instanceof URLSearchParams ? (fields.get(key) ?? undefined) : stringField(fields, key)
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined
}

/** The room the request names: the body's roomId, meetingId (the server SDK's alias) or customRoomId, the socket URL, the path. */
function requestRoom(operation: Operation, url: URL, body: RequestBody): VideoSdkReading['requestRoom'] {
  if (operation.pathRoom !== undefined) return operation.pathRoom.trim() === '' ? null : { id: operation.pathRoom, field: 'path' }
  const fields: RequestBody['fields'] = operation.endpoint === 'signalling-socket' || operation.endpoint === 'list-sessions' ? url.searchParams : body.fields
  for (const name of ['roomId', 'meetingId', 'customRoomId'] as const satisfies readonly RoomField[]) {
    const id = bodyString(fields, name)
    if (id !== undefined) return { id, field: name }
  }
  return null
}

interface Response {
  status: number | null
  json: unknown
  text: string | null
}

function readResponse(capture: CapturedRequest): Response {
  const response = capture.response
  if (response === null) return { status: null, json: undefined, text: null }
  if (response.body === null || response.body.truncatedFrom !== undefined) return { status: response.status, json: undefined, text: null }
  const text = bodyText(response.body)
  return { status: response.status, json: parseJson(text), text }
}

function decodeEvent(capture: CapturedRequest, url: URL, operation: Operation, token: VideoSdkToken): EventOf<'videosdk'> {
  const { endpoint } = operation
  const body = readBody(capture)
  const response = readResponse(capture)
  const named = requestRoom(operation, url, body)
  const refused = response.status !== null && response.status >= 400
  const session = refused ? undefined : sessionOf(endpoint, response.json, named)
  const observedEnd = (endpoint === 'get-session' || endpoint === 'list-sessions') && session !== undefined && hasEnded(session)
  const room = roomKey(endpoint, named, response.json, session, refused)
  const role = roleOf(endpoint, { refused, observedEnd, room })
  const reading: VideoSdkReading = {
    endpoint,
    readOnly: capture.method === 'GET' && endpoint !== 'signalling-socket',
    token,
    requestTime: capture.observedAt,
    contentType: contentTypeOf(capture),
    body: body.kind,
    requestRoom: named,
    fromPage: fromPage(capture),
    observedEnd,
    vendorSessionId: operation.pathSession ?? bodyString(body.fields, 'sessionId') ?? stringField(session, 'id') ?? null,
  }
  const event = trackingEvent({
    protocol: 'videosdk',
    origin: { capture: capture.seq, ordinal: 0, frame: null },
    type: operation.type,
    typeKnown: true,
    role,
    idIssuer: 'external',
    sessionId: room,
    // The room's session as the response describes it began then (a server ending or reading a session it did not start).
    sessionSince: session === undefined || !Number.isFinite(startOf(session)) ? undefined : startOf(session),
    playhead: null,
    clientTime: null,
    observedAt: capture.observedAt,
    missingFields: [],
    invalidFields: bodyFieldIssues(body),
    reading,
    observed: reading.readOnly,
    details: details(capture, url, token, body, response),
  })
  if (role === 'start') event.start = endpoint === 'create-room' ? createOutcome(response) : { kind: 'issued', sessionId: room! }
  if (endpoint === 'deactivate-room' && role === 'end') event.retiresId = true
  if (refused && role !== 'start') event.vendorRejection = { status: response.status!, reason: rejectionReason(response) }
  const summaryFacts = sessionFacts(endpoint, room, response.json, session, reading.vendorSessionId, refused)
  if (Object.keys(summaryFacts).length > 0) event.summary = { facts: summaryFacts }
  return event
}

/**
 * Create room starts a room's life; init-config and the socket join it (starting a new session after an end).
 * End session and deactivate end it, unless refused. A read that shows the session ended observes the end.
 */
function roleOf(endpoint: VideoSdkEndpoint, at: { refused: boolean; observedEnd: boolean; room: string | null }): LifecycleRole {
  switch (endpoint) {
    case 'create-room':
      return 'start'
    case 'init-config':
    case 'signalling-socket':
      return at.refused || at.room === null ? 'event' : 'start'
    case 'end-session':
    case 'deactivate-room':
      return at.refused ? 'event' : 'end'
    case 'get-session':
    case 'list-sessions':
      return at.observedEnd ? 'end' : 'event'
    default:
      return 'event'
  }
}

/** Only the response knows the new room's ID; without it (not captured, not readable) the start is pending. */
function createOutcome(response: Response): StartOutcome {
  if (response.status === null) return { kind: 'not-visible' }
  if (response.status === 0) return { kind: 'rejected', status: null, reason: 'the request failed before a response arrived' }
  if (response.status >= 400) return { kind: 'rejected', status: response.status, reason: rejectionReason(response) }
  const room = responseRoom(response.json)
  return room === null ? { kind: 'not-visible' } : { kind: 'issued', sessionId: room }
}

/** The session object a response describes: get and end return one; list returns the room's, latest first. */
function sessionOf(endpoint: VideoSdkEndpoint, json: unknown, named: VideoSdkReading['requestRoom']): Record<string, unknown> | undefined {
  if (endpoint === 'list-sessions') {
    const data = field(json, 'data')
    if (!Array.isArray(data)) return undefined
    const sessions = data.filter(isRecord).filter((item) => named === null || roomsOf(item).includes(named.id))
    let latest: Record<string, unknown> | undefined
    for (const item of sessions) {
      if (latest === undefined || startOf(item) > startOf(latest)) latest = item
    }
    return latest
  }
  if (endpoint === 'get-session' || endpoint === 'end-session' || endpoint === 'remove-participant') {
    return isRecord(json) && (field(json, 'id') !== undefined || field(json, 'participants') !== undefined || field(json, 'status') !== undefined) ? json : undefined
  }
  return undefined
}

/** The ended session of a read: `end` is authoritative when set; `status` may say so too. */
function hasEnded(session: Record<string, unknown>): boolean {
  const end = field(session, 'end')
  return (end !== undefined && end !== null && end !== '') || stringField(session, 'status') === 'ended'
}

function startOf(session: Record<string, unknown>): number {
  const start = parseTime(stringField(session, 'start') ?? '')
  return Number.isFinite(start) ? start : Number.NEGATIVE_INFINITY
}

/** Some responses say meetingId and userMeetingId where others say roomId and customRoomId. */
function roomsOf(value: unknown): string[] {
  return ['roomId', 'meetingId', 'customRoomId', 'userMeetingId'].flatMap((key) => {
    const id = stringField(value, key)
    return id !== undefined && id !== '' ? [id] : []
  })
}

function responseRoom(value: unknown): string | null {
  return stringField(value, 'roomId') || stringField(value, 'meetingId') || null
}

/** The session key: a roomId the request names, else the one the response names, else whatever names the room. */
function roomKey(endpoint: VideoSdkEndpoint, named: VideoSdkReading['requestRoom'], json: unknown, session: Record<string, unknown> | undefined, refused: boolean): string | null {
  if (endpoint === 'create-room') return refused ? null : responseRoom(json)
  if (named && (named.field === 'roomId' || named.field === 'meetingId')) return named.id
  if (endpoint === 'list-rooms') return null
  const fromResponse = refused ? null : (responseRoom(session) ?? (endpoint === 'list-sessions' ? null : responseRoom(json)))
  return fromResponse ?? named?.id ?? null
}

function contentTypeOf(capture: CapturedRequest): string | null {
  const header = headerValue(capture.requestHeaders, 'content-type')
  if (header !== undefined) return header.trim() === '' ? null : header.trim()
  return capture.requestBody?.mimeType?.trim() || null
}

function fromPage(capture: CapturedRequest): VideoSdkReading['fromPage'] {
  if (headerValue(capture.requestHeaders, 'origin') !== undefined) return 'origin'
  if (headerValue(capture.requestHeaders, 'referer') !== undefined) return 'referer'
  return capture.tabId !== null ? 'browser-tab' : null
}

const REJECTION_KINDS: ReadonlyMap<number, string> = new Map([
  [400, 'invalid request or unknown room or session'],
  [401, 'token refused'],
  [402, 'unknown room or session'],
  [403, 'token not allowed'],
  [404, 'unknown room or session'],
  [409, 'conflict'],
  [429, 'rate limited'],
])

/** `HTTP 401 (token refused): "Token is invalid" [4002]`, as the server SDK reads error bodies. */
function rejectionReason(response: Response): string {
  const status = response.status ?? 0
  const kind = REJECTION_KINDS.get(status)
  const json = response.json
  const message = ['message', 'error', 'msg', 'statusMessage'].map((key) => stringField(json, key)).find((text) => text !== undefined && text !== '')
    ?? (json === undefined && response.text !== null && response.text.trim() !== '' ? response.text.trim() : undefined)
  const code = ['code', 'errorCode'].map((key) => field(json, key)).find((value) => typeof value === 'string' || typeof value === 'number')
  const text = message === undefined ? '' : `: "${withoutJwtSignatures(message).slice(0, 200)}"`
  return `HTTP ${status}${kind ? ` (${kind})` : ''}${text}${code === undefined ? '' : ` [${String(code).slice(0, 40)}]`}`
}

/** Facts for people: the room, its session, its participants and what the response says of its status. */
function sessionFacts(endpoint: VideoSdkEndpoint, room: string | null, json: unknown, session: Record<string, unknown> | undefined, vendorSessionId: string | null, refused: boolean): Record<string, string> {
  const facts: Record<string, string> = {}
  if (room !== null) facts.Room = room
  if (refused) return facts
  const custom = stringField(session ?? json, 'customRoomId') || stringField(session ?? json, 'userMeetingId')
  if (room !== null && custom && custom !== room) facts.Room = `${room} (custom ID ${custom})`
  if (vendorSessionId !== null) facts.Session = vendorSessionId
  if (session !== undefined) {
    const names = participantNames(field(session, 'participants'))
    if (names.length > 0) facts.Participants = names.length > MAX_NAMES ? `${names.slice(0, MAX_NAMES).join(', ')} and ${names.length - MAX_NAMES} more` : names.join(', ')
    const status = stringField(session, 'status') ?? (field(session, 'end') === null ? 'ongoing' : undefined)
    if (endpoint === 'end-session' && !hasEnded(session)) facts.Status = 'end requested'
    else if (hasEnded(session)) facts.Status = 'ended'
    else if (status !== undefined) facts.Status = status
  } else if (endpoint === 'end-session') {
    facts.Status = 'end requested'
  }
  if (endpoint === 'deactivate-room') facts.Status = 'room deactivated'
  return facts
}

/** Each participant once, with when they were in the room: "John (05:21:43Z–still in)". */
function participantNames(list: unknown): string[] {
  if (!Array.isArray(list)) return []
  const spans = new Map<string, string[]>()
  for (const participant of list) {
    const name = stringField(participant, 'name') || stringField(participant, 'participantId')
    if (!name) continue
    const timelog = field(participant, 'timelog')
    const own = spans.get(name) ?? []
    if (Array.isArray(timelog)) own.push(...timelog.flatMap((entry) => timeSpan(entry) ?? []))
    spans.set(name, own)
  }
  return [...spans].map(([name, own]) => (own.length === 0 ? name : `${name} (${own.join(', ')})`))
}

function timeSpan(entry: unknown): string | null {
  const start = clockTime(field(entry, 'start'))
  if (start === null) return null
  const end = field(entry, 'end')
  return `${start}–${end === null || end === undefined ? 'still in' : (clockTime(end) ?? '?')}`
}

/** The UTC time of day of an ISO timestamp; the date is the session's and would only repeat. */
function clockTime(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const time = parseTime(value)
  return Number.isNaN(time) ? null : `${new Date(time).toISOString().slice(11, 19)}Z`
}

/** What the event shows people: the request and the answer, with every token cut down to header.payload. */
function details(capture: CapturedRequest, url: URL, token: VideoSdkToken, body: RequestBody, response: Response): Record<string, unknown> {
  const shown: Record<string, unknown> = { request: `${capture.method} ${url.pathname}` }
  const query = [...url.searchParams]
  if (query.length > 0) shown.query = Object.fromEntries(query.map(([name, value]) => [name, name === 'secret' ? tokenText(token) : withoutJwtSignatures(value)]))
  if (token.carrier === 'authorization' && token.state !== 'not-visible') shown.authorization = tokenText(token)
  if (token.state === 'sent' && token.jwt.ok) shown.token = { header: token.jwt.header, claims: token.jwt.payload }
  if (body.text !== null) shown.body = parsedOrText(body.text)
  if (response.status !== null) shown.response = { status: response.status, ...(response.text === null ? {} : { body: parsedOrText(response.text) }) }
  return shown
}

function tokenText(token: VideoSdkToken): string | null {
  if (token.state !== 'sent') return token.state === 'empty' ? '' : null
  const scheme = token.scheme === null ? '' : `${token.scheme} `
  return `${scheme}${token.jwt.ok ? token.jwt.unsigned : '(not a JWT; hidden)'}`
}

/** Parsing the text after cutting signatures keeps JSON valid and never recurses through page data. */
function parsedOrText(text: string): unknown {
  const safe = withoutJwtSignatures(text)
  const value = parseJson(safe)
  return value === undefined ? safe : value
}
