import { describe, expect, it } from 'vitest'
import { adapterForUrl, decodeCapture } from '../../../src/protocols'
import { adobeMediaCollection, startOutcome } from '../../../src/protocols/adobe-media-collection'
import type { CapturedRequest } from '../../../src/protocols/captured-request'

const HOST = 'https://example.hb-api.omtrdc.net'
const T = Date.parse('2026-02-03T10:00:00.000Z')

function capture(path: string, body: unknown, response: CapturedRequest['response'] = null, host = HOST): CapturedRequest {
  return {
    seq: 7, url: `${host}${path}`, method: 'POST', requestHeaders: [], observedAt: T, tabId: null, frameId: null, response,
    requestBody: body === null ? null : { text: typeof body === 'string' ? body : JSON.stringify(body) },
  }
}

const START_PARAMS = {
  'analytics.trackingServer': 't', 'analytics.reportSuite': 'r', 'visitor.marketingCloudOrgId': 'o', 'media.id': 'id',
  'media.length': 60.33, 'media.contentType': 'VOD', 'media.playerName': 'p', 'media.channel': 'c', 'media.name': 'Show',
}
const created = (sid: string): CapturedRequest['response'] => ({ status: 201, headers: [{ name: 'Location', value: `/api/v1/sessions/${sid}` }], body: { text: '' } })

describe('URL matching', () => {
  it.each([`${HOST}/api/v1/sessions`, `${HOST}/api/v1/sessions/abc/events`, `${HOST}/api/v1/downloaded`, 'http://127.0.0.1:9/proxy/api/v1/sessions'])('claims %s', (url) => {
    expect(adapterForUrl(url)?.id).toBe('adobe-media-collection')
  })
  it.each([`${HOST}/api/v1/schemas/ping`, `${HOST}/api/v1/sessions/abc`, 'https://example.com/api/v2/users'])('leaves %s alone', (url) => {
    expect(adapterForUrl(url)).toBeUndefined()
  })
})

describe('decoding', () => {
  it('starts a session on /sessions and takes the ID from the Location header', () => {
    const body = { playerTime: { playhead: 0, ts: T }, eventType: 'sessionStart', params: START_PARAMS, customMetadata: { show: 'x' } }
    const [event] = decodeCapture(capture('/api/v1/sessions', body, created('SID-1'))).events
    expect(event).toMatchObject({
      protocol: 'adobe-media-collection', type: 'sessionStart', role: 'start', idIssuer: 'server', sessionId: null,
      start: { kind: 'issued', sessionId: 'SID-1' }, playhead: 0, clientTime: T, missingFields: [], invalidFields: [],
      summary: { name: 'Show', contentType: 'VOD', length: 60.33, playerName: 'p', channel: 'c' }, customMetadata: [{ key: 'show', value: 'x' }],
    })
  })

  it('reads an event with the session ID from its URL', () => {
    const body = { playerTime: { playhead: 21, ts: T + 46_000 }, eventType: 'adBreakStart', params: { 'media.ad.podIndex': 1, 'media.ad.podSecond': 21, 'media.ad.podFriendlyName': 'mid' } }
    const [event] = decodeCapture(capture('/api/v1/sessions/SID-1/events', body, { status: 204, headers: [], body: { text: '' } })).events
    expect(event).toMatchObject({ type: 'adBreakStart', sessionId: 'SID-1', playhead: 21, adBreak: { index: 1, offset: 21, name: 'mid' }, missingFields: [] })
    expect(event!.vendorRejection).toBeUndefined()
  })

  it('lists missing required params per event type', () => {
    const [start] = decodeCapture(capture('/api/v1/sessions', { playerTime: { playhead: 0 }, eventType: 'sessionStart', params: { 'media.id': 'x' } })).events
    expect(start!.missingFields).toEqual([
      'playerTime.ts', 'params["analytics.trackingServer"]', 'params["analytics.reportSuite"]', 'params["visitor.marketingCloudOrgId"]',
      'params["media.length"]', 'params["media.contentType"]', 'params["media.playerName"]', 'params["media.channel"]',
    ])
    const [ad] = decodeCapture(capture('/api/v1/sessions/S/events', { playerTime: { playhead: 0, ts: T }, eventType: 'adStart' })).events
    expect(ad!.missingFields).toEqual(['params'])
  })

  it('reports wrong types, extra keys and downloaded flags', () => {
    const body = {
      playerTime: { playhead: 0, ts: 1.5, extra: 1 }, eventType: 'sessionStart', qoeData: { 'media.qoe.bitrate': 'fast', 'media.qoe.nope': 1 },
      params: { ...START_PARAMS, 'analytics.enableSSL': 'false', 'media.length': '60', 'media.downloaded': true },
    }
    const [event] = decodeCapture(capture('/api/v1/sessions', body)).events
    expect(event!.invalidFields.map((issue) => [issue.path, issue.severity])).toEqual([
      ['playerTime.ts', 'error'], ['playerTime.extra', 'error'], ['qoeData["media.qoe.bitrate"]', 'error'], ['qoeData["media.qoe.nope"]', 'error'],
      ['params["analytics.enableSSL"]', 'error'], ['params["media.length"]', 'error'], ['params["media.downloaded"]', 'error'],
    ])
  })

  it('knows the enum, including the single-state events, and flags others', () => {
    const types = ['pauseStart', 'stateStart', 'pause', 'bufferComplete', 'seekStart'].map(
      (eventType) => decodeCapture(capture('/api/v1/sessions/S/events', { playerTime: { playhead: 0, ts: T }, eventType })).events[0]!.typeKnown,
    )
    expect(types).toEqual([true, true, false, false, false])
  })

  it('reads player states both documented ways', () => {
    const single = decodeCapture(capture('/api/v1/sessions/S/events', { playerTime: { playhead: 0, ts: T }, eventType: 'stateStart', params: { 'media.state.name': 'fullscreen' } })).events[0]
    const update = decodeCapture(capture('/api/v1/sessions/S/events', { playerTime: { playhead: 0, ts: T }, eventType: 'statesUpdate', params: { statesStart: [{ 'media.state.name': 'mute' }], statesEnd: [{ 'media.state.name': 'pictureInPicture' }] } })).events[0]
    expect(single!.states).toEqual({ start: ['fullscreen'], end: [] })
    expect(update!.states).toEqual({ start: ['mute'], end: ['pictureInPicture'] })
  })

  it('marks a sessionStart posted to /events and another event posted to /sessions as endpoint mismatches', () => {
    const toEvents = decodeCapture(capture('/api/v1/sessions/S/events', { playerTime: { playhead: 0, ts: T }, eventType: 'sessionStart', params: START_PARAMS })).events[0]
    expect(toEvents).toMatchObject({ role: 'event', urlAction: 'events' })
    const toSessions = decodeCapture(capture('/api/v1/sessions', { playerTime: { playhead: 0, ts: T }, eventType: 'play' })).events[0]
    expect(toSessions).toMatchObject({ role: 'event', urlAction: 'sessionStart', sessionId: null })
  })

  it('records the vendor refusing an event, with its meaning', () => {
    const response = { status: 410, headers: [], body: { text: '{"message":"Session closed"}' } }
    const [event] = decodeCapture(capture('/api/v1/sessions/S/events', { playerTime: { playhead: 0, ts: T }, eventType: 'ping' }, response)).events
    expect(event!.vendorRejection).toEqual({ status: 410, reason: 'HTTP 410 (the session is closed: the client can no longer report activity on it): Session closed' })
  })

  it('turns a downloaded array into one batch whose events share a session', () => {
    const body = [
      { playerTime: { playhead: 0, ts: T }, eventType: 'sessionStart', params: { ...START_PARAMS, 'media.downloaded': true } },
      { playerTime: { playhead: 0, ts: T + 5000 }, eventType: 'play' },
    ]
    const { events } = decodeCapture(capture('/api/v1/downloaded', body, { status: 201, headers: [], body: { text: '' } }))
    expect(events.map((e) => [e.type, e.batch, e.origin.ordinal, e.invalidFields.length])).toEqual([
      ['sessionStart', '2026-02-03T10:00:00.000Z#0', 0, 0],
      ['play', '2026-02-03T10:00:00.000Z#0', 1, 0],
    ])
    expect(events[0]!.start).toBeUndefined()
    // The media SDKs post the same array to /sessions itself: the same batch.
    const viaSessions = decodeCapture(capture('/api/v1/sessions', body, { status: 201, headers: [], body: { text: '' } })).events
    expect(viaSessions.map((e) => [e.type, e.batch, e.role])).toEqual([['sessionStart', '2026-02-03T10:00:00.000Z#0', 'start'], ['play', '2026-02-03T10:00:00.000Z#0', 'event']])
    expect(decodeCapture(capture('/api/v1/sessions', [{ id: 1 }], null, 'https://app.example.com'))).toEqual({ events: [], problems: [] })
  })

  it('ignores look-alike paths on other hosts unless the body is of this API, and reports broken bodies on Adobe hosts', () => {
    expect(decodeCapture(capture('/api/v1/sessions', { user: 'x', password: 'y' }, null, 'https://app.example.com'))).toEqual({ events: [], problems: [] })
    expect(decodeCapture(capture('/api/v1/sessions', 'not json', null, 'https://app.example.com'))).toEqual({ events: [], problems: [] })
    expect(decodeCapture(capture('/api/v1/sessions', { playerTime: { playhead: 0, ts: T }, eventType: 'sessionStart', params: START_PARAMS }, null, 'http://127.0.0.1:9')).events).toHaveLength(1)
    expect(adobeMediaCollection.decode(capture('/api/v1/sessions', '{"playerTime":')).problems).toMatchObject([{ kind: 'malformed' }])
    expect(adobeMediaCollection.decode(capture('/api/v1/sessions', null)).problems).toMatchObject([{ kind: 'not-visible' }])
    expect(adobeMediaCollection.decode(capture('/api/v1/downloaded', { eventType: 'x' })).problems).toMatchObject([{ kind: 'malformed' }])
  })
})

describe('the sessions answer', () => {
  it('is issued only by 201 with a Location naming the session', () => {
    expect(startOutcome(created('abc'))).toEqual({ kind: 'issued', sessionId: 'abc' })
    expect(startOutcome({ status: 201, headers: [{ name: 'location', value: 'https://x.hb-api.omtrdc.net/api/v1/sessions/xyz' }], body: null })).toEqual({ kind: 'issued', sessionId: 'xyz' })
  })
  it('is rejected by another status, a 201 without Location, or a Location without a session', () => {
    expect(startOutcome({ status: 400, headers: [], body: { text: '{"message":"Request had improper format."}' } })).toEqual({ kind: 'rejected', status: 400, reason: 'HTTP 400: Request had improper format.' })
    expect(startOutcome({ status: 201, headers: [{ name: 'Content-Length', value: '0' }], body: null })).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('without a Location') })
    expect(startOutcome({ status: 201, headers: [{ name: 'Location', value: '/elsewhere' }], body: null })).toMatchObject({ kind: 'rejected' })
  })
  it('is unknown when no response, or no response headers, were captured', () => {
    expect(startOutcome(null)).toEqual({ kind: 'not-visible' })
    expect(startOutcome({ status: 201, headers: [], body: null })).toEqual({ kind: 'not-visible' })
  })
})

describe('event names that are also Object.prototype members', () => {
  it.each(['constructor', '__proto__', 'valueOf'])('decodes %s as an unknown event without throwing', (eventType) => {
    const { events, problems } = adobeMediaCollection.decode(capture('/api/v1/sessions/S/events', { playerTime: { playhead: 0, ts: T }, eventType }))
    expect(problems).toEqual([])
    expect(events[0]).toMatchObject({ type: eventType, typeKnown: false, role: 'event', missingFields: [] })
  })
})
