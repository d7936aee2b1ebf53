import { describe, expect, it } from 'vitest'
import { adobeMediaEdge, startOutcome } from '../../../src/protocols/adobe-media-edge'
import type { CapturedRequest } from '../../../src/protocols/captured-request'
import { adapterForUrl, decodeCapture } from '../../../src/protocols'

const T = Date.parse('2026-01-15T02:00:00.000Z')

function capture(url: string, body: unknown, response: CapturedRequest['response'] = null): CapturedRequest {
  return {
    seq: 3, url, method: 'POST', requestHeaders: [], observedAt: T, tabId: null, frameId: null, response,
    requestBody: body === null ? null : { text: typeof body === 'string' ? body : JSON.stringify(body) },
  }
}

const xdm = (eventType: string, mediaCollection: Record<string, unknown>, timestamp = '2026-01-15T02:00:01.000Z') => ({ events: [{ xdm: { eventType, timestamp, mediaCollection } }] })
const details = { name: 'v', playerName: 'p', contentType: 'VOD', length: 60, channel: 'c' }
const ok = (text: unknown, status = 200): CapturedRequest['response'] => ({ status, headers: [], body: { text: JSON.stringify(text) } })

describe('URL matching (by path, so CNAME edge domains and 127.0.0.1 work)', () => {
  it.each([
    'https://edge.adobedc.net/ee/va/v1/play?configId=x',
    'https://data.example.com/ee/or2/va/v1/sessionStart?configId=x',
    'http://127.0.0.1:8080/ee/va/v1/ping',
    'https://metrics.example.org/custom-base/va/v1/sessionEnd',
    'https://edge.adobedc.net/ee/v1/interact?configId=x',
    'https://edge.adobedc.net/ee/irl1/v1/collect?configId=x',
  ])('claims %s', (url) => {
    expect(adapterForUrl(url)?.id).toBe('adobe-media-edge')
  })
  it.each([
    'https://example.com/api/va/v1/whatever',
    'https://example.com/ee/v1/interact',
    'https://example.com/v1/interact?configId=x',
    'https://example.com/ee/va/v2/play?configId=x',
    'not a url',
  ])('leaves %s alone', (url) => {
    expect(adapterForUrl(url)).toBeUndefined()
  })
})

describe('decoding', () => {
  it('reads a /va/ event with its session ID, playhead, timestamps and URL action', () => {
    const { events, problems } = adobeMediaEdge.decode(capture('https://e/ee/or2/va/v1/play?configId=x', xdm('media.play', { sessionID: 'S1', playhead: 12 })))
    expect(problems).toEqual([])
    expect(events).toMatchObject([{
      protocol: 'adobe-media-edge', type: 'play', role: 'event', sessionId: 'S1', playhead: 12, urlAction: 'play',
      clientTime: T + 1000, observedAt: T, origin: { capture: 3, ordinal: 0, frame: null }, missingFields: [],
    }])
  })

  it('reads a Web SDK sessionStart inside /v1/interact and ignores the other events of the batch', () => {
    const body = { events: [{ xdm: { eventType: 'web.webpagedetails.pageViews' } }, xdm('media.sessionStart', { playhead: 0, sessionDetails: details }).events[0]] }
    const handle = { handle: [{ type: 'media-analytics:new-session', payload: [{ sessionId: 'NEW' }], eventIndex: 1 }] }
    const { events } = decodeCapture(capture('https://e/ee/v1/interact?configId=x', body, ok(handle)))
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ type: 'sessionStart', role: 'start', sessionId: null, start: { kind: 'issued', sessionId: 'NEW' }, summary: { name: 'v', contentType: 'VOD', length: 60 } })
    expect(events[0]!.urlAction).toBeUndefined()
  })

  it('says nothing about a Web SDK call without media events', () => {
    expect(decodeCapture(capture('https://e/ee/v1/interact?configId=x', { events: [{ xdm: { eventType: 'web.webpagedetails.pageViews' } }] }))).toEqual({ events: [], problems: [] })
    expect(decodeCapture(capture('https://e/ee/v1/interact?configId=x', 'not json'))).toEqual({ events: [], problems: [] })
  })

  it('lists the fields the OpenAPI requires but the event lacks', () => {
    const start = adobeMediaEdge.decode(capture('https://e/ee/va/v1/sessionStart', { events: [{ xdm: { eventType: 'media.sessionStart', mediaCollection: { sessionDetails: { name: 'v' } } } }] }))
    expect(start.events[0]!.missingFields).toEqual([
      'mediaCollection.playhead', 'mediaCollection.sessionDetails.playerName', 'mediaCollection.sessionDetails.contentType',
      'mediaCollection.sessionDetails.length', 'mediaCollection.sessionDetails.channel',
    ])
    // The docs' own sessionStart examples omit the timestamp the schema requires.
    expect(start.events[0]!.missingDocumentedOptional).toEqual(['timestamp'])
    const ad = adobeMediaEdge.decode(capture('https://e/ee/va/v1/adStart', { events: [{ xdm: { eventType: 'media.adStart', mediaCollection: { playhead: 1 } } }] }))
    expect(ad.events[0]!.missingFields).toEqual([
      'mediaCollection.advertisingDetails', 'mediaCollection.advertisingDetails.name', 'mediaCollection.advertisingDetails.length',
      'mediaCollection.advertisingDetails.playerName', 'mediaCollection.advertisingDetails.podPosition', 'mediaCollection.sessionID', 'timestamp',
    ])
  })

  it('takes the event type from the body and keeps the URL action apart', () => {
    const [event] = adobeMediaEdge.decode(capture('https://e/ee/va/v1/play', xdm('media.ping', { sessionID: 'S', playhead: 1 }))).events
    expect(event).toMatchObject({ type: 'ping', urlAction: 'play' })
  })

  it('turns broken bodies into problems, never throws', () => {
    const broken = adobeMediaEdge.decode(capture('https://e/ee/va/v1/play', '{"events": ['))
    expect(broken.problems).toMatchObject([{ kind: 'malformed', capture: 3, reason: expect.stringContaining('not valid JSON') }])
    expect(adobeMediaEdge.decode(capture('https://e/ee/va/v1/play', { events: 'x' })).problems[0]!.reason).toMatch(/no `events` array/)
    expect(adobeMediaEdge.decode(capture('https://e/ee/va/v1/play', { events: [] })).problems[0]!.reason).toMatch(/empty/)
    expect(adobeMediaEdge.decode(capture('https://e/ee/va/v1/play', null)).problems).toMatchObject([{ kind: 'not-visible' }])
    const truncated = adobeMediaEdge.decode({ ...capture('https://e/ee/va/v1/play', '{"events":[{"xd'), requestBody: { text: '{"events":[{"xd', truncatedFrom: 5_000_000 } })
    expect(truncated.problems[0]!.reason).toMatch(/truncated/)
  })

  it('survives hostile shapes: prototype keys, wrong types, nulls', () => {
    const hostile = '{"events":[{"xdm":{"__proto__":{"polluted":1},"eventType":"media.play","mediaCollection":{"sessionID":{"toString":"x"},"playhead":"12","constructor":{}}}}, null, 7, {"xdm":[]}]}'
    const { events, problems } = adobeMediaEdge.decode(capture('https://e/ee/va/v1/play', hostile))
    expect(problems).toEqual([])
    expect(events).toHaveLength(4)
    expect(events[0]).toMatchObject({ type: 'play', sessionId: null, playhead: null })
    expect(events[1]).toMatchObject({ type: 'play', missingFields: ['xdm'] })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('decodes base64 bodies as UTF-8', () => {
    const text = JSON.stringify(xdm('media.play', { sessionID: 'S', playhead: 1, custom: 'Grüße' }))
    const base64 = btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    const [event] = adobeMediaEdge.decode({ ...capture('https://e/ee/va/v1/play', null), requestBody: { text: base64, encoding: 'base64' } }).events
    expect(event).toMatchObject({ sessionId: 'S' })
  })
})

describe('the sessionStart answer', () => {
  it('is issued by the media-analytics:new-session handle', () => {
    expect(startOutcome(ok({ handle: [{ type: 'locationHint:result', payload: [] }, { type: 'media-analytics:new-session', payload: [{ sessionId: 'A' }], eventIndex: 0 }] }), 0)).toEqual({ kind: 'issued', sessionId: 'A' })
  })
  it('is rejected by a 207 with errors and no handle, with the reasons', () => {
    const body = { handle: [], errors: [{ title: 'Invalid request', report: { details: [{ name: '$.xdm.mediaCollection.sessionDetails.name', reason: 'Missing required field' }] } }] }
    const outcome = startOutcome(ok(body, 207), 0)
    expect(outcome).toEqual({ kind: 'rejected', status: 207, reason: 'HTTP 207: Invalid request ($.xdm.mediaCollection.sessionDetails.name: Missing required field)' })
  })
  it('is rejected when the datastream has no Media Analytics (200 without the handle)', () => {
    expect(startOutcome(ok({ handle: [] }), 0)).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('Media Analytics enabled') })
  })
  it('is rejected by an error status even when the body was not seen, and by a failed request', () => {
    expect(startOutcome({ status: 400, headers: [], body: null }, 0)).toEqual({ kind: 'rejected', status: 400, reason: 'HTTP 400' })
    expect(startOutcome({ status: 0, headers: [], body: null }, 0)).toMatchObject({ kind: 'rejected', status: null })
  })
  it('is unknown when no response or no response body was captured', () => {
    expect(startOutcome(null, 0)).toEqual({ kind: 'not-visible' })
    expect(startOutcome({ status: 200, headers: [], body: null }, 0)).toEqual({ kind: 'not-visible' })
  })
  it('matches the handle to the event index in a batch', () => {
    const body = { handle: [{ type: 'media-analytics:new-session', payload: [{ sessionId: 'SECOND' }], eventIndex: 1 }] }
    expect(startOutcome(ok(body), 0)).toMatchObject({ kind: 'rejected' })
    expect(startOutcome(ok(body), 1)).toEqual({ kind: 'issued', sessionId: 'SECOND' })
  })
})

/** An answer as Edge streams it to clients that ask for streaming (the mobile SDKs): one record per chunk. */
const streamed = (records: unknown[], status = 200, encoding?: 'base64'): CapturedRequest['response'] => {
  const text = records.map((record) => `\u0000${JSON.stringify(record)}\n`).join('')
  return { status, headers: [], body: encoding ? { text: Buffer.from(text).toString('base64'), encoding } : { text } }
}

describe('streamed Edge answers (records framed by NUL and a line feed)', () => {
  const requestId = 'd81c93e5-7558-4996-a93c-489d550748b8'
  it('finds the session ID in whichever record carries it, also when the proxy saved the body as base64', () => {
    const records = [
      { requestId, handle: [{ type: 'state:store', payload: [{ key: 'kndctr_ABC_AdobeOrg_cluster', value: 'or2' }] }] },
      { requestId, handle: [{ type: 'locationHint:result', payload: [{ scope: 'EdgeNetwork', hint: 'or2', ttlSeconds: 1800 }] }] },
      { requestId, handle: [{ type: 'media-analytics:new-session', payload: [{ sessionId: 'STREAMED' }], eventIndex: 0 }] },
    ]
    expect(startOutcome(streamed(records), 0)).toEqual({ kind: 'issued', sessionId: 'STREAMED' })
    expect(startOutcome(streamed(records, 200, 'base64'), 0)).toEqual({ kind: 'issued', sessionId: 'STREAMED' })
  })
  it('reads a refusal carried by an errors record of a 200 answer', () => {
    const error = { type: 'https://ns.adobe.com/aep/errors/va-edge-0404-404', status: 404, title: 'Not Found', report: { details: 'Error processing request.' } }
    expect(startOutcome(streamed([{ requestId, handle: [] }, { requestId, errors: [error] }]), 0)).toEqual({
      kind: 'rejected', status: 200, reason: 'HTTP 200: Not Found (Error processing request.)',
    })
    const [ping] = adobeMediaEdge.decode(capture('https://e/ee/or2/va/v1/ping', xdm('media.ping', { sessionID: 'S', playhead: 5 }), streamed([{ requestId, errors: [error] }]))).events
    expect(ping!.vendorRejection).toEqual({ status: 404, reason: 'HTTP 200: Not Found (Error processing request.)' })
  })
  it('keeps the records that parse when one is cut off, and refuses a body of no readable record', () => {
    const response = streamed([{ handle: [{ type: 'media-analytics:new-session', payload: [{ sessionId: 'KEPT' }], eventIndex: 0 }] }])!
    const cut = { ...response, body: { text: `${response.body!.text}\u0000{"handle":[{"ty` } }
    expect(startOutcome(cut, 0)).toEqual({ kind: 'issued', sessionId: 'KEPT' })
    expect(startOutcome({ status: 200, headers: [], body: { text: '\u0000{"a\n\u0000{"b\n' } }, 0)).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('could not be read') })
  })
  it('does not take a broken pretty-printed document for a stream', () => {
    expect(startOutcome({ status: 200, headers: [], body: { text: '{\n  "handle": [\n {}\n' } }, 0)).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('not valid JSON') })
  })
})

describe('event names that are also Object.prototype members', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('decodes media.%s as an unknown event without throwing', (name) => {
    const { events, problems } = adobeMediaEdge.decode(capture('https://e/ee/va/v1/play', xdm(`media.${name}`, { sessionID: 'S', playhead: 1 })))
    expect(problems).toEqual([])
    expect(events[0]).toMatchObject({ type: name, typeKnown: false, role: 'event' })
  })
})

describe('CORS preflights', () => {
  it('are never tracking requests, whatever their URL', () => {
    const preflight = { ...capture('https://e/ee/va/v1/play?configId=x', null), method: 'OPTIONS', requestHeaders: [{ name: 'Access-Control-Request-Method', value: 'POST' }] }
    expect(decodeCapture(preflight)).toEqual({ events: [], problems: [] })
  })
})
