/**
 * The GameSparks rules on real adapter output: each fires on the misuse it names and stays silent on the correct
 * sequence next to it. Also what the shared session machine does differently for GameSparks (no pings, no expiry,
 * server answers after the end are not "sent after the end").
 */
import { describe, expect, it } from 'vitest'
import type { CapturedRequest, WebSocketFrame } from '../../../src/protocols/captured-request'
import { replay } from '../../../src/session/replay'
import { ruleById } from '../../../src/session/rules'
import { DEFAULT_SETTINGS } from '../../../src/session/settings'

const T = Date.parse('2023-07-04T10:33:31.600Z')
const SOCKET = 'wss://preview-exampleKey12.ws.gamesparks.net/ws/device/exampleKey12'
const SID = '64a3f1c2e4b0a1b2c3d4e5f6'

type Frame = [dir: '→' | '←', data: unknown, at?: number]

function socket(list: Frame[], url = SOCKET, seq = 0): CapturedRequest {
  const frames: WebSocketFrame[] = list.map(([dir, data, at], index) => ({
    direction: dir === '→' ? 'send' : 'receive',
    time: T + Math.round((at ?? index) * 1000),
    opcode: 1,
    data: typeof data === 'string' ? data : JSON.stringify(data),
  }))
  return { seq, url, method: 'GET', requestHeaders: [], requestBody: null, response: { status: 101, headers: [], body: null }, observedAt: T, tabId: null, frameId: null, frames }
}

function rest(url: string, seq = 0): CapturedRequest {
  const body = JSON.stringify({ '@class': '.LogEventRequest', eventKey: 'LOAD', playerId: 'p1' })
  return { seq, url, method: 'POST', requestHeaders: [], requestBody: { text: body }, response: { status: 200, headers: [], body: { text: '{"@class":".LogEventResponse"}' } }, observedAt: T, tabId: null, frameId: null }
}

/** Every finding as `rule@frame` (`rule@entry` for findings about a whole capture without frames). */
function lint(captures: CapturedRequest[], until?: number): string[] {
  const verdict = replay(captures, DEFAULT_SETTINGS, until === undefined ? null : T + until * 1000)
  return verdict.findings.map((f) => `${f.rule}@${f.at?.frame ?? (f.at ? `entry${f.at.capture}` : 'session')}`)
}

function only(rule: string, list: Frame[], url?: string): string[] {
  return lint([socket(list, url)]).filter((f) => f.startsWith(`${rule}@`))
}

const nonce: Frame = ['←', { '@class': '.AuthenticatedConnectResponse', nonce: 'n1' }]
const signed: Frame = ['→', { '@class': '.AuthenticatedConnectRequest', hmac: 'c2lnbmVk' }]
const issued: Frame = ['←', { '@class': '.AuthenticatedConnectResponse', sessionId: SID }]
const HANDSHAKE: Frame[] = [nonce, signed, issued]
// An iOS client: one of the documented deviceOS values, so the rules below are judged without its note.
const AUTH: Frame[] = [
  ['→', { '@class': '.DeviceAuthenticationRequest', deviceId: '742', deviceOS: 'IOS', requestId: 'a1' }],
  ['←', { '@class': '.AuthenticationResponse', authToken: 'tok', userId: 'u1', requestId: 'a1' }],
]
const START: Frame[] = [...HANDSHAKE, ...AUTH] // frames 0–4
const request = (type: string, requestId: string, fields: Record<string, unknown> = {}, at?: number): Frame => ['→', { '@class': `.${type}Request`, ...fields, requestId }, at]
const response = (type: string, requestId: string, fields: Record<string, unknown> = {}, at?: number): Frame => ['←', { '@class': `.${type}Response`, ...fields, requestId }, at]
const END: Frame[] = [request('EndSession', 'e1'), response('EndSession', 'e1', { sessionDuration: 1000 })]

describe('a well-formed session', () => {
  it('lints clean, with the player and the reported duration as session facts', () => {
    const list: Frame[] = [...START, request('LogEvent', 'r1', { eventKey: 'E' }), response('LogEvent', 'r1'), request('EndSession', 'e1', {}, 7), response('EndSession', 'e1', { sessionDuration: 5000 }, 7.1)]
    const verdict = replay([socket(list)])
    expect(verdict.findings).toEqual([])
    expect(verdict.sessions.map((s) => [s.key, s.state, s.sessionId, s.idSource, s.summary.facts])).toEqual([
      [`gamesparks:${SID}`, 'ended', SID, 'issued', { User: 'u1', 'Session duration': '5 s (5000 ms)' }],
    ])
  })
})

describe('gamesparks-request-before-handshake', () => {
  it('fires on requests before the session ID, and after a refused handshake', () => {
    expect(only('gamesparks-request-before-handshake', [nonce, request('LogEvent', 'r1', { eventKey: 'E' }), signed, issued])).toEqual(['gamesparks-request-before-handshake@1'])
    const refused: Frame[] = [nonce, signed, ['←', { '@class': '.AuthenticatedConnectResponse', error: { hmac: 'INVALID' } }], request('AccountDetails', 'r1'), request('LogEvent', 'r2', { eventKey: 'E' })]
    expect(lint([socket(refused)])).toEqual(['session-start-rejected@2', 'gamesparks-request-before-handshake@3', 'gamesparks-request-before-handshake@4'])
    expect(ruleById('gamesparks-request-before-handshake')!.severity).toBe('error')
  })
  it('is silent for the handshake itself, keep-alives and requests after the session ID', () => {
    expect(only('gamesparks-request-before-handshake', [['→', ' '], ...START, request('LogEvent', 'r1', { eventKey: 'E' })])).toEqual([])
  })
})

describe('gamesparks-handshake-not-signed', () => {
  it('fires on an AuthenticatedConnectRequest without a nonce before it, or with an empty hmac', () => {
    expect(only('gamesparks-handshake-not-signed', [signed, nonce, issued])).toEqual(['gamesparks-handshake-not-signed@0'])
    expect(only('gamesparks-handshake-not-signed', [nonce, ['→', { '@class': '.AuthenticatedConnectRequest', hmac: ' ' }], issued])).toEqual(['gamesparks-handshake-not-signed@1'])
  })
  it('leaves a missing hmac to missing-required-field, and is silent for a signed answer to a nonce', () => {
    expect(lint([socket([nonce, ['→', { '@class': '.AuthenticatedConnectRequest' }], issued])])).toEqual(['missing-required-field@1'])
    expect(only('gamesparks-handshake-not-signed', HANDSHAKE)).toEqual([])
  })
})

describe('gamesparks-secret-in-url', () => {
  const url = (secret: string): string => `https://X000000exmpl.preview.gamesparks.net/rs/debug/${secret}/LogEventRequest`
  it('fires on REST and callback URLs, redacted or not', () => {
    expect(lint([rest(url('abcdef0123456789abcdef0123456789'), 0), rest(url('%5Bredacted%5D'), 1), rest('https://k.live.gamesparks.net/callback/k/cb/s3cr3t/p1', 2)])).toEqual([
      'gamesparks-secret-in-url@entry0', 'gamesparks-secret-in-url@entry1', 'gamesparks-secret-in-url@entry2',
    ])
    const [finding] = replay([rest(url('%5Bredacted%5D'))]).findings
    expect(finding).toMatchObject({ severity: 'error', sessionKey: null, docs: 'https://docs.gamesparks.com/api-documentation/rest-apis/' })
    expect(finding!.message).toContain('debug credential accepts any playerId')
  })
  it('is silent for sockets, whose URL carries the API key only', () => {
    expect(only('gamesparks-secret-in-url', START)).toEqual([])
    expect(only('gamesparks-secret-in-url', START, 'wss://service.gamesparks.net/ws/server/exampleKey12')).toEqual([])
  })
})

describe('gamesparks-missing-session-duration', () => {
  const ended = (fields: Record<string, unknown>, at = 10): Frame[] => [...START, request('EndSession', 'e1', {}, at), response('EndSession', 'e1', fields, at + 0.1)]
  it('warns when sessionDuration is missing, not a number, or negative', () => {
    expect(only('gamesparks-missing-session-duration', ended({}))).toEqual(['gamesparks-missing-session-duration@6'])
    expect(only('gamesparks-missing-session-duration', ended({ sessionDuration: '9900' }))).toEqual(['gamesparks-missing-session-duration@6'])
    expect(only('gamesparks-missing-session-duration', ended({ sessionDuration: -1 }))).toEqual(['gamesparks-missing-session-duration@6'])
    expect(replay([socket(ended({}))]).findings[0]!.severity).toBe('warning')
  })
  it('notes a duration that matches the observed length in neither ms nor s, as information', () => {
    const [finding] = replay([socket(ended({ sessionDuration: 3_600_000 }, 60))]).findings
    expect(finding).toMatchObject({ rule: 'gamesparks-missing-session-duration', severity: 'info' })
  })
  it('is silent for a duration in ms or in s, and for an error answer', () => {
    expect(only('gamesparks-missing-session-duration', ended({ sessionDuration: 59_900 }, 60))).toEqual([])
    expect(only('gamesparks-missing-session-duration', ended({ sessionDuration: 60 }, 60))).toEqual([])
    expect(only('gamesparks-missing-session-duration', ended({ error: { authentication: 'NOTAUTHORIZED' } }))).toEqual([])
  })
})

describe('gamesparks-analytics-end-without-start', () => {
  it('fires on an end for a key with no open start', () => {
    expect(only('gamesparks-analytics-end-without-start', [...START, request('Analytics', 'r1', { key: 'SHOP', end: true }), request('Analytics', 'r2', { key: 'SHOP', start: true }), request('Analytics', 'r3', { key: 'OTHER', end: true })])).toEqual([
      'gamesparks-analytics-end-without-start@5', 'gamesparks-analytics-end-without-start@7',
    ])
  })
  it('is silent for an end after its start', () => {
    expect(only('gamesparks-analytics-end-without-start', [...START, request('Analytics', 'r1', { key: 'SHOP', start: true }), request('Analytics', 'r2', { key: 'SHOP', end: true })])).toEqual([])
  })
})

describe('gamesparks-analytics-start-and-end', () => {
  it('fires when both flags are set', () => {
    expect(only('gamesparks-analytics-start-and-end', [...START, request('Analytics', 'r1', { key: 'K', start: true, end: true })])).toEqual(['gamesparks-analytics-start-and-end@5'])
  })
  it('is silent for one flag, or for a counter with none', () => {
    expect(only('gamesparks-analytics-start-and-end', [...START, request('Analytics', 'r1', { key: 'K', start: true, end: false }), request('Analytics', 'r2', { key: 'C' })])).toEqual([])
  })
})

describe('gamesparks-analytics-timer-open', () => {
  it('notes a second start of an open timer, and timers open at EndSession', () => {
    const list: Frame[] = [...START, request('Analytics', 'r1', { key: 'L2', start: true }), request('Analytics', 'r2', { key: 'L2', start: true }), ...END]
    expect(only('gamesparks-analytics-timer-open', list)).toEqual(['gamesparks-analytics-timer-open@6', 'gamesparks-analytics-timer-open@7'])
    expect(ruleById('gamesparks-analytics-timer-open')!.severity).toBe('info')
  })
  it('is silent when every timer ends before it starts again and before EndSession', () => {
    const list: Frame[] = [...START, request('Analytics', 'r1', { key: 'L2', start: true }), request('Analytics', 'r2', { key: 'L2', end: true }), request('Analytics', 'r3', { key: 'L2', start: true }), request('Analytics', 'r4', { key: 'L2', end: true }), ...END]
    expect(only('gamesparks-analytics-timer-open', list)).toEqual([])
  })
})

describe('gamesparks-request-before-authentication', () => {
  it('warns once per session about player requests on the device credential before authentication', () => {
    const list: Frame[] = [...HANDSHAKE, request('LogEvent', 'r1', { eventKey: 'E' }), request('Analytics', 'r2', { key: 'K' })]
    expect(only('gamesparks-request-before-authentication', list)).toEqual(['gamesparks-request-before-authentication@3'])
    expect(only('gamesparks-request-before-authentication', list, 'wss://live-k.ws.gamesparks.net/ws/secure/k')).toEqual(['gamesparks-request-before-authentication@3'])
  })
  it("fires after NOTAUTHORIZED revoked the player's token", () => {
    const list: Frame[] = [...START, response('LogEvent', 'x', { error: { authentication: 'NOTAUTHORIZED' } }), request('LogEvent', 'r1', { eventKey: 'E' })]
    expect(only('gamesparks-request-before-authentication', list)).toEqual(['gamesparks-request-before-authentication@6'])
  })
  it('is silent for authentication requests, after authentication, on server credentials and after the session ended', () => {
    expect(only('gamesparks-request-before-authentication', [...START, request('LogEvent', 'r1', { eventKey: 'E' })])).toEqual([])
    expect(only('gamesparks-request-before-authentication', [...HANDSHAKE, request('Registration', 'r1', { userName: 'a', password: 'b', displayName: 'A' }), request('FacebookConnect', 'r2', { accessToken: 'x' })])).toEqual([])
    expect(only('gamesparks-request-before-authentication', [...HANDSHAKE, request('AccountDetails', 'r1', { playerId: 'p1' })], 'wss://service.gamesparks.net/ws/server/k')).toEqual([])
    expect(only('gamesparks-request-before-authentication', [...HANDSHAKE, request('LogEvent', 'r1', { eventKey: 'E' })], 'ws://127.0.0.1:8088/')).toEqual([])
    const terminated: Frame[] = [...START, ['←', { '@class': '.SessionTerminatedMessage' }], request('LogEvent', 'r1', { eventKey: 'E' })]
    expect(lint([socket(terminated)])).toEqual(['event-after-session-end@6'])
  })
})

describe('gamesparks-request-id-reused', () => {
  it('fires on a request reusing an earlier requestId on the socket', () => {
    expect(only('gamesparks-request-id-reused', [...START, request('LogEvent', 'ok', { eventKey: 'A' }), request('LogEvent', 'ok', { eventKey: 'B' }), request('LogEvent', 'a1', { eventKey: 'C' })])).toEqual([
      'gamesparks-request-id-reused@6', 'gamesparks-request-id-reused@7',
    ])
  })
  it('is silent for durable retries and for responses echoing the id', () => {
    expect(only('gamesparks-request-id-reused', [...START, request('LogEvent', 'd_1_1', { eventKey: 'A' }), request('LogEvent', 'd_1_1', { eventKey: 'A' }), response('LogEvent', 'd_1_1')])).toEqual([])
  })
})

describe('gamesparks-request-unanswered', () => {
  it('warns when no answer came within 32 s while the socket went on, or the answer came later', () => {
    const list: Frame[] = [...START, request('LogEvent', 'r1', { eventKey: 'A' }, 5), request('LogEvent', 'r2', { eventKey: 'B' }, 6), response('LogEvent', 'r2', {}, 45), ['→', ' ', 60]]
    expect(only('gamesparks-request-unanswered', list)).toEqual(['gamesparks-request-unanswered@5', 'gamesparks-request-unanswered@6'])
  })
  it('is silent for answers within the timeout and for requests at the end of the capture', () => {
    const list: Frame[] = [...START, request('LogEvent', 'r1', { eventKey: 'A' }, 5), response('LogEvent', 'r1', {}, 30), request('LogEvent', 'r2', { eventKey: 'B' }, 31)]
    expect(only('gamesparks-request-unanswered', list)).toEqual([])
  })
})

describe('gamesparks-response-without-request', () => {
  it('fires on a response no request waits for, including a second answer to one request', () => {
    const list: Frame[] = [...START, response('LogEvent', 'ghost'), request('LogEvent', 'r1', { eventKey: 'A' }), response('LogEvent', 'r1'), response('LogEvent', 'r1')]
    expect(only('gamesparks-response-without-request', list)).toEqual(['gamesparks-response-without-request@5', 'gamesparks-response-without-request@8'])
  })
  it('is silent for answered requests, pushes and the handshake', () => {
    const list: Frame[] = [...START, ['←', { '@class': '.AchievementEarnedMessage', achievementName: 'A' }], request('LogEvent', 'r1', { eventKey: 'A' }), response('LogEvent', 'r1')]
    expect(only('gamesparks-response-without-request', list)).toEqual([])
    expect(only('gamesparks-response-without-request', [nonce, signed, ['←', { '@class': '.AuthenticatedConnectResponse', sessionId: SID, requestId: 0 }]])).toEqual([])
  })
})

describe('gamesparks-error-response', () => {
  it('notes responses with an error, on sockets and REST calls', () => {
    const list: Frame[] = [...START, request('Authentication', 'r1', { userName: 'a', password: 'b' }), response('Authentication', 'r1', { error: { DETAILS: 'UNRECOGNISED' } })]
    const [finding] = replay([socket(list)]).findings
    expect(finding).toMatchObject({ rule: 'gamesparks-error-response', severity: 'info', at: { frame: 6 } })
    expect(finding!.message).toContain('DETAILS: UNRECOGNISED')
    const failed = rest('https://k.preview.gamesparks.net/rs/server/s/LogEventRequest')
    failed.response = { status: 200, headers: [], body: { text: '{"@class":".LogEventResponse","error":{"eventKey":"INVALID"}}' } }
    expect(lint([failed])).toEqual(['gamesparks-secret-in-url@entry0', 'gamesparks-error-response@entry0'])
  })
  it('is silent for an empty error, for requests, and for a refused handshake (session-start-rejected)', () => {
    expect(only('gamesparks-error-response', [...START, request('LogEvent', 'r1', { eventKey: 'A', error: 'x' }), response('LogEvent', 'r1', { error: {} })])).toEqual([])
    expect(only('gamesparks-error-response', [nonce, signed, ['←', { '@class': '.AuthenticatedConnectResponse', error: 'Unknown GameID ' }]])).toEqual([])
  })
})

describe('gamesparks-end-session-with-params', () => {
  it('notes parameters EndSessionRequest does not take', () => {
    expect(only('gamesparks-end-session-with-params', [...START, request('EndSession', 'e1', { score: 5 })])).toEqual(['gamesparks-end-session-with-params@5'])
  })
  it('is silent for requestId, sessionId and analyticsData', () => {
    expect(only('gamesparks-end-session-with-params', [...START, request('EndSession', 'e1', { sessionId: SID, analyticsData: { a: 1 } })])).toEqual([])
  })
})

describe('the shared lifecycle rules on GameSparks sessions', () => {
  it('warns about requests after EndSession and about a second EndSession, but not about the server answering after the end', () => {
    const list: Frame[] = [...START, ...END, request('LogEvent', 'r9', { eventKey: 'LATE' }), ['←', { '@class': '.ScriptMessage', extCode: 'X' }], request('EndSession', 'e2')]
    const findings = replay([socket(list)]).findings
    expect(findings.map((f) => `${f.rule}@${f.at?.frame}:${f.severity}`)).toEqual(['event-after-session-end@7:warning', 'duplicate-session-end@9:warning'])
    expect(findings[0]!.docs).toBe('https://docs.gamesparks.com/api-documentation/request-api/analytics/endsessionrequest.html')
  })
  it('neither expects pings nor expires a quiet session, at any later time', () => {
    const list: Frame[] = [...START, request('LogEvent', 'r1', { eventKey: 'A' }, 10), response('LogEvent', 'r1', {}, 10.1), request('LogEvent', 'r2', { eventKey: 'B' }, 4000), response('LogEvent', 'r2', {}, 4000.1)]
    expect(lint([socket(list)], 10_000)).toEqual([])
    expect(replay([socket(list)], DEFAULT_SETTINGS, T + 200_000_000).sessions[0]!.state).toBe('active')
  })
  it('points shared-rule findings about GameSparks traffic at GameSparks pages', () => {
    const findings = replay([socket([...HANDSHAKE, ['→', { eventKey: 'E' }], ['→', '{oops'], nonce, ['→', { '@class': '.AuthenticatedConnectRequest', hmac: 'x' }], ['←', { '@class': '.AuthenticatedConnectResponse', error: 'no' }]])]).findings
    expect(findings.map((f) => [f.rule, f.docs.startsWith('https://api.gamesparks.net/') || f.docs.startsWith('https://docs.gamesparks.com/')])).toEqual([
      // In frame order: frame 3 lacks @class, frame 4 is not JSON, frame 7 refuses the handshake.
      ['missing-required-field', true], ['unknown-event-type', true], ['undecodable-request', true], ['session-start-rejected', true],
    ])
  })
})
