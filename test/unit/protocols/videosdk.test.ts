import { readingOf } from '../../../src/protocols/tracking-event'
import { describe, expect, it } from 'vitest'
import type { CapturedRequest, HttpHeader } from '../../../src/protocols/captured-request'
import { adapterForUrl, decodeCapture } from '../../../src/protocols'
import { readJwt, withoutJwtSignatures } from '../../../src/protocols/videosdk/jwt'
import type { TrackingEvent } from '../../../src/protocols/tracking-event'
import { videosdk } from '../../../src/protocols/videosdk'
import { API_KEY, mintToken } from '../../helpers/videosdk-har'

const T = Date.parse('2026-03-27T05:20:00.000Z')
const API = 'https://api.videosdk.live'
const TOKEN = mintToken({ apikey: API_KEY, permissions: ['allow_join', 'allow_mod'], version: 2, roles: ['crawler'], iat: T / 1000 - 60, exp: T / 1000 + 3600 })
const SIGNATURE = TOKEN.split('.')[2]!
/** A JWT from some other API: no apikey. */
const FOREIGN = mintToken({ sub: 'user-1', scope: 'rooms:write' })

interface Call {
  method?: string
  headers?: HttpHeader[]
  body?: unknown
  status?: number
  response?: unknown
  tabId?: number | null
}

function capture(url: string, call: Call = {}): CapturedRequest {
  const body = call.body === undefined ? null : { text: typeof call.body === 'string' ? call.body : JSON.stringify(call.body) }
  const response = call.status === undefined ? null : { status: call.status, headers: [], body: call.response === undefined ? null : { text: typeof call.response === 'string' ? call.response : JSON.stringify(call.response) } }
  return {
    seq: 3, url, method: call.method ?? (body ? 'POST' : 'GET'),
    requestHeaders: call.headers ?? [{ name: 'Authorization', value: TOKEN }, ...(body ? [{ name: 'Content-Type', value: 'application/json' }] : [])],
    requestBody: body, response, observedAt: T, tabId: call.tabId ?? null, frameId: null,
  }
}

function decodeOne(url: string, call: Call = {}, hosts: readonly string[] = []): TrackingEvent {
  const { events, problems } = videosdk.decode(capture(url, call), { hosts })
  expect(problems).toEqual([])
  expect(events).toHaveLength(1)
  return events[0]!
}

describe('URL matching', () => {
  it.each([
    `${API}/v2/rooms`,
    `${API}/v2/rooms/validate/abcd-efgh-lmno`,
    `${API}/v2/rooms/deactivate`,
    `${API}/v2/rooms/abcd-efgh-lmno`,
    `${API}/v2/sessions/?roomId=abcd-efgh-lmno&page=1&perPage=20`,
    `${API}/v2/sessions/62429766903bdf001299cac5`,
    `${API}/v2/sessions/end`,
    `${API}/v2/sessions/participants/remove`,
    `${API}/v2/sessions/62429766903bdf001299cac5/participants`,
    `${API}/v2/sessions/62429766903bdf001299cac5/participants/active`,
    `${API}/v2/sessions/62429766903bdf001299cac5/participants/demo-1`,
    `${API}/infra/v1/meetings/init-config`,
    `wss://signal-asia-1.videosdk.live/meeting/socket.io/?roomId=r&peerId=p&secret=${TOKEN}&EIO=4&transport=websocket`,
    'http://127.0.0.1:8443/v2/sessions/end',
    'https://calls.example.com/api/videosdk/v2/sessions/end',
  ])('claims %s', (url) => {
    expect(adapterForUrl(url)?.id).toBe('videosdk')
  })

  it.each([
    `${API}/v2/recordings`,
    `${API}/v1/meetings`,
    `${API}/v2/rooms/a/b`,
    `${API}/v2/sessions//end`,
    'https://example.com/v3/rooms',
    'https://example.com/v2/roomsXYZ',
    'https://example.com/ai/v1/ai-deployment-sessions/end',
    'wss://example.com/socket.io/?EIO=4&transport=websocket',
  ])('leaves %s alone', (url) => {
    expect(adapterForUrl(url)?.id).not.toBe('videosdk')
  })

  it('wakes the worker for the API host and the paths on any host', () => {
    expect(videosdk.webRequestPatterns).toEqual(expect.arrayContaining(['*://api.videosdk.live/*', '*://*/v2/rooms*', '*://*/v2/sessions*', '*://*/infra/v1/meetings/*']))
  })

  it('decodes strictly on VideoSDK hosts and configured hosts, and keeps look-alikes elsewhere only with a VideoSDK token', () => {
    const bare: Call = { headers: [{ name: 'Accept', value: 'application/json' }], body: { roomId: 'r' } }
    expect(videosdk.decode(capture(`${API}/v2/sessions/end`, bare)).events).toHaveLength(1)
    expect(videosdk.decode(capture('https://calls.example.com/v2/sessions/end', bare)).events).toHaveLength(0)
    expect(videosdk.decode(capture('https://calls.example.com/v2/sessions/end', bare), { hosts: ['*.example.com'] }).events).toHaveLength(1)
    expect(decodeCapture(capture('https://calls.example.com/v2/sessions/end', bare), { videosdk: ['calls.example.com'] }).events).toHaveLength(1)
    const foreign: Call = { headers: [{ name: 'Authorization', value: `Bearer ${FOREIGN}` }], body: { roomId: 'r' } }
    expect(videosdk.decode(capture('https://api.example.com/v2/sessions/end', foreign))).toEqual({ events: [], problems: [] })
    const ours: Call = { headers: [{ name: 'Authorization', value: `Bearer ${TOKEN}` }], body: { roomId: 'r' } }
    expect(videosdk.decode(capture('https://api.example.com/proxy/v2/sessions/end', ours)).events.map((e) => e.type)).toEqual(['endSession'])
    const socket = `wss://media.example.com/socket.io/?roomId=r&peerId=p&secret=${FOREIGN}`
    expect(videosdk.decode(capture(socket)).events).toHaveLength(0)
  })

  it('ignores a method the endpoint does not take', () => {
    expect(videosdk.decode(capture(`${API}/v2/sessions/end`, { method: 'GET' })).events).toEqual([])
    expect(videosdk.decode(capture(`${API}/v2/rooms/validate/r`, { method: 'DELETE' })).events).toEqual([])
  })
})

describe('requests as events and roles', () => {
  const room = 'abcd-efgh-lmno'
  const session = { id: '62429766903bdf001299cac5', roomId: room, start: '2026-03-27T05:21:42.829Z', end: null, status: 'ongoing', participants: [{ participantId: 'demo-1', name: 'John' }, { participantId: 'demo-2', name: 'William' }] }
  const ended = { ...session, end: '2026-03-27T05:40:10.120Z', status: 'ended' }

  it.each<[string, string, Call, string, string, string | null]>([
    ['create room', '/v2/rooms', { body: {}, status: 200, response: { roomId: room } }, 'createRoom', 'start', room],
    ['list rooms', '/v2/rooms', { method: 'GET' }, 'fetchRooms', 'event', null],
    ['get room', `/v2/rooms/${room}`, {}, 'fetchRoom', 'event', room],
    ['validate room', `/v2/rooms/validate/${room}`, { status: 200, response: { roomId: room } }, 'validateRoom', 'event', room],
    ['deactivate', '/v2/rooms/deactivate', { body: { roomId: room }, status: 200, response: { disabled: true, meetingId: room } }, 'deactivateRoom', 'end', room],
    ['list sessions', `/v2/sessions/?roomId=${room}`, { status: 200, response: { data: [session] } }, 'fetchSessions', 'event', room],
    ['get session', `/v2/sessions/${session.id}`, { status: 200, response: session }, 'fetchSession', 'event', room],
    ['end session', '/v2/sessions/end', { body: { roomId: room }, status: 200, response: session }, 'endSession', 'end', room],
    ['end session (meetingId)', '/v2/sessions/end', { body: { meetingId: room } }, 'endSession', 'end', room],
    ['remove participant', '/v2/sessions/participants/remove', { body: { roomId: room, participantId: 'demo-1' } }, 'removeParticipant', 'event', room],
    ['participants', `/v2/sessions/${session.id}/participants/active`, {}, 'fetchActiveParticipants', 'event', null],
    ['participant', `/v2/sessions/${session.id}/participants/demo-1`, {}, 'fetchParticipant', 'event', null],
    ['init-config', '/infra/v1/meetings/init-config', { body: { roomId: room }, status: 200, response: { data: {} } }, 'initConfig', 'start', room],
  ])('%s', (_name, path, call, type, role, sessionId) => {
    const event = decodeOne(`${API}${path}`, call)
    expect([event.type, event.role, event.sessionId, event.idIssuer]).toEqual([type, role, sessionId, 'external'])
    if (role === 'start') expect(event.start).toEqual({ kind: 'issued', sessionId })
  })

  it('joins through the signalling socket with the token from its URL', () => {
    const event = decodeOne(`wss://signal.videosdk.live/?roomId=${room}&peerId=demo-1&secret=${TOKEN}&mode=SEND_AND_RECV&lib=socket`, { headers: [{ name: 'Origin', value: 'https://meet.example' }] })
    expect([event.type, event.role, event.start]).toEqual(['connectSocket', 'start', { kind: 'issued', sessionId: room }])
    expect(readingOf(event, 'videosdk')).toMatchObject({ endpoint: 'signalling-socket', token: { carrier: 'secret', state: 'sent', scheme: null }, requestRoom: { id: room, field: 'roomId' }, fromPage: 'origin' })
    expect(decodeOne(`wss://signal.videosdk.live/?peerId=demo-1&secret=${TOKEN}`).role).toBe('event')
  })

  it('deactivating retires the room; a refused end or deactivation ends nothing and records the refusal', () => {
    expect(decodeOne(`${API}/v2/rooms/deactivate`, { body: { roomId: room } }).retiresId).toBe(true)
    const refused = decodeOne(`${API}/v2/rooms/deactivate`, { body: { customRoomId: 'mine' }, status: 402, response: { message: 'Room not found', code: 'RoomNotFound' } })
    expect([refused.role, refused.retiresId, refused.vendorRejection]).toEqual(['event', undefined, { status: 402, reason: 'HTTP 402 (unknown room or session): "Room not found" [RoomNotFound]' }])
    const end = decodeOne(`${API}/v2/sessions/end`, { body: { roomId: room }, status: 401, response: { error: 'Invalid token' } })
    expect([end.role, end.vendorRejection]).toEqual(['event', { status: 401, reason: 'HTTP 401 (token refused): "Invalid token"' }])
  })

  it.each([
    [400, 'Bad request', 'HTTP 400 (invalid request or unknown room or session): "Bad request"'],
    [403, undefined, 'HTTP 403 (token not allowed)'],
    [404, '{"msg":"no such session"}', 'HTTP 404 (unknown room or session): "no such session"'],
    [409, '{"statusMessage":"already ended","errorCode":7}', 'HTTP 409 (conflict): "already ended" [7]'],
    [429, '{}', 'HTTP 429 (rate limited)'],
    [500, 'upstream failed', 'HTTP 500: "upstream failed"'],
  ])('reads a %i answer as the server SDK does', (status, response, reason) => {
    expect(decodeOne(`${API}/v2/sessions/${session.id}`, { status, response }).vendorRejection).toEqual({ status, reason })
  })

  it('takes the new room ID from the create-room response only', () => {
    const create = (call: Call): TrackingEvent => decodeOne(`${API}/v2/rooms`, { body: { customRoomId: 'my-room' }, ...call })
    expect(create({ status: 200, response: { roomId: room, customRoomId: 'my-room' } }).start).toEqual({ kind: 'issued', sessionId: room })
    expect(create({ status: 200, response: { roomId: room, customRoomId: 'my-room' } }).summary?.facts).toEqual({ Room: `${room} (custom ID my-room)` })
    expect(create({}).start).toEqual({ kind: 'not-visible' })
    expect(create({ status: 200 }).start).toEqual({ kind: 'not-visible' })
    expect(create({ status: 401, response: { error: 'bad token' } }).start).toEqual({ kind: 'rejected', status: 401, reason: 'HTTP 401 (token refused): "bad token"' })
    expect(create({ status: 0 }).start).toEqual({ kind: 'rejected', status: null, reason: 'the request failed before a response arrived' })
    expect(create({ status: 401 }).sessionId).toBeNull()
  })

  it('names each participant once with when they were in the room, as the timelog says', () => {
    const participants = [
      { participantId: 'demo-1', name: 'John', timelog: [{ start: '2026-03-27T05:21:43.663Z', end: null }] },
      { participantId: 'demo-2', name: 'William', timelog: [{ start: '2026-03-27T05:21:53.917Z', end: '2026-03-27T05:21:54.469Z' }] },
      { participantId: 'demo-2', name: 'William', timelog: [{ start: '2026-03-27T05:30:00.000Z', end: 'garbled' }] },
      { participantId: 'demo-3', timelog: 'not a list' },
      { name: '' },
    ]
    const facts = decodeOne(`${API}/v2/sessions/${session.id}`, { status: 200, response: { ...session, participants } }).summary?.facts
    expect(facts?.Participants).toBe('John (05:21:43Z–still in), William (05:21:53Z–05:21:54Z, 05:30:00Z–?), demo-3')
  })

  it('observes an end in a read: end set or status ended, for the latest session of the room', () => {
    const get = decodeOne(`${API}/v2/sessions/${session.id}`, { status: 200, response: ended })
    expect([get.role, readingOf(get, 'videosdk')?.observedEnd, get.summary?.facts]).toEqual(['end', true, { Room: room, Session: session.id, Participants: 'John, William', Status: 'ended' }])
    expect(decodeOne(`${API}/v2/sessions/${session.id}`, { status: 200, response: { ...session, status: 'ended' } }).role).toBe('end')
    const older = { ...ended, id: 'a', start: '2026-03-26T05:00:00.000Z' }
    const other = { ...ended, id: 'b', roomId: 'other-room', start: '2026-03-28T05:00:00.000Z' }
    const list = (data: unknown[]): TrackingEvent => decodeOne(`${API}/v2/sessions/?roomId=${room}`, { status: 200, response: { pageInfo: {}, data } })
    expect(list([older, session, other]).role).toBe('event')
    expect(list([ended, older]).role).toBe('end')
    expect(readingOf(list([older, other]), 'videosdk')?.observedEnd).toBe(true)
    expect(list([]).role).toBe('event')
    // The documented end-session answer is a snapshot: "ongoing" with end null is the end in progress, not a failure.
    const end = decodeOne(`${API}/v2/sessions/end`, { body: { roomId: room }, status: 200, response: session })
    expect([end.role, end.vendorRejection, readingOf(end, 'videosdk')?.observedEnd, end.summary?.facts?.Status]).toEqual(['end', undefined, false, 'end requested'])
  })

  it('names the room from meetingId responses too', () => {
    const event = decodeOne(`${API}/v2/sessions/${session.id}`, { status: 200, response: { id: session.id, meetingId: room, userMeetingId: 'mine', end: null } })
    expect([event.sessionId, event.summary?.facts?.Room, event.summary?.facts?.Status]).toEqual([room, `${room} (custom ID mine)`, 'ongoing'])
  })
})

describe('readings for the rules', () => {
  const end = `${API}/v2/sessions/end`

  it('reads the Authorization value: absent, empty, with a scheme, or not visible', () => {
    expect(readingOf(decodeOne(end, { headers: [{ name: 'Accept', value: '*/*' }], body: {} }), 'videosdk')?.token).toEqual({ carrier: 'authorization', state: 'missing' })
    expect(readingOf(decodeOne(end, { headers: [{ name: 'authorization', value: '  ' }], body: {} }), 'videosdk')?.token).toEqual({ carrier: 'authorization', state: 'empty' })
    const bearer = readingOf(decodeOne(end, { headers: [{ name: 'AUTHORIZATION', value: `bearer   ${TOKEN}` }], body: {} }), 'videosdk')!.token
    expect(bearer).toMatchObject({ state: 'sent', scheme: 'bearer', jwt: { ok: true, payload: { apikey: API_KEY } } })
    expect(readingOf(decodeOne(end, { headers: [], body: {} }), 'videosdk')?.token).toEqual({ carrier: 'authorization', state: 'not-visible' })
  })

  it('reads how the body was sent and which room it names', () => {
    const form = decodeOne(end, { headers: [{ name: 'Authorization', value: TOKEN }], body: 'roomId=abcd-efgh-lmno&sessionId=s1' })
    expect(readingOf(form, 'videosdk')).toMatchObject({ contentType: null, body: 'not-json', requestRoom: { id: 'abcd-efgh-lmno', field: 'roomId' }, vendorSessionId: 's1' })
    expect(form.sessionId).toBe('abcd-efgh-lmno')
    const typed = capture(end, { body: { customRoomId: 'mine' } })
    typed.requestHeaders = [{ name: 'Authorization', value: TOKEN }]
    typed.requestBody = { text: '{"customRoomId":"mine"}', mimeType: 'application/json;charset=UTF-8' }
    expect(readingOf(videosdk.decode(typed).events[0]!, 'videosdk')).toMatchObject({ contentType: 'application/json;charset=UTF-8', body: 'json', requestRoom: { id: 'mine', field: 'customRoomId' } })
    expect(readingOf(decodeOne(end, { body: [1, 2] }), 'videosdk')?.body).toBe('not-json')
    expect(readingOf(decodeOne(end, { method: 'POST' }), 'videosdk')?.body).toBe('none')
    expect(readingOf(decodeOne(end, { method: 'POST', headers: [{ name: 'Authorization', value: TOKEN }, { name: 'Content-Length', value: '31' }] }), 'videosdk')?.body).toBe('not-visible')
    const truncated = capture(end, { body: { roomId: 'r' } })
    truncated.requestBody = { text: '{"roomId":"r"', truncatedFrom: 9000 }
    expect(readingOf(videosdk.decode(truncated).events[0]!, 'videosdk')?.body).toBe('not-visible')
  })

  it('tells requests from a page from server calls', () => {
    const from = (call: Call): unknown => readingOf(decodeOne(end, { body: { roomId: 'r' }, ...call }), 'videosdk')?.fromPage
    expect(from({})).toBeNull()
    expect(from({ headers: [{ name: 'Authorization', value: TOKEN }, { name: 'Origin', value: 'null' }] })).toBe('origin')
    expect(from({ headers: [{ name: 'Authorization', value: TOKEN }, { name: 'Referer', value: 'https://app.example/' }] })).toBe('referer')
    expect(from({ tabId: 7 })).toBe('browser-tab')
  })

  it('shows tokens as header.payload only, in details, facts and everywhere else', () => {
    const url = `wss://signal.videosdk.live/?roomId=r&peerId=p&secret=${TOKEN}`
    const socket = decodeOne(url)
    const call = decodeOne(end, { headers: [{ name: 'Authorization', value: `Bearer ${TOKEN}` }, { name: 'Content-Type', value: 'application/json' }], body: { roomId: 'r', token: TOKEN }, status: 200, response: `{"echo":"${TOKEN}"}` })
    for (const event of [socket, call]) expect(JSON.stringify(event)).not.toContain(SIGNATURE)
    const unsigned = TOKEN.split('.').slice(0, 2).join('.')
    expect(call.details).toMatchObject({ request: 'POST /v2/sessions/end', authorization: `Bearer ${unsigned}`, token: { header: { alg: 'HS256' }, claims: { apikey: API_KEY } }, body: { roomId: 'r', token: unsigned }, response: { status: 200, body: { echo: unsigned } } })
    expect(socket.details).toMatchObject({ query: { roomId: 'r', peerId: 'p', secret: unsigned } })
    expect(decodeOne(end, { headers: [{ name: 'Authorization', value: 'Basic dXNlcjpodW50ZXIy' }], body: {} }).details).toMatchObject({ authorization: 'Basic (not a JWT; hidden)' })
  })
})

describe('reading JWTs without their signature', () => {
  it('reads header and claims', () => {
    expect(readJwt(TOKEN)).toEqual({ ok: true, header: { alg: 'HS256', typ: 'JWT' }, payload: expect.objectContaining({ apikey: API_KEY, roles: ['crawler'] }), unsigned: TOKEN.split('.').slice(0, 2).join('.') })
    // A redacted export keeps header.payload and replaces the signature: still readable.
    expect(readJwt(`${TOKEN.split('.').slice(0, 2).join('.')}.redacted`).ok).toBe(true)
  })

  const b64 = (text: string): string => Buffer.from(text).toString('base64url')
  it.each([
    ['', 'it is empty'],
    ['abc', 'it has 1 part separated by dots, not 3 (header.payload.signature)'],
    ['a.b', 'it has 2 parts separated by dots, not 3 (header.payload.signature)'],
    ['a.b.c.d', 'it has 4 parts separated by dots, not 3 (header.payload.signature)'],
    [`${b64('{"alg":"none"}')}.${b64('{}')}.`, 'its signature is empty (an unsigned token)'],
    [`.${b64('{}')}.c2ln`, 'its header is empty'],
    [`${b64('{}')}.${b64('{}')}+/=.c2ln`, 'its payload is not base64url (it contains characters other than A–Z, a–z, 0–9, "-" and "_")'],
    [`${b64('{}')}.abcde.c2ln`, 'its payload is not base64url (its length cannot be decoded)'],
    [`${b64('not json')}.${b64('{}')}.c2ln`, 'its header is not JSON'],
    [`${b64('{}')}.${b64('[1]')}.c2ln`, 'its payload is not a JSON object'],
    [`${b64('{}')}.${Buffer.from([0xff, 0xfe, 0x7b]).toString('base64url')}.c2ln`, 'its payload is not UTF-8 text'],
  ])('refuses %j: %s', (token, reason) => {
    expect(readJwt(token)).toEqual({ ok: false, reason })
  })

  it('cuts signatures out of any text', () => {
    expect(withoutJwtSignatures(`a ${TOKEN} b "${TOKEN}"`)).toBe(`a ${TOKEN.split('.').slice(0, 2).join('.')} b "${TOKEN.split('.').slice(0, 2).join('.')}"`)
    expect(withoutJwtSignatures('no.tokens.here')).toBe('no.tokens.here')
  })
})

describe('hostile input', () => {
  const nasty: string[] = ['', '{', 'null', '[]', '"x"', '{"__proto__":{"polluted":1},"constructor":"x","roomId":{"toString":1}}', `${'['.repeat(5000)}${']'.repeat(5000)}`, '\u0000\uffff', 'roomId=%E0%A4%A&x']
  const urls = [
    `${API}/v2/rooms`, `${API}/v2/sessions/end`, `${API}/v2/sessions/%E0%A4%A`, `${API}/v2/rooms/validate/%`, `${API}/infra/v1/meetings/init-config`,
    `wss://x.videosdk.live/?roomId=&peerId=&secret=`, `wss://x.videosdk.live/?roomId=r&secret=${'e'.repeat(100_000)}`,
  ]
  const headers: HttpHeader[][] = [[], [{ name: 'Authorization', value: 'Bearer' }], [{ name: 'Authorization', value: 'eyJ.eyJ.x' }], [{ name: 'Authorization', value: `${'a '.repeat(10_000)}` }], [{ name: 'Content-Length', value: 'NaN' }]]

  it('never throws, whatever the page sends', () => {
    for (const url of urls) {
      for (const text of nasty) {
        for (const requestHeaders of headers) {
          for (const status of [0, 200, 401, 999]) {
            const request: CapturedRequest = {
              seq: 1, url, method: url.startsWith('wss') || url.includes('validate') ? 'GET' : 'POST', requestHeaders,
              requestBody: { text }, response: { status, headers: [], body: { text } }, observedAt: T, tabId: null, frameId: null,
            }
            expect(() => videosdk.decode(request)).not.toThrow()
            expect(() => decodeCapture(request)).not.toThrow()
          }
        }
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('never throws on URLs it cannot parse', () => {
    expect(videosdk.decode(capture('not a url'))).toEqual({ events: [], problems: [] })
  })
})
