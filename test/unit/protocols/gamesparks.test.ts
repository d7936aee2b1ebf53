import { readingOf } from '../../../src/protocols/tracking-event'
import { describe, expect, it } from 'vitest'
import type { CapturedRequest, WebSocketFrame } from '../../../src/protocols/captured-request'
import { gamesparks } from '../../../src/protocols/gamesparks'
import { adapterForUrl, decodeCapture } from '../../../src/protocols'
import type { TrackingEvent } from '../../../src/protocols/tracking-event'
import { createEngine, ingest } from '../../../src/session/engine'
import { DEFAULT_SETTINGS } from '../../../src/session/settings'

const T = Date.parse('2023-07-04T10:33:31.600Z')
const SOCKET = 'wss://preview-exampleKey12.ws.gamesparks.net/ws/device/exampleKey12'
const SID = '64a3f1c2e4b0a1b2c3d4e5f6'

type Frame = [dir: '→' | '←', data: unknown, at?: number, opcode?: number]

/** Frames one second apart unless `at` (seconds) says otherwise; objects are sent as JSON. */
function frames(list: Frame[]): WebSocketFrame[] {
  return list.map(([dir, data, at, opcode], index) => ({
    direction: dir === '→' ? 'send' : 'receive',
    time: T + Math.round((at ?? index) * 1000),
    opcode: opcode ?? 1,
    data: typeof data === 'string' ? data : JSON.stringify(data),
  }))
}

function socket(list: Frame[], url = SOCKET): CapturedRequest {
  return { seq: 3, url, method: 'GET', requestHeaders: [], requestBody: null, response: { status: 101, headers: [], body: null }, observedAt: T, tabId: null, frameId: null, frames: frames(list) }
}

const HANDSHAKE: Frame[] = [
  ['←', { '@class': '.AuthenticatedConnectResponse', nonce: 'n1' }],
  ['→', { '@class': '.AuthenticatedConnectRequest', hmac: 'c2lnbmVk' }],
  ['←', { '@class': '.AuthenticatedConnectResponse', sessionId: SID }],
]
const AUTH: Frame[] = [
  ['→', { '@class': '.DeviceAuthenticationRequest', deviceId: '742', deviceOS: 'js', requestId: 'a_1' }],
  ['←', { '@class': '.AuthenticationResponse', authToken: 'tok', displayName: 'Ada', userId: 'u1', requestId: 'a_1' }],
]

function decode(list: Frame[], url = SOCKET): TrackingEvent[] {
  const { events, problems } = gamesparks.decode(socket(list, url))
  expect(problems).toEqual([])
  return events
}

describe('URL matching', () => {
  it.each([
    SOCKET,
    'wss://live-exampleKey12.ws.gamesparks.net/ws/device/exampleKey12',
    'wss://live-k.ws.gamesparks.net/ws/secure/k',
    'wss://service.gamesparks.net/ws/server/exampleKey12',
    'wss://preview.gamesparks.net/ws/exampleKey12',
    'wss://service.gamesparks.net/websockets/exampleKey12',
    'https://X000000exmpl.preview.gamesparks.net/rs/debug/abcdef0123456789abcdef0123456789/LogEventRequest',
    'https://X000000exmpl.preview.gamesparks.net/rs/debug/%5Bredacted%5D/LogEventRequest',
    'https://k.live.gamesparks.net/callback/k/server/s3cr3t/player1',
  ])('claims %s', (url) => {
    expect(adapterForUrl(url)?.id).toBe('gamesparks')
  })
  it.each([
    'https://auth.gamesparks.net/restv1/auth/user',
    'https://config2.gamesparks.net/restv2/game/k/config',
    'https://x.gamesparks.net/',
    'https://x.gamesparks.net/rs/debug',
    'wss://gamesparks.net.evil.example/ws/device/k',
    'wss://example.com/ws/device/k',
    'https://example.com/rs/debug/secret/LogEventRequest',
  ])('leaves %s alone', (url) => {
    expect(adapterForUrl(url)?.id).not.toBe('gamesparks')
  })
  it('claims the same paths on configured hosts, and only those', () => {
    const hosts = { gamesparks: ['127.0.0.1:8443'] }
    expect(adapterForUrl('ws://127.0.0.1:8443/ws/device/exampleKey12', hosts)?.id).toBe('gamesparks')
    expect(adapterForUrl('http://127.0.0.1:8443/rs/server/s/AccountDetailsRequest', hosts)?.id).toBe('gamesparks')
    // A stand-in server often shares its host with pages and other vendors' endpoints.
    expect(adapterForUrl('http://127.0.0.1:8443/pages/game.html', hosts)?.id).not.toBe('gamesparks')
    expect(adapterForUrl('http://127.0.0.1:8443/v2/sessions/end', hosts)?.id).not.toBe('gamesparks')
    expect(adapterForUrl('ws://127.0.0.1:9999/ws/device/exampleKey12', hosts)?.id).not.toBe('gamesparks')
  })
  it('wakes the worker for the vendor domain only', () => {
    expect(gamesparks.webRequestPatterns).toEqual(['*://*.gamesparks.net/*'])
  })
})

describe('recognising a socket by its frames', () => {
  const elsewhere = (list: Frame[]): CapturedRequest => socket(list, 'ws://127.0.0.1:8088/')
  it('claims a socket on any host when one of its first text frames is a JSON object with an @class string', () => {
    expect(gamesparks.matchesCapture!(elsewhere(HANDSHAKE))).toBe(true)
    expect(gamesparks.matchesCapture!(elsewhere([['→', ' '], ['←', 'hello'], ['←', { '@class': '.AuthenticatedConnectResponse', nonce: 'n' }]]))).toBe(true)
    const decoded = decodeCapture(elsewhere([...HANDSHAKE, ...AUTH]))
    expect(decoded.events.map((event) => event.protocol)).toEqual(Array(5).fill('gamesparks'))
  })
  it('does not claim other sockets', () => {
    expect(gamesparks.matchesCapture!(elsewhere([['←', { type: 'hello', class: 'x' }], ['→', '{"@class": 5}']]))).toBe(false)
    expect(gamesparks.matchesCapture!(elsewhere([['←', 'not json "@class"']]))).toBe(false)
    expect(gamesparks.matchesCapture!(elsewhere([['←', '["@class"]']]))).toBe(false)
    expect(gamesparks.matchesCapture!(elsewhere([['←', { '@class': '.X' }, 0, 2]]))).toBe(false)
    const late: Frame[] = [...Array.from({ length: 5 }, (): Frame => ['←', { n: 1 }]), ['←', { '@class': '.AuthenticatedConnectResponse' }]]
    expect(gamesparks.matchesCapture!(elsewhere(late))).toBe(false)
    expect(gamesparks.matchesCapture!({ ...elsewhere([]), frames: undefined })).toBe(false)
    expect(decodeCapture(elsewhere([['←', { type: 'hello' }]]))).toEqual({ events: [], problems: [] })
  })
  it('never throws on hostile frame lists', () => {
    const hostile = [null, 5, 'x', { opcode: 1 }, { opcode: 1, data: 7 }, { opcode: 1, data: '['.repeat(200_000) }, { opcode: 1, data: `{"@class":"${'x'.repeat(200_000)}"}` }]
    expect(gamesparks.matchesCapture!({ ...elsewhere([]), frames: hostile as unknown as WebSocketFrame[] })).toBe(false)
  })
})

describe('the handshake and the session', () => {
  it('starts the session with the frame that issues the session ID; frames before it belong to no session', () => {
    const events = decode([...HANDSHAKE, ['→', { '@class': '.LogEventRequest', eventKey: 'E', requestId: 'r1' }]])
    expect(events.map((e) => [e.type, e.role, e.sessionId, readingOf(e, 'gamesparks')?.handshake])).toEqual([
      ['AuthenticatedConnectResponse', 'event', null, 'awaiting-nonce'],
      ['AuthenticatedConnectRequest', 'event', null, 'awaiting-signature'],
      ['AuthenticatedConnectResponse', 'start', SID, 'awaiting-session'],
      ['LogEventRequest', 'event', SID, 'complete'],
    ])
    expect(events[2]!.start).toEqual({ kind: 'issued', sessionId: SID })
    expect(readingOf(events[1]!, 'gamesparks')?.signature).toEqual({ nonceSeen: true, hmac: 'present' })
  })
  it('reads a handshake answered with an error as a refused start, and what follows as outside any session', () => {
    const events = decode([HANDSHAKE[0]!, HANDSHAKE[1]!, ['←', { '@class': '.AuthenticatedConnectResponse', error: { hmac: 'INVALID' } }], ['→', { '@class': '.AccountDetailsRequest', requestId: 'r1' }]])
    expect(events[2]!.role).toBe('start')
    expect(events[2]!.start).toEqual({ kind: 'rejected', status: null, reason: 'the server answered the handshake with error hmac: INVALID' })
    expect(events[3]!.sessionId).toBeNull()
    expect(readingOf(events[3]!, 'gamesparks')).toMatchObject({ handshake: 'rejected', handshakeError: 'hmac: INVALID' })
    // A clone answers with a string.
    const clone = decode([['←', { '@class': '.AuthenticatedConnectResponse', error: 'Unknown GameID ', requestId: '0' }]])
    expect(clone[0]!.start).toMatchObject({ kind: 'rejected', reason: 'the server answered the handshake with error Unknown GameID ' })
  })
  it('ends the session with EndSessionRequest, and with SessionTerminatedMessage only while it is open', () => {
    const ended = decode([...HANDSHAKE, ['→', { '@class': '.EndSessionRequest', requestId: 'e1' }], ['←', { '@class': '.EndSessionResponse', sessionDuration: 1000, requestId: 'e1' }], ['←', { '@class': '.SessionTerminatedMessage' }]])
    expect(ended.slice(3).map((e) => [e.type, e.role, e.sessionId])).toEqual([
      ['EndSessionRequest', 'end', SID],
      ['EndSessionResponse', 'event', SID],
      ['SessionTerminatedMessage', 'event', SID],
    ])
    const terminated = decode([...HANDSHAKE, ['←', { '@class': '.SessionTerminatedMessage', authToken: 'tok' }]])
    expect(terminated[3]!.role).toBe('end')
  })
  it('counts frames, not events, in origin.frame, and skips keep-alives', () => {
    const events = decode([['→', ' '], ...HANDSHAKE, ['→', ''], ['→', '\n\t '], ['→', { '@class': '.LogEventRequest', eventKey: 'E', requestId: 'r1' }, 9]])
    expect(events.map((e) => [e.origin.frame, e.origin.ordinal])).toEqual([[1, 0], [2, 1], [3, 2], [6, 3]])
    expect(events.every((e) => e.origin.capture === 3 && e.idIssuer === 'server' && e.clientTime === null && e.playhead === null)).toBe(true)
    expect(events[3]!.observedAt).toBe(T + 9000)
  })
  it('names the event after @class without its dot and keeps the frame as details', () => {
    const [event] = decode([['←', { '@class': '.ScriptMessage', extCode: 'X', data: { a: 1 } }]])
    expect(event).toMatchObject({ protocol: 'gamesparks', type: 'ScriptMessage', typeKnown: true, details: { '@class': '.ScriptMessage', extCode: 'X', data: { a: 1 } } })
    expect(readingOf(event!, 'gamesparks')).toMatchObject({ transport: 'socket', direction: 'receive', className: '.ScriptMessage', kind: 'message', credential: 'device', requestId: null })
  })
  it('reads the credential from the URL; legacy URLs without one use the device credential', () => {
    const credential = (url: string): string | null | undefined => readingOf(decode(HANDSHAKE, url)[0]!, 'gamesparks')?.credential
    expect(credential('wss://service.gamesparks.net/ws/server/k')).toBe('server')
    expect(credential('wss://preview.gamesparks.net/ws/k')).toBe('device')
    expect(credential('wss://service.gamesparks.net/websockets/k')).toBe('device')
    expect(credential('ws://127.0.0.1:8088/')).toBeNull()
  })
})

describe('readings for the rules', () => {
  it('follows authentication: an authToken authenticates, NOTAUTHORIZED revokes it', () => {
    const events = decode([
      ...HANDSHAKE,
      ['→', { '@class': '.LogEventRequest', eventKey: 'E', requestId: 'r1' }],
      ...AUTH,
      ['→', { '@class': '.LogEventRequest', eventKey: 'E', requestId: 'r2' }],
      ['←', { '@class': '.LogEventResponse', error: { authentication: 'NOTAUTHORIZED' }, requestId: 'r2' }],
      ['→', { '@class': '.LogEventRequest', eventKey: 'E', requestId: 'r3' }],
    ])
    expect(events.slice(3).map((e) => readingOf(e, 'gamesparks')?.authenticated)).toEqual([false, false, false, true, true, false])
    expect(events[4]!.summary?.facts).toBeUndefined()
    expect(events[5]!.summary?.facts).toEqual({ User: 'Ada (u1)' })
    expect(readingOf(events[7]!, 'gamesparks')?.error).toBe('authentication: NOTAUTHORIZED')
  })
  it('understands keep-alive frames (a single space, every 30 s from the JS SDK): no event, no problem, counted as a session fact', () => {
    const keepAlive = (at: number): Frame => ['→', ' ', at]
    const events = decode([...HANDSHAKE, ...AUTH, keepAlive(35), keepAlive(65), keepAlive(95), ['→', { '@class': '.LogEventRequest', eventKey: 'E', requestId: 'r1' }, 100]])
    expect(events.map((e) => e.type)).toEqual([
      'AuthenticatedConnectResponse', 'AuthenticatedConnectRequest', 'AuthenticatedConnectResponse', 'DeviceAuthenticationRequest', 'AuthenticationResponse', 'LogEventRequest',
    ])
    // Kept by the session's start, which the session keeps whatever follows.
    expect(events[2]!.summary?.facts).toEqual({ 'Keep-alives': '3, every 30 s' })
  })
  it('notes a deviceOS outside the documented IOS, ANDROID, WP8 and W8 as information (the JS SDK sends "js")', () => {
    const auth = (deviceOS: unknown): Frame => ['→', { '@class': '.DeviceAuthenticationRequest', deviceId: '742', deviceOS, requestId: 'a_1' }]
    expect(decode([...HANDSHAKE, auth('js')])[3]!.invalidFields).toEqual([
      { path: 'deviceOS', problem: 'is documented as one of "IOS", "ANDROID", "WP8", "W8", not "js"', severity: 'info' },
    ])
    expect(decode([...HANDSHAKE, auth('ANDROID')])[3]!.invalidFields).toEqual([])
  })
  it('reads analytics requests by key and flags, and the session keeps the timers open until their end', () => {
    const analytics = (fields: Record<string, unknown>, id: string): Frame => ['→', { '@class': '.AnalyticsRequest', ...fields, requestId: id }]
    const events = decode([
      ...HANDSHAKE,
      analytics({ key: 'A', end: true }, '1'),
      analytics({ key: 'A', start: true }, '2'),
      analytics({ key: 'A', start: true }, '3'),
      analytics({ key: 'B', start: true, end: true }, '4'),
      analytics({ key: 'A', end: true }, '5'),
      analytics({ start: true }, '6'),
      ['→', { '@class': '.EndSessionRequest', requestId: '7' }],
    ])
    expect(events.slice(3, 9).map((e) => readingOf(e, 'gamesparks')?.analytics)).toEqual([
      { key: 'A', start: false, end: true },
      { key: 'A', start: true, end: false },
      { key: 'A', start: true, end: false },
      { key: 'B', start: true, end: true },
      { key: 'A', start: false, end: true },
      { key: null, start: true, end: false },
    ])
    const engine = createEngine()
    const results = ingest(engine, { events, problems: [] }, DEFAULT_SETTINGS).events
    // "If both start and end are supplied, the request will be treated as a start timer."
    expect([...engine.sessions.values()].map((session) => session.openTimers)).toEqual([['B', '']])
    const analyticsFindings = results.flatMap((r) => r.findings.filter((f) => f.rule.startsWith('gamesparks-analytics-')).map((f) => `${f.rule}@${events.indexOf(r.event)}`))
    expect(analyticsFindings).toEqual([
      'gamesparks-analytics-end-without-start@3', 'gamesparks-analytics-timer-open@5', 'gamesparks-analytics-start-and-end@6', 'gamesparks-analytics-timer-open@9',
    ])
  })
  it('matches responses to requests by requestId and notes reuse, late, missing and unmatched answers', () => {
    const events = decode([
      ...HANDSHAKE,
      ['→', { '@class': '.LogEventRequest', eventKey: 'E', requestId: 'r1' }, 3],
      ['←', { '@class': '.LogEventResponse', requestId: 'r1' }, 4],
      ['→', { '@class': '.LogEventRequest', eventKey: 'E', requestId: 'r1' }, 5],
      ['→', { '@class': '.LogEventRequest', eventKey: 'E', requestId: 'd_9' }, 6],
      ['→', { '@class': '.LogEventRequest', eventKey: 'E', requestId: 'd_9' }, 7],
      ['→', { '@class': '.LogEventRequest', eventKey: 'E', requestId: 42 }, 8],
      ['←', { '@class': '.LogEventResponse', requestId: 42 }, 50],
      ['←', { '@class': '.LogEventResponse', requestId: 'ghost' }, 51],
    ])
    const readings = events.slice(3).map((e) => readingOf(e, 'gamesparks')!)
    expect(readings.map((reading) => reading.requestId)).toEqual(['r1', 'r1', 'r1', 'd_9', 'd_9', '42', '42', 'ghost'])
    expect(readings.map((reading) => reading.requestIdReused)).toEqual([undefined, undefined, { firstFrame: 3 }, undefined, undefined, undefined, undefined, undefined])
    expect(readings.map((reading) => reading.unanswered)).toEqual([
      undefined, undefined,
      { timeoutMs: 32_000, answeredAfterMs: null },
      { timeoutMs: 32_000, answeredAfterMs: null },
      { timeoutMs: 32_000, answeredAfterMs: null },
      { timeoutMs: 32_000, answeredAfterMs: 42_000 },
      undefined, undefined,
    ])
    expect(readings.map((reading) => reading.unmatchedResponse ?? false)).toEqual([false, false, false, false, false, false, false, true])
  })
  it('waits as long as clientConfig.requestTimeout says when that is longer than 32 s', () => {
    const events = decode([
      HANDSHAKE[0]!, HANDSHAKE[1]!, ['←', { '@class': '.AuthenticatedConnectResponse', sessionId: SID, clientConfig: { requestTimeout: 60_000 } }],
      ['→', { '@class': '.LogEventRequest', eventKey: 'E', requestId: 'r1' }, 3],
      ['←', { '@class': '.LogEventResponse', requestId: 'r1' }, 50],
    ])
    expect(readingOf(events[3]!, 'gamesparks')?.unanswered).toBeUndefined()
  })
  it('reports sessionDuration with the observed length, on the response and as a session fact from the end', () => {
    const events = decode([...HANDSHAKE, ['→', { '@class': '.EndSessionRequest', requestId: 'e1' }, 62], ['←', { '@class': '.EndSessionResponse', sessionDuration: 60_100, requestId: 'e1' }, 62.1]])
    expect(readingOf(events[4]!, 'gamesparks')?.endSession).toEqual({ sessionDuration: 60_100, observedMs: 60_100 })
    expect(events[3]!.summary?.facts).toEqual({ 'Session duration': '1 min (60100 ms)' })
    expect(events[4]!.summary?.facts).toEqual({ 'Session duration': '1 min (60100 ms)' })
    const seconds = decode([...HANDSHAKE, ['←', { '@class': '.EndSessionResponse', sessionDuration: 178, requestId: 'e1' }, 180]])
    expect(seconds[3]!.summary?.facts).toEqual({ 'Session duration': '2 min 58 s (178 s)' })
    const odd = decode([...HANDSHAKE, ['←', { '@class': '.EndSessionResponse', sessionDuration: '12', requestId: 'e1' }, 180]])
    expect(readingOf(odd[3]!, 'gamesparks')?.endSession).toEqual({ sessionDuration: '12', observedMs: 178_000 })
    expect(odd[3]!.summary).toBeUndefined()
  })
  it('lists EndSessionRequest parameters it does not take', () => {
    const [, , , end] = decode([...HANDSHAKE, ['→', { '@class': '.EndSessionRequest', requestId: 'e1', sessionId: SID, analyticsData: {}, score: 3 }]])
    expect(readingOf(end!, 'gamesparks')?.endSessionParams).toEqual(['score'])
  })
  it('notes an unsigned handshake', () => {
    const events = decode([['→', { '@class': '.AuthenticatedConnectRequest', hmac: '' }], ['→', { '@class': '.AuthenticatedConnectRequest', hmac: 5 }], ['→', { '@class': '.AuthenticatedConnectRequest' }]])
    expect(events.map((e) => readingOf(e, 'gamesparks')?.signature)).toEqual([
      { nonceSeen: false, hmac: 'empty' },
      { nonceSeen: false, hmac: 'not-a-string' },
      { nonceSeen: false, hmac: 'missing' },
    ])
    expect(events.map((e) => e.missingFields)).toEqual([[], [], ['hmac']])
  })
})

describe('required and invalid fields', () => {
  it('requires @class everywhere, eventKey on LogEventRequest, and the documented authentication fields', () => {
    const events = decode([
      ['→', { eventKey: 'E' }],
      ['→', { '@class': '.LogEventRequest', requestId: 'r1' }],
      ['→', { '@class': '.LogChallengeEventRequest', eventKey: 'E', requestId: 'r2' }],
      ['→', { '@class': '.DeviceAuthenticationRequest', deviceId: 'd', requestId: 'r3' }],
    ])
    expect(events.map((e) => [e.type, e.typeKnown, e.missingFields])).toEqual([
      ['unknown', false, ['@class']],
      ['LogEventRequest', true, ['eventKey']],
      ['LogChallengeEventRequest', true, ['challengeInstanceId']],
      ['DeviceAuthenticationRequest', true, ['deviceOS']],
    ])
  })
  it('flags wrong types', () => {
    const events = decode([
      ['→', { '@class': 7 }],
      ['→', { '@class': '.LogEventRequest', eventKey: 12 }],
      ['→', { '@class': '.LogEventRequest', eventKey: '' }],
      ['→', { '@class': '.AnalyticsRequest', key: ['x'], start: 'yes' }],
      ['→', { '@class': '<img src=x onerror=alert(1)>' }],
    ])
    expect(events.map((e) => e.invalidFields.map((issue) => `${issue.path}:${issue.severity}`))).toEqual([
      ['@class:error'], ['eventKey:error'], ['eventKey:error'], ['key:error', 'start:warning'], ['@class:error'],
    ])
    expect(events[0]!.type).toBe('unknown')
    expect(events[4]!.typeKnown).toBe(false)
  })
  it('never lets a class pose as an event the session machine acts on', () => {
    const events = decode([['→', { '@class': '.play' }], ['→', { '@class': 'sessionEnd' }], ['→', { '@class': '.constructor' }]])
    expect(events.map((e) => [e.type, e.role])).toEqual([['gs:play', 'event'], ['gs:sessionEnd', 'event'], ['constructor', 'event']])
  })
})

describe('frames that cannot be read', () => {
  it('reports a text frame that is not JSON, or not an object, with its frame index', () => {
    const { events, problems } = gamesparks.decode(socket([...HANDSHAKE, ['→', '{"@class":'], ['←', '[1,2]'], ['←', '"just a string"']]))
    expect(events).toHaveLength(3)
    expect(problems.map((p) => [p.kind, p.frame, p.capture, p.protocol])).toEqual([
      ['malformed', 3, 3, 'gamesparks'],
      ['malformed', 4, 3, 'gamesparks'],
      ['malformed', 5, 3, 'gamesparks'],
    ])
    expect(problems[0]!.reason).toContain('not JSON')
  })
  it('reports binary frames; on the secure credential every unreadable frame is encrypted, not broken', () => {
    expect(gamesparks.decode(socket([['←', 'AAEC', 0, 2]])).problems.map((p) => p.kind)).toEqual(['malformed'])
    const secure = gamesparks.decode(socket([['←', 'AAEC', 0, 2], ['→', 'U2FsdGVkX1+v'], ['←', { json: 'q83v', hmac: 'c2ln' }]], 'wss://live-k.ws.gamesparks.net/ws/secure/k'))
    expect(secure.events).toEqual([])
    expect(secure.problems.map((p) => [p.kind, p.frame])).toEqual([['not-visible', 0], ['not-visible', 1], ['not-visible', 2]])
    expect(secure.problems[1]!.reason).toContain('encrypted')
  })
  it('survives garbage, huge, deeply nested and prototype-polluting frames', () => {
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`
    const huge = JSON.stringify({ '@class': '.LogEventRequest', eventKey: 'BIG', blob: 'x'.repeat(2_000_000), requestId: 'r1' })
    const list: Frame[] = [
      ...HANDSHAKE,
      ['→', deep],
      ['→', '['.repeat(300_000)],
      ['→', huge],
      ['→', 'x'.repeat(3_000_000)],
      ['→', '{"@class":".AnalyticsRequest","key":"__proto__","start":true,"__proto__":{"polluted":true},"requestId":"__proto__"}'],
      ['→', '{"@class":".EndSessionRequest","constructor":1,"__proto__":2,"requestId":"toString"}'],
      ['←', '{"@class":".LogEventResponse","error":{"__proto__":"x","a":{"b":1}},"requestId":"hasOwnProperty"}'],
      ['→', '\u0000\uffff\ud800'],
    ]
    const capture = socket(list)
    capture.frames!.push({ direction: 'sideways', time: Number.NaN, opcode: 1, data: '{"@class":".X"}' } as unknown as WebSocketFrame)
    capture.frames!.push(null as unknown as WebSocketFrame, { direction: 'send', time: T, opcode: 1, data: 42 } as unknown as WebSocketFrame)
    const decoded = gamesparks.decode(capture)
    expect(decoded.problems.map((p) => p.frame)).toEqual([3, 4, 6, 10, 12, 13])
    expect(decoded.problems[0]!.reason).toContain('levels deep')
    expect(decoded.events.map((e) => e.type)).toEqual([
      'AuthenticatedConnectResponse', 'AuthenticatedConnectRequest', 'AuthenticatedConnectResponse', 'LogEventRequest',
      'AnalyticsRequest', 'EndSessionRequest', 'LogEventResponse', 'X',
    ])
    expect(readingOf(decoded.events[4]!, 'gamesparks')?.analytics).toEqual({ key: '__proto__', start: true, end: false })
    expect(readingOf(decoded.events[5]!, 'gamesparks')?.endSessionParams).toEqual(['constructor', '__proto__'])
    expect(readingOf(decoded.events[6]!, 'gamesparks')?.error).toBe('__proto__: x, a: an object')
    expect(decoded.events[7]!.observedAt).toBe(T)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(() => JSON.stringify(decoded)).not.toThrow()
    expect(() => structuredClone(decoded)).not.toThrow()
  })
  it('decodes nothing from a socket without frames', () => {
    expect(gamesparks.decode(socket([]))).toEqual({ events: [], problems: [] })
    expect(gamesparks.decode({ ...socket([]), frames: undefined })).toEqual({ events: [], problems: [] })
  })
})

describe('REST calls and Cloud Code callbacks', () => {
  const rest = (url: string, body: string | null, response: unknown = { '@class': '.LogEventResponse', scriptData: {} }): CapturedRequest => ({
    seq: 7, url, method: 'POST', requestHeaders: [], observedAt: T, tabId: null, frameId: null,
    requestBody: body === null ? null : { text: body, mimeType: 'application/json' },
    response: { status: 200, headers: [], body: { text: JSON.stringify(response) } },
  })
  const URL_ = 'https://X000000exmpl.preview.gamesparks.net/rs/debug/abcdef0123456789abcdef0123456789/LogEventRequest'

  it('makes one event per call, outside any session, with the secret in the URL as a fact', () => {
    const { events, problems } = gamesparks.decode(rest(URL_, JSON.stringify({ '@class': '.LogEventRequest', eventKey: 'LOAD', playerId: 'p1', requestId: '12897' })))
    expect(problems).toEqual([])
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ type: 'LogEventRequest', typeKnown: true, role: 'event', sessionId: null, origin: { capture: 7, ordinal: 0, frame: null }, observedAt: T, missingFields: [] })
    expect(readingOf(events[0]!, 'gamesparks')).toEqual({
      transport: 'rest', direction: 'send', className: '.LogEventRequest', kind: 'request', credential: 'debug', requestId: '12897',
      secretInUrl: { path: 'rs', credential: 'debug' },
    })
  })
  it('judges a redacted URL by its shape, reads errors from the response, and names the call after the URL without a body', () => {
    const redacted = gamesparks.decode(rest(URL_.replace('abcdef0123456789abcdef0123456789', '%5Bredacted%5D'), null, { error: { eventKey: 'INVALID' } }))
    expect(redacted.events[0]!.type).toBe('LogEventRequest')
    expect(readingOf(redacted.events[0]!, 'gamesparks')).toMatchObject({ secretInUrl: { path: 'rs', credential: 'debug' }, error: 'eventKey: INVALID', kind: 'request' })
  })
  it('reports a body that is not JSON, and still reports the call', () => {
    const { events, problems } = gamesparks.decode(rest(URL_, 'eventKey=LOAD'))
    expect(events).toHaveLength(1)
    expect(problems.map((p) => [p.kind, p.frame])).toEqual([['malformed', null]])
  })
  it('reads Cloud Code callbacks', () => {
    const { events } = gamesparks.decode(rest('https://k.live.gamesparks.net/callback/k/server/s3cr3t/player1', '{"order":42}', { ok: true }))
    expect(events[0]).toMatchObject({ type: 'CloudCodeCallback', typeKnown: true, sessionId: null, details: { order: 42 } })
    expect(readingOf(events[0]!, 'gamesparks')).toMatchObject({ transport: 'callback', credential: 'server', secretInUrl: { path: 'callback', credential: 'server' } })
  })
})
