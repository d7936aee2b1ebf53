/**
 * What the fuzz suite found (issue 7, item 3): fields of the wrong type that the adapters read as absent or passed
 * over in silence. Each now gives a finding that names the field.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LintError, lintHar } from '../../../src/library'
import { parseJsonBody } from '../../../src/protocols/json-body'
import { fromHar, HarError } from '../../../src/report/from-har'
import { runInProcess } from '../../helpers/fuzz-cli'
import { adobeMediaCollection } from '../../../src/protocols/adobe-media-collection'
import { adobeMediaEdge } from '../../../src/protocols/adobe-media-edge'
import type { CapturedRequest, WebSocketFrame } from '../../../src/protocols/captured-request'
import { gamesparks } from '../../../src/protocols/gamesparks'
import type { TrackingEvent } from '../../../src/protocols/tracking-event'
import { videosdk } from '../../../src/protocols/videosdk'

const T = Date.parse('2026-01-15T02:00:00.000Z')

function post(url: string, body: unknown, extra: Partial<CapturedRequest> = {}): CapturedRequest {
  return { seq: 0, url, method: 'POST', requestHeaders: [{ name: 'Content-Type', value: 'application/json' }], requestBody: { text: JSON.stringify(body) }, response: null, observedAt: T, tabId: null, frameId: null, ...extra }
}

function only(events: TrackingEvent[]): TrackingEvent {
  expect(events).toHaveLength(1)
  return events[0]!
}

const paths = (event: TrackingEvent) => event.invalidFields.map((issue) => `${issue.path} ${issue.problem} (${issue.severity})`)

describe('Media Edge reports fields of the wrong type', () => {
  const url = 'https://edge.adobedc.net/ee/va/v1/play?configId=c'
  const play = (xdm: Record<string, unknown>) => only(adobeMediaEdge.decode(post(url, { events: [{ xdm: { timestamp: '2026-01-15T02:00:00.000Z', ...xdm } }] })).events)

  it('an eventType that is not text', () => {
    expect(paths(play({ eventType: 0, mediaCollection: { playhead: 1, sessionID: 's' } }))).toContain('eventType must be a string, not 0 (error)')
  })

  it('mediaCollection and its detail objects that are not objects', () => {
    expect(paths(play({ eventType: 'media.play', mediaCollection: [] }))).toContain('mediaCollection must be an object, not an array (error)')
    expect(paths(play({ eventType: 'media.play', mediaCollection: { playhead: 1, sessionID: 's', qoeDataDetails: 'fast' } }))).toContain('mediaCollection.qoeDataDetails must be an object, not "fast" (error)')
  })

  it('text fields of session, ad, chapter and error details sent as numbers or null-like values', () => {
    const start = only(adobeMediaEdge.decode(post('https://edge.adobedc.net/ee/va/v1/sessionStart?configId=c', {
      events: [{ xdm: { eventType: 'media.sessionStart', mediaCollection: { playhead: 0, sessionDetails: { name: 12, playerName: 'p', contentType: 'vod', length: 60, channel: ['c'] } } } }],
    })).events)
    expect(paths(start)).toEqual(expect.arrayContaining(['mediaCollection.sessionDetails.name must be a string, not 12 (error)', 'mediaCollection.sessionDetails.channel must be a string, not an array (error)']))
    expect(paths(play({ eventType: 'media.adStart', mediaCollection: { playhead: 1, sessionID: 's', advertisingDetails: { name: 'ad', playerName: true, length: 10, podPosition: 1 } } }))).toContain(
      'mediaCollection.advertisingDetails.playerName must be a string, not true (error)',
    )
  })
})

describe('Media Collection reports fields of the wrong type', () => {
  const sessions = 'https://x.hb-api.omtrdc.net/api/v1/sessions'
  const events = 'https://x.hb-api.omtrdc.net/api/v1/sessions/s1/events'

  it('text parameters sent as numbers', () => {
    const start = only(adobeMediaCollection.decode(post(sessions, {
      eventType: 'sessionStart', playerTime: { playhead: 0, ts: T },
      params: { 'analytics.trackingServer': 't', 'analytics.reportSuite': 'r', 'visitor.marketingCloudOrgId': 'o', 'media.id': 'm', 'media.length': 60, 'media.contentType': 'vod', 'media.playerName': 'p', 'media.channel': 0 },
    })).events)
    expect(paths(start)).toContain('params["media.channel"] must be a string, not 0 (error)')
  })

  it('an eventType that is not text and objects that are not objects', () => {
    const event = only(adobeMediaCollection.decode(post(events, { eventType: 7, playerTime: { playhead: 1, ts: T }, params: [], qoeData: 'x' })).events)
    expect(paths(event)).toEqual(expect.arrayContaining(['eventType must be a string, not 7 (error)', 'params must be an object, not an array (error)', 'qoeData must be an object, not "x" (error)']))
  })

  it('a required field sent as null is missing', () => {
    const event = only(adobeMediaCollection.decode(post(events, { eventType: 'play', playerTime: { playhead: 1, ts: null } })).events)
    expect(event.missingFields).toEqual(['playerTime.ts'])
  })
})

describe('GameSparks reports a requestId its response cannot match', () => {
  it('a requestId that is neither text nor a number', () => {
    const frame = (data: unknown): WebSocketFrame => ({ direction: 'send', time: T, opcode: 1, data: JSON.stringify(data) })
    const capture: CapturedRequest = { seq: 0, url: 'wss://preview-k.ws.gamesparks.net/ws/device/k', method: 'GET', requestHeaders: [], requestBody: null, response: null, observedAt: T, tabId: null, frameId: null,
      frames: [frame({ '@class': '.LogEventRequest', eventKey: 'E', requestId: false }), frame({ '@class': '.LogEventRequest', eventKey: 'E', requestId: 'r1' }), frame({ '@class': '.LogEventRequest', eventKey: 'E', requestId: 12 })] }
    const [bad, text, number] = gamesparks.decode(capture).events
    expect(paths(bad!)).toEqual(['requestId should be a string, not false; its response cannot be matched to it (warning)'])
    expect(text!.invalidFields).toEqual([])
    expect(number!.invalidFields).toEqual([])
  })
})

describe('VideoSDK reports body parameters that are not text', () => {
  // An HS256 token whose payload carries an apikey; the signature is never checked.
  const token = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"apikey":"k"}').toString('base64url')}.c2ln`

  it('a roomId sent as a number is named, not only reported as no room', () => {
    const event = only(videosdk.decode(post('https://api.videosdk.live/v2/sessions/end', { roomId: 0, sessionId: ['s'] }, { requestHeaders: [{ name: 'Authorization', value: token }, { name: 'Content-Type', value: 'application/json' }] })).events)
    expect(paths(event)).toEqual(['roomId must be a string, not 0 (error)', 'sessionId must be a string, not an array (error)'])
  })

  it('text parameters raise nothing', () => {
    const event = only(videosdk.decode(post('https://api.videosdk.live/v2/sessions/end', { roomId: 'abcd-efgh-lmno' }, { requestHeaders: [{ name: 'Authorization', value: token }, { name: 'Content-Type', value: 'application/json' }] })).events)
    expect(event.invalidFields).toEqual([])
  })
})

describe('an unreadable file or body is described on one line, its bytes escaped', () => {
  // JSON.parse quotes the text it failed on, raw: a newline split the CLI's one-line reason, an ESC reached the terminal.
  it('the importer and lintHar', () => {
    expect(() => fromHar('\n\u0000')).toThrow(new HarError('not valid JSON (Unexpected token \'\\u0000\', "\\u000a\\u0000" is not valid JSON)'))
    expect(() => lintHar(new Uint8Array([0x1b, 0x5b, 0x32, 0x4a, 10]))).toThrow(LintError)
    try {
      lintHar(new Uint8Array([0x1b, 0x5b, 0x32, 0x4a, 10]))
    } catch (error) {
      // eslint-disable-next-line no-control-regex -- control characters are what it looks for
      expect((error as Error).message).not.toMatch(/[\u0000-\u001f]/)
    }
  })

  it('a body an adapter cannot parse', () => {
    const parsed = parseJsonBody({ text: '\u001b[2J\n{' })
    expect(parsed.ok).toBe(false)
    // eslint-disable-next-line no-control-regex -- control characters are what it looks for
    expect(!parsed.ok && parsed.reason).not.toMatch(/[\u0000-\u001f]/)
    expect(!parsed.ok && parsed.reason).toContain('\\u001b')
  })

  it('the CLI exits 2 with one line', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sessionscope-')), 'bytes.har')
    writeFileSync(file, new Uint8Array([10, 0]))
    const run = await runInProcess(['lint', file])
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/^sessionscope: [^\n]+: not valid JSON \([^\n]+\)\n$/)
  })
})

describe('a malformed percent-encoding in a Media Collection URL', () => {
  // decodeURIComponent threw from matchesUrl, which decodeCapture does not guard: lintHar failed with a URIError.
  const url = 'https://x.hb-api.omtrdc.net/api/v1/sessions/%E0%A4%A/events'

  it('is matched and decoded with the session ID as sent', () => {
    expect(adobeMediaCollection.matchesUrl(new URL(url))).toBe(true)
    const event = only(adobeMediaCollection.decode(post(url, { eventType: 'play', playerTime: { playhead: 1, ts: T } })).events)
    expect(event.sessionId).toBe('%E0%A4%A')
  })

  it('in a Location header names the session as sent', () => {
    const response = { status: 201, headers: [{ name: 'Location', value: '/api/v1/sessions/%E0%A4%A' }], body: null }
    const start = only(adobeMediaCollection.decode(post('https://x.hb-api.omtrdc.net/api/v1/sessions', { eventType: 'sessionStart', playerTime: { playhead: 0, ts: T }, params: {} }, { response })).events)
    expect(start.start).toEqual({ kind: 'issued', sessionId: '%E0%A4%A' })
  })

  it('lints as a HAR', () => {
    const har = { log: { entries: [{ startedDateTime: new Date(T).toISOString(), request: { method: 'POST', url, postData: { text: '{"eventType":"play","playerTime":{"playhead":1,"ts":1}}' } }, response: { status: 204 } }] } }
    expect(lintHar(har).summary.events).toBe(1)
  })
})

describe('quoted page text in a reason carries no line separator or C1 control', () => {
  it('GameSparks frames and REST bodies that are not JSON', () => {
    const capture: CapturedRequest = { seq: 0, url: 'wss://preview-k.ws.gamesparks.net/ws/device/k', method: 'GET', requestHeaders: [], requestBody: null, response: null, observedAt: T, tabId: null, frameId: null,
      frames: [{ direction: 'send', time: T, opcode: 1, data: 'x\u2028\u0085y' }] }
    const [problem] = gamesparks.decode(capture).problems
    expect(problem!.reason).toBe('a sent frame is not JSON ("x\\u2028\\u0085y")')
  })
})

describe('the importer ignores times too large to be real', () => {
  it('a WebSocket frame time that overflows as milliseconds', () => {
    const { captures, observedUntil } = fromHar({ log: { entries: [{ startedDateTime: new Date(T).toISOString(), time: 5, request: { url: 'wss://x/ws/k' },
      _webSocketMessages: [{ type: 'send', time: 1e306, opcode: 1, data: '{}' }, { type: 'send', time: T / 1000, opcode: 1, data: '{}' }] }] } })
    expect(captures[0]!.frames!.map((frame) => frame.time)).toEqual([0, T])
    expect(observedUntil).toBe(T + 5)
  })
})
