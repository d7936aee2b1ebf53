/**
 * The VideoSDK rules, and the shared lifecycle rules on VideoSDK traffic: each fires on the misuse it names and
 * stays silent on the correct call next to it. Events come from the real adapter; tokens are real HS256 JWTs.
 */
import { describe, expect, it } from 'vitest'
import type { CapturedRequest, HttpHeader } from '../../../src/protocols/captured-request'
import { decodeCapture } from '../../../src/protocols'
import { redactCapture } from '../../../src/report/redact'
import { createEngine, ingest } from '../../../src/session/engine'
import { ruleById } from '../../../src/session/rules'
import { DEFAULT_SETTINGS } from '../../../src/session/settings'
import { API_KEY, mintToken } from '../../helpers/videosdk-har'

const T = Date.parse('2026-03-27T05:20:00.000Z')
const S = T / 1000
const API = 'https://api.videosdk.live'
const ROOM = 'abcd-efgh-lmno'
const PAGE: HttpHeader = { name: 'Origin', value: 'https://meet.example' }

const claims = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ apikey: API_KEY, permissions: ['allow_join', 'allow_mod'], version: 2, roles: ['crawler'], iat: S - 60, exp: S + 3600, ...extra })
const SERVER = mintToken(claims())
const PARTICIPANT = mintToken(claims({ permissions: ['allow_join'], roles: ['rtc'], roomId: ROOM, participantId: 'demo-1' }))

interface Call {
  /** Seconds after T. */
  at?: number
  method?: 'GET' | 'POST'
  /** The Authorization value; null sends none. */
  auth?: string | null
  body?: unknown
  /** Defaults to application/json with a body; null sends none. */
  contentType?: string | null
  headers?: HttpHeader[]
  status?: number
  response?: unknown
  tabId?: number
}

let seq = 0
function call(path: string, options: Call = {}): CapturedRequest {
  const url = path.startsWith('/') ? `${API}${path}` : path
  const text = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
  const contentType = text === undefined ? null : options.contentType === undefined ? 'application/json' : options.contentType
  const auth = options.auth === undefined ? SERVER : options.auth
  return {
    seq: seq++, url, method: options.method ?? (text === undefined ? 'GET' : 'POST'),
    requestHeaders: [
      { name: 'Accept', value: 'application/json' },
      ...(auth === null ? [] : [{ name: 'Authorization', value: auth }]),
      ...(contentType === null ? [] : [{ name: 'Content-Type', value: contentType }]),
      ...(options.headers ?? []),
    ],
    requestBody: text === undefined ? null : { text },
    response: options.status === undefined ? null : { status: options.status, headers: [], body: options.response === undefined ? null : { text: JSON.stringify(options.response) } },
    observedAt: T + (options.at ?? 0) * 1000, tabId: options.tabId ?? null, frameId: null,
  }
}

const createRoom = (at = 0): CapturedRequest => call('/v2/rooms', { at, body: {}, status: 200, response: { roomId: ROOM } })
const endSession = (options: Call = {}): CapturedRequest => call('/v2/sessions/end', { body: { roomId: ROOM }, status: 200, ...options })
const initConfig = (options: Call = {}): CapturedRequest => call('/infra/v1/meetings/init-config', { auth: PARTICIPANT, body: { roomId: ROOM }, headers: [PAGE], ...options })
const socket = (query: string): CapturedRequest => call(`wss://signal.videosdk.live/?${query}`, { auth: null, headers: [PAGE] })

/** Every finding of a run as `rule:severity@index` (index of the capture in `captures`). */
function findings(captures: CapturedRequest[]): string[] {
  const engine = createEngine()
  const index = new Map(captures.map((capture, i) => [capture.seq, i]))
  const out: string[] = []
  for (const capture of captures) {
    const result = ingest(engine, decodeCapture(capture), DEFAULT_SETTINGS)
    for (const finding of [...result.problems, ...result.events.flatMap((e) => e.findings)]) out.push(`${finding.rule}:${finding.severity}@${index.get(finding.at!.capture)}`)
  }
  return out
}

function only(captures: CapturedRequest[], rule: string): string[] {
  return findings(captures).filter((finding) => finding.startsWith(`${rule}:`))
}

function messages(captures: CapturedRequest[], rule: string): string[] {
  const engine = createEngine()
  return captures.flatMap((capture) => ingest(engine, decodeCapture(capture), DEFAULT_SETTINGS).events.flatMap((e) => e.findings.filter((f) => f.rule === rule).map((f) => f.message)))
}

describe('videosdk-authorization-prefix', () => {
  it('fires on Bearer and Basic in any case, and on any other scheme', () => {
    expect(only([endSession({ auth: `Bearer ${SERVER}` }), endSession({ auth: `basic ${SERVER}` }), endSession({ auth: `JWT ${SERVER}` })], 'videosdk-authorization-prefix')).toEqual([
      'videosdk-authorization-prefix:error@0',
      'videosdk-authorization-prefix:error@1',
      'videosdk-authorization-prefix:error@2',
    ])
    expect(messages([endSession({ auth: `BEARER ${SERVER}` })], 'videosdk-authorization-prefix')).toEqual(['endSession sends Authorization as "BEARER <token>"; VideoSDK expects the token alone, without a scheme.'])
  })
  it('still fires on a redacted export, which keeps the scheme and header.payload', () => {
    const redacted = redactCapture(endSession({ auth: `Bearer ${SERVER}` }))
    expect(redacted.requestHeaders.find((h) => h.name === 'Authorization')!.value).toMatch(/^Bearer eyJ[^.]+\.eyJ[^.]+\.redacted$/)
    expect(only([redacted], 'videosdk-authorization-prefix')).toEqual(['videosdk-authorization-prefix:error@0'])
  })
  it('is silent for the bare token, and for the socket, whose token is in its URL', () => {
    expect(only([endSession(), socket(`roomId=${ROOM}&peerId=p&secret=${PARTICIPANT}`)], 'videosdk-authorization-prefix')).toEqual([])
  })
})

describe('videosdk-token-expired', () => {
  const expiring = (exp: number): string => mintToken(claims({ exp }))
  it('fires when exp is at or before the request time', () => {
    expect(only([endSession({ auth: expiring(S - 1) }), endSession({ auth: expiring(S + 10), at: 10 })], 'videosdk-token-expired')).toEqual(['videosdk-token-expired:error@0', 'videosdk-token-expired:error@1'])
    expect(messages([endSession({ auth: expiring(S - 7200) })], 'videosdk-token-expired')).toEqual(['The token of endSession expired at 2026-03-27T03:20:00.000Z, 2 h before this request.'])
  })
  it('judges the socket token in its URL, and a redacted token the same', () => {
    const old = mintToken(claims({ roles: ['rtc'], exp: S - 60 }))
    expect(only([socket(`roomId=${ROOM}&peerId=p&secret=${old}`), redactCapture(endSession({ auth: old }))], 'videosdk-token-expired')).toEqual(['videosdk-token-expired:error@0', 'videosdk-token-expired:error@1'])
  })
  it('is silent while the token is valid, and without an exp (another rule)', () => {
    expect(only([endSession({ auth: expiring(S + 1) }), endSession({ auth: mintToken(claims({ exp: undefined })) })], 'videosdk-token-expired')).toEqual([])
  })
})

describe('videosdk-token-invalid', () => {
  const invalid = (captures: CapturedRequest[]): string[] => only(captures, 'videosdk-token-invalid')
  const first = (capture: CapturedRequest): string => messages([capture], 'videosdk-token-invalid')[0] ?? ''

  it('fires when a token is missing or empty where the call needs one', () => {
    expect(first(endSession({ auth: null, status: 401 }))).toBe('VideoSDK cannot accept the token of endSession: no Authorization header was sent.')
    expect(first(endSession({ auth: null, status: undefined }))).toBe('VideoSDK cannot accept the token of endSession: no Authorization header was sent.')
    expect(first(endSession({ auth: '' }))).toBe('VideoSDK cannot accept the token of endSession: the Authorization header is empty.')
    expect(first(socket(`roomId=${ROOM}&peerId=p&secret=`))).toBe("VideoSDK cannot accept the token of connectSocket: the socket URL's secret is empty.")
  })
  it('is silent when VideoSDK accepted a request whose Authorization the capture lacks (DevTools exports leave it out)', () => {
    expect(invalid([endSession({ auth: null, status: 200 })])).toEqual([])
  })
  it('fires when the token is not a JWT, or not HS256', () => {
    expect(first(endSession({ auth: 'f3c1a9e0-secret-api-key' }))).toBe('VideoSDK cannot accept the token of endSession: the Authorization header is not a JWT: it has 1 part separated by dots, not 3 (header.payload.signature).')
    expect(first(endSession({ auth: SERVER.split('.').slice(0, 2).join('.') }))).toMatch(/is not a JWT: it has 2 parts/)
    expect(first(endSession({ auth: mintToken(claims(), { alg: 'HS512', typ: 'JWT' }) }))).toMatch(/it is signed with HS512, not HS256/)
    expect(first(endSession({ auth: mintToken(claims(), { typ: 'JWT' }) }))).toMatch(/its header names no alg/)
  })
  it('fires when apikey or permissions are missing or wrong, or ask_join is mixed in', () => {
    expect(first(endSession({ auth: mintToken(claims({ apikey: undefined, permissions: undefined })) }))).toBe('VideoSDK cannot accept the token of endSession: its payload has no apikey; its payload has no permissions.')
    expect(first(endSession({ auth: mintToken(claims({ permissions: ['allow_everything'] })) }))).toMatch(/not a list of allow_join, ask_join and allow_mod/)
    expect(first(endSession({ auth: mintToken(claims({ permissions: ['ask_join', 'allow_join'] })) }))).toMatch(/mix ask_join with allow_join or allow_mod \(error 4008 INVALID_PERMISSIONS\)/)
    expect(first(endSession({ auth: mintToken(claims({ exp: 'tomorrow' })) }))).toMatch(/its exp is not a number of seconds/)
  })
  it('fires when the token is scoped to another room', () => {
    expect(first(initConfig({ auth: mintToken(claims({ roles: ['rtc'], roomId: 'other-room' })) }))).toMatch(/scoped to room "other-room" but the request is for room "abcd-efgh-lmno" \(error 4022/)
    expect(invalid([socket(`roomId=${ROOM}&peerId=p&secret=${mintToken(claims({ roles: ['rtc'], roomId: 'other-room' }))}`)])).toEqual(['videosdk-token-invalid:error@0'])
  })
  it('fires when the role does not fit: rtc on REST, crawler to join', () => {
    expect(first(endSession({ auth: PARTICIPANT }))).toMatch(/role rtc only runs meetings/)
    expect(first(initConfig({ auth: SERVER }))).toMatch(/role crawler only reaches the v2 REST API/)
    expect(invalid([socket(`roomId=${ROOM}&peerId=p&secret=${SERVER}`)])).toEqual(['videosdk-token-invalid:error@0'])
  })
  it('warns when scoping claims come without version 2, or the token was issued in the future', () => {
    const unversioned = mintToken(claims({ version: undefined, roles: undefined, roomId: ROOM, participantId: 'demo-1' }))
    expect(invalid([initConfig({ auth: unversioned })])).toEqual(['videosdk-token-invalid:warning@0'])
    expect(first(initConfig({ auth: unversioned }))).toBe('The token of initConfig: it has roomId, participantId claims but no version 2, without which VideoSDK does not apply them.')
    expect(first(endSession({ auth: mintToken(claims({ iat: S + 3600, exp: S + 7200 })) }))).toMatch(/issued at 2026-03-27T06:20:00.000Z, after the request was sent/)
    expect(invalid([endSession({ auth: mintToken(claims({ iat: S + 60 })) })])).toEqual([])
  })
  it('reports errors and warnings of one token as one error', () => {
    expect(invalid([initConfig({ auth: mintToken({ apikey: API_KEY, permissions: ['ask_join', 'allow_mod'], roomId: ROOM }) })])).toEqual(['videosdk-token-invalid:error@0'])
  })
  it('is silent for tokens that fit: crawler and role-less v2 on REST, rtc and role-less to join, a redacted signature', () => {
    const roleless = mintToken(claims({ roles: undefined }))
    expect(invalid([
      endSession(), endSession({ auth: roleless }), initConfig(), initConfig({ auth: roleless }),
      socket(`roomId=${ROOM}&peerId=demo-1&secret=${PARTICIPANT}`), call(`/v2/rooms/validate/${ROOM}`), redactCapture(endSession()),
      endSession({ auth: mintToken(claims({ roomId: ROOM })) }), call('/v2/sessions/end', { body: { customRoomId: 'mine' }, auth: mintToken(claims({ roomId: ROOM })) }),
    ])).toEqual([])
  })
  it('cannot judge a capture that recorded no headers', () => {
    const blind = endSession()
    blind.requestHeaders = []
    expect(invalid([blind])).toEqual([])
  })
})

describe('videosdk-token-never-expires', () => {
  it('fires on a token without exp', () => {
    expect(only([endSession({ auth: mintToken(claims({ exp: undefined })) })], 'videosdk-token-never-expires')).toEqual(['videosdk-token-never-expires:warning@0'])
  })
  it('is silent with an exp, and when the token cannot be read at all', () => {
    expect(only([endSession(), endSession({ auth: 'not-a-token' }), endSession({ auth: null })], 'videosdk-token-never-expires')).toEqual([])
  })
})

describe('videosdk-missing-room-id', () => {
  const missing = (captures: CapturedRequest[]): string[] => only(captures, 'videosdk-missing-room-id')
  it('fires on room operations that name no room', () => {
    expect(missing([
      call('/v2/sessions/end', { body: { sessionId: '62429766903bdf001299cac5' } }),
      call('/v2/sessions/participants/remove', { body: { participantId: 'demo-1' } }),
      call('/v2/rooms/deactivate', { body: { customRoomId: 'mine' } }),
      initConfig({ body: {} }),
      socket(`peerId=demo-1&secret=${PARTICIPANT}`),
      call('/v2/sessions/end', { method: 'POST', contentType: null }),
    ])).toEqual(['@0', '@1', '@2', '@3', '@4', '@5'].map((at) => `videosdk-missing-room-id:error${at}`))
    expect(messages([call('/v2/rooms/deactivate', { body: { customRoomId: 'mine' } })], 'videosdk-missing-room-id')).toEqual([
      'deactivateRoom names no room: its body names the room by customRoomId, which deactivate refuses (402): it needs the roomId.',
    ])
  })
  it('is silent for roomId, meetingId, a customRoomId where accepted, a body it could not see, and reads', () => {
    const hidden = call('/v2/sessions/end', { method: 'POST', headers: [{ name: 'Content-Length', value: '40' }] })
    expect(missing([
      endSession(), call('/v2/sessions/end', { body: { meetingId: ROOM } }), call('/v2/sessions/end', { body: { customRoomId: 'mine' } }),
      call('/v2/sessions/end', { body: `roomId=${ROOM}`, contentType: 'application/x-www-form-urlencoded' }), hidden, call('/v2/sessions/'), createRoom(),
    ])).toEqual([])
  })
})

describe('videosdk-request-not-json', () => {
  const notJson = (captures: CapturedRequest[]): string[] => only(captures, 'videosdk-request-not-json')
  it('warns about a form body, a missing or wrong Content-Type, and JSON that is not an object (the docs do not say such a body is refused)', () => {
    expect(notJson([
      endSession({ body: `roomId=${ROOM}`, contentType: 'application/x-www-form-urlencoded' }),
      endSession({ contentType: null }),
      endSession({ contentType: 'text/plain;charset=UTF-8' }),
      endSession({ body: [ROOM] }),
      call('/v2/rooms', { body: {}, contentType: null }),
    ])).toEqual(['@0', '@1', '@2', '@3', '@4'].map((at) => `videosdk-request-not-json:warning${at}`))
    expect(messages([endSession({ contentType: null })], 'videosdk-request-not-json')).toEqual(['endSession is not sent as JSON: it is sent with no Content-Type header, not application/json.'])
  })
  it('is an error when VideoSDK refused the request', () => {
    expect(notJson([endSession({ body: `roomId=${ROOM}`, contentType: 'application/x-www-form-urlencoded', status: 400, response: { message: 'roomId is required' } })])).toEqual([
      'videosdk-request-not-json:error@0',
    ])
  })
  it('is silent for JSON with any charset, a bare create room, and GETs', () => {
    expect(notJson([endSession({ contentType: 'Application/JSON; charset=utf-8' }), call('/v2/rooms', { method: 'POST' }), call(`/v2/sessions/?roomId=${ROOM}`)])).toEqual([])
  })
})

describe('videosdk-management-token-in-browser', () => {
  const exposed = (captures: CapturedRequest[]): string[] => only(captures, 'videosdk-management-token-in-browser')
  it('fires on a crawler or role-less v2 token sent from a page', () => {
    const roleless = mintToken(claims({ roles: undefined }))
    expect(exposed([
      endSession({ headers: [PAGE] }),
      call('/v2/rooms', { body: {}, auth: roleless, headers: [{ name: 'Referer', value: 'https://meet.example/room' }] }),
      call(`/v2/rooms/validate/${ROOM}`, { auth: roleless, tabId: 4 }),
      initConfig({ auth: SERVER }),
    ])).toEqual(['@0', '@1', '@2', '@3'].map((at) => `videosdk-management-token-in-browser:warning${at}`))
    expect(messages([call(`/v2/rooms/validate/${ROOM}`, { auth: roleless, tabId: 4 })], 'videosdk-management-token-in-browser')).toEqual([
      'validateRoom was sent from a web page (it was captured in a browser tab) with a management token (a version 2 token without roles): anyone who opens the page can take it and manage every room of the account.',
    ])
  })
  it('is silent for server calls, participant tokens, and tokens without v2 access', () => {
    expect(exposed([endSession(), initConfig(), socket(`roomId=${ROOM}&peerId=demo-1&secret=${PARTICIPANT}`), endSession({ headers: [PAGE], auth: mintToken(claims({ roles: undefined, version: undefined })) })])).toEqual([])
  })
})

describe('the shared lifecycle rules on VideoSDK rooms', () => {
  const ended = { id: '62429766903bdf001299cac5', roomId: ROOM, start: '2026-03-27T05:21:00.000Z', end: '2026-03-27T05:40:00.000Z', status: 'ended', participants: [] }
  const ongoing = { ...ended, end: null, status: 'ongoing' }
  const read = (response: unknown, at = 0): CapturedRequest => call(`/v2/sessions/${ended.id}`, { at, status: 200, response })
  const deactivate = (at = 0): CapturedRequest => call('/v2/rooms/deactivate', { at, body: { roomId: ROOM }, status: 200, response: { disabled: true } })
  const remove = (at = 0): CapturedRequest => call('/v2/sessions/participants/remove', { at, body: { roomId: ROOM, participantId: 'demo-1' } })

  it('duplicate-session-end: a read that shows the end observes it; an end after it is a second end', () => {
    expect(findings([createRoom(), endSession({ at: 60 }), read(ended, 61), read(ended, 62)])).toEqual([])
    expect(findings([createRoom(), read(ended, 61), endSession({ at: 62 })])).toEqual(['duplicate-session-end:warning@2'])
    expect(ruleById('duplicate-session-end')!.docsByProtocol?.videosdk).toMatch(/^https:\/\/docs\.videosdk\.live\//)
  })
  it('duplicate-session-end: deactivating the room after its end is the clean-up; a second deactivation is not', () => {
    expect(findings([createRoom(), endSession({ at: 60 }), deactivate(61)])).toEqual([])
    expect(findings([createRoom(), deactivate(60), deactivate(61)])).toEqual(['duplicate-session-end:warning@2'])
  })
  it('event-after-session-end: a warning after an end, an error after a deactivation, never for reads', () => {
    expect(findings([createRoom(), endSession({ at: 60 }), read(ongoing, 61), remove(62)])).toEqual(['event-after-session-end:warning@3'])
    expect(messages([createRoom(), endSession({ at: 60 }), deactivate(61), remove(62)], 'event-after-session-end')).toEqual([
      'removeParticipant was sent for session "abcd-efgh-lmno" after it was deactivated (deactivateRoom): it can never be used again.',
    ])
    expect(findings([createRoom(), deactivate(60), read(ended, 61), call(`/v2/rooms/validate/${ROOM}`, { at: 62 }), remove(63), initConfig({ at: 64 })])).toEqual([
      'event-after-session-end:error@4',
      'event-after-session-end:error@5',
    ])
  })
  it('a join after a normal end starts a new session without a finding', () => {
    expect(findings([createRoom(), endSession({ at: 60 }), initConfig({ at: 120 }), remove(121)])).toEqual([])
  })
  it('event-rejected-by-vendor: reported for a refusal of a live room, unless the request explains it', () => {
    const expired = mintToken(claims({ exp: S - 60 }))
    expect(findings([createRoom(), endSession({ at: 60, auth: expired, status: 401 })])).toEqual(['videosdk-token-expired:error@1'])
    expect(findings([createRoom(), endSession({ at: 60, status: 404, response: { message: 'Session not found' } })])).toEqual(['event-rejected-by-vendor:error@1'])
    expect(messages([createRoom(), endSession({ at: 60, status: 404, response: { message: 'Session not found' } })], 'event-rejected-by-vendor')).toEqual([
      'The vendor answered endSession with HTTP 404 (unknown room or session): "Session not found": the event was not recorded.',
    ])
    expect(ruleById('event-rejected-by-vendor')!.docsByProtocol?.videosdk).toMatch(/^https:\/\/docs\.videosdk\.live\//)
  })
  it('session-start-rejected: a refused create room', () => {
    expect(findings([call('/v2/rooms', { body: {}, status: 403, response: { error: 'Forbidden' } })])).toEqual(['session-start-rejected:error@0'])
    // An expired token explains the refusal, and is the one finding.
    const expired = mintToken(claims({ exp: Math.floor(Date.parse('2026-03-27T05:00:00.000Z') / 1000) - 3600 }))
    expect(findings([call('/v2/rooms', { body: {}, auth: expired, status: 401, response: { error: 'invalid_token' } })])).toEqual(['videosdk-token-expired:error@0'])
    expect(ruleById('session-start-rejected')!.docsByProtocol?.videosdk).toMatch(/^https:\/\/docs\.videosdk\.live\//)
  })
  it('no pings and no expiry: a meeting may run for hours between calls', () => {
    const day = mintToken(claims({ exp: S + 86_400 }))
    expect(findings([createRoom(), initConfig({ at: 60 }), endSession({ at: 5 * 3600, auth: day }), call(`/v2/sessions/${ended.id}`, { at: 5 * 3600 + 30, auth: day, status: 200, response: ended })])).toEqual([])
  })
})
