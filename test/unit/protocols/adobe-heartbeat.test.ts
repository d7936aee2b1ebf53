import { describe, expect, it } from 'vitest'
import { adobeHeartbeat } from '../../../src/protocols/adobe-heartbeat'
import type { CapturedRequest } from '../../../src/protocols/captured-request'
import { adapterForUrl, decodeCapture } from '../../../src/protocols'
import type { TrackingEvent } from '../../../src/protocols/tracking-event'
import { fromHar } from '../../../src/report/from-har'
import { replay } from '../../../src/session/replay'
import { scenarios } from '../../fixtures/adobe-heartbeat/scenarios'

const T = Date.parse('2026-01-15T02:00:00.000Z')
const HOST = 'https://sample.hb.omtrdc.net/'

/** A complete main-content call; `params` replace or add (undefined removes). */
function query(params: Record<string, string | number | undefined> = {}): string {
  const all: Record<string, string | number | undefined> = {
    's:event:sid': 'SID1', 's:event:type': 'play', 'l:event:playhead': 12, 'l:event:ts': T + 1000, 's:asset:type': 'main',
    's:asset:video_id': 'vid-1', 'l:asset:length': 60, 's:stream:type': 'vod', 's:sp:player_name': 'html5', ...params,
  }
  return Object.entries(all).flatMap(([k, v]) => (v === undefined ? [] : [`${k}=${encodeURIComponent(String(v))}`])).join('&')
}

function capture(url: string, options: Partial<CapturedRequest> = {}): CapturedRequest {
  return { seq: 4, url, method: 'GET', requestHeaders: [], requestBody: null, response: null, observedAt: T, tabId: null, frameId: null, ...options }
}

function decodeOne(params: Record<string, string | number | undefined> = {}, options: Partial<CapturedRequest> = {}): TrackingEvent {
  const { events, problems } = adobeHeartbeat.decode(capture(`${HOST}?${query(params)}`, options))
  expect(problems).toEqual([])
  expect(events).toHaveLength(1)
  return events[0]!
}

describe('URL matching (the legacy host is fixed)', () => {
  it.each([
    `${HOST}?${query()}`,
    'https://nbcume.hb.omtrdc.net/?__job_id=4&s:event:type=start',
    'http://x.hb.omtrdc.net/?s%3Aevent%3Atype=play',
    'https://sample.hb.omtrdc.net/',
    'https://sample.hb.omtrdc.net/?s:event:sid=a',
  ])('claims %s', (url) => {
    expect(adapterForUrl(url)?.id).toBe('adobe-heartbeat')
  })
  it.each([
    `https://sample.hb-api.omtrdc.net/api/v1/sessions?${query()}`,
    `https://example.com/?${query()}`,
    `https://example.com/x.hb.omtrdc.net/?${query()}`,
    'https://sample.hb.omtrdc.net.example.com/?s:event:type=play',
    'https://hb.omtrdc.net/?s:event:type=play',
    'https://sample.hb.omtrdc.net/settings/sample.xml',
    'https://sample.sc.omtrdc.net/b/ss/rsid/1/JS-2.0/s123?pev2=ms_s',
  ])('leaves %s alone', (url) => {
    expect(adapterForUrl(url)?.id).not.toBe('adobe-heartbeat')
  })
  it('wakes the worker for the heartbeat host only', () => {
    expect(adobeHeartbeat.webRequestPatterns).toEqual(['*://*.hb.omtrdc.net/*'])
  })
})

describe('mapping onto the shared vocabulary', () => {
  it.each([
    ['start', 'main', 'sessionStart', 'start'],
    ['start', 'ad', 'adStart', 'event'],
    ['complete', 'main', 'sessionComplete', 'complete'],
    ['complete', 'ad', 'adComplete', 'event'],
    ['end', 'main', 'sessionEnd', 'end'],
    ['play', 'main', 'play', 'event'],
    ['resume', 'main', 'play', 'event'],
    ['play', 'ad', 'play', 'event'],
    ['pause', 'main', 'pauseStart', 'event'],
    ['buffer', 'main', 'bufferStart', 'event'],
    ['bitrate_change', 'main', 'bitrateChange', 'event'],
    ['chapter_start', 'main', 'chapterStart', 'event'],
    ['chapter_complete', 'main', 'chapterComplete', 'event'],
    ['error', 'main', 'error', 'event'],
    ['aa_start', 'main', 'aa_start', 'event'],
    ['aa_ad_start', 'ad', 'aa_ad_start', 'event'],
    ['stall', 'main', 'stall', 'event'],
  ])('%s on asset %s is %s (role %s)', (wire, asset, type, role) => {
    expect(decodeOne({ 's:event:type': wire, 's:asset:type': asset })).toMatchObject({ type, role, typeKnown: true, asset })
  })

  it('reads the common fields of every call', () => {
    expect(decodeOne()).toEqual({
      protocol: 'adobe-heartbeat',
      origin: { capture: 4, ordinal: 0, frame: null },
      type: 'play',
      typeKnown: true,
      role: 'event',
      idIssuer: 'client',
      sessionId: 'SID1',
      playhead: 12,
      clientTime: T + 1000,
      observedAt: T,
      missingFields: [],
      invalidFields: [],
      asset: 'main',
      details: {
        's:event:sid': 'SID1', 's:event:type': 'play', 'l:event:playhead': '12', 'l:event:ts': String(T + 1000), 's:asset:type': 'main',
        's:asset:video_id': 'vid-1', 'l:asset:length': '60', 's:stream:type': 'vod', 's:sp:player_name': 'html5',
      },
    })
  })

  it('issues the client-made session ID with the main start, and summarizes the content', () => {
    const start = decodeOne({ 's:event:type': 'start', 's:asset:name': 'Town Hall', 's:sp:channel': 'web' }, { response: { status: 200, headers: [], body: { text: '' } } })
    expect(start).toMatchObject({
      type: 'sessionStart', role: 'start', start: { kind: 'issued', sessionId: 'SID1' },
      summary: { name: 'Town Hall', contentType: 'vod', length: 60, playerName: 'html5', channel: 'web' },
    })
    // Without a name, the video ID names the content.
    expect(decodeOne({ 's:event:type': 'start' }).summary).toMatchObject({ name: 'vid-1' })
  })

  it('opens an implicit ad break with an ad start, with the ad from the ad asset fields', () => {
    // l:asset:length stays the main content's length on ad calls; the ad's own is l:asset:ad_length.
    const ad = decodeOne({ 's:event:type': 'start', 's:asset:type': 'ad', 's:asset:ad_id': 'ad-7', 's:asset:pod_position': 0, 'l:asset:ad_length': 15, 'l:event:playhead': 0 })
    expect(ad).toMatchObject({ type: 'adStart', role: 'event', asset: 'ad', implicitAdBreak: true, ad: { id: 'ad-7', length: 15, podPosition: 0 } })
    expect(ad.start).toBeUndefined()
    expect(ad.summary).toBeUndefined()
  })

  it('reads chapter details on chapter_start', () => {
    const chapter = decodeOne({
      's:event:type': 'chapter_start', 's:stream:chapter_name': 'Intro', 's:stream:chapter_id': 'c1', 'l:stream:chapter_pos': 1,
      'l:stream:chapter_offset': 0, 'l:stream:chapter_length': 20,
    })
    expect(chapter).toMatchObject({ type: 'chapterStart', chapter: { index: 1, offset: 0, length: 20, name: 'Intro' } })
  })

  it('keeps an undefined type by name, as unknown', () => {
    expect(decodeOne({ 's:event:type': 'seek_start' })).toMatchObject({ type: 'seek_start', typeKnown: false, role: 'event' })
    // Names the session machine acts on are marked, so an ignored call cannot open a break or end the session.
    expect(decodeOne({ 's:event:type': 'adBreakStart' })).toMatchObject({ type: 'hb:adBreakStart', typeKnown: false, role: 'event' })
    expect(decodeOne({ 's:event:type': 'sessionEnd' })).toMatchObject({ type: 'hb:sessionEnd', typeKnown: false, role: 'event' })
    expect(decodeOne({ 's:event:type': 'constructor' })).toMatchObject({ type: 'constructor', typeKnown: false, role: 'event' })
  })

  it('reports a refused or failed call', () => {
    expect(decodeOne({}, { response: { status: 404, headers: [], body: null } }).vendorRejection).toEqual({ status: 404, reason: 'HTTP 404' })
    expect(decodeOne({ 's:event:type': 'start' }, { response: { status: 0, headers: [], body: null } }).start).toMatchObject({ kind: 'rejected', status: null })
    expect(decodeOne({ 's:event:type': 'start' }, { response: { status: 400, headers: [], body: null } }).start).toEqual({ kind: 'rejected', status: 400, reason: 'HTTP 400' })
    expect(decodeOne({ 's:event:type': 'start' }).start).toEqual({ kind: 'issued', sessionId: 'SID1' })
  })
})

describe('missing and invalid fields', () => {
  it('lists each required parameter that is absent or empty', () => {
    const bare = decodeOne({ 's:event:sid': undefined, 's:event:type': undefined, 'l:event:ts': undefined, 'l:event:playhead': undefined, 's:asset:type': undefined })
    expect(bare).toMatchObject({
      type: 'unknown', typeKnown: false, sessionId: null, playhead: null, clientTime: null,
      missingFields: ['s:event:sid', 's:event:type', 'l:event:ts', 'l:event:playhead', 's:asset:type'],
    })
    expect(bare.asset).toBeUndefined()
    expect(decodeOne({ 's:event:type': undefined }).missingFields).toEqual(['s:event:type'])
    expect(decodeOne({ 's:event:sid': '', 'l:event:ts': '' })).toMatchObject({ sessionId: null, clientTime: null, missingFields: ['s:event:sid', 'l:event:ts'] })
  })

  it('refuses a main start without a session ID: nothing can be filed under it', () => {
    expect(decodeOne({ 's:event:type': 'start', 's:event:sid': undefined }).start).toMatchObject({ kind: 'rejected', status: null, reason: expect.stringContaining('s:event:sid') })
  })

  it('rejects l: parameters that are not numbers, and timestamps that are not whole milliseconds', () => {
    const event = decodeOne({ 'l:event:playhead': 'abc', 'l:event:ts': '1768442400000.5', 'l:stream:bitrate': '1e999', 'l:event:duration': '10000' })
    expect(event.playhead).toBeNull()
    expect(event.clientTime).toBe(1768442400000.5)
    expect(event.invalidFields).toEqual([
      { path: 'l:event:playhead', problem: 'must be a number, not "abc"', severity: 'error', kind: 'not a number' },
      { path: 'l:event:ts', problem: 'must be an integer, not 1768442400000.5', severity: 'error', kind: 'not an integer' },
      { path: 'l:stream:bitrate', problem: 'must be a number, not "1e999"', severity: 'error', kind: 'not a number' },
    ])
    expect(decodeOne({ 'l:event:prev_ts': -1, 'l:event:playhead': 12.5 }).invalidFields).toEqual([])
  })

  it('rejects an unknown asset type, and notes a stream type outside the documented ones (the server accepts it)', () => {
    const event = decodeOne({ 's:event:type': 'start', 's:asset:type': 'preroll', 's:stream:type': 'VOD Episode' })
    expect(event.invalidFields).toEqual([
      { path: 's:asset:type', problem: 'must be one of "main", "ad", not "preroll"', severity: 'error' },
      { path: 's:stream:type', problem: 'must be one of "live", "vod", "linear", not "VOD Episode"', severity: 'info' },
    ])
    // An unreadable asset type is taken to mean the main content.
    expect(event).toMatchObject({ type: 'sessionStart', role: 'start' })
    expect(event.asset).toBeUndefined()
  })

  it('wants pod positions to be whole numbers from 0', () => {
    const ad = { 's:event:type': 'start', 's:asset:type': 'ad' }
    expect(decodeOne({ ...ad, 's:asset:pod_position': 0 }).invalidFields).toEqual([])
    expect(decodeOne({ ...ad, 's:asset:pod_position': -1 }).invalidFields).toEqual([{ path: 's:asset:pod_position', problem: 'must be at least 0, not -1', severity: 'error', kind: 'below 0' }])
    expect(decodeOne({ ...ad, 's:asset:pod_position': 1.5 }).invalidFields).toEqual([{ path: 's:asset:pod_position', problem: 'must be an integer, not 1.5', severity: 'error', kind: 'not an integer' }])
    expect(decodeOne({ ...ad, 's:asset:pod_position': 'first' }).invalidFields).toEqual([{ path: 's:asset:pod_position', problem: 'must be a number, not "first"', severity: 'error', kind: 'not a number' }])
  })
})

describe('form bodies', () => {
  it('reads the same pairs POSTed as a form body', () => {
    const body = { text: query({ 's:event:type': 'pause' }), mimeType: 'application/x-www-form-urlencoded' }
    const { events, problems } = decodeCapture(capture(HOST, { method: 'POST', requestBody: body }))
    expect(problems).toEqual([])
    expect(events).toMatchObject([{ protocol: 'adobe-heartbeat', type: 'pauseStart', sessionId: 'SID1', playhead: 12, clientTime: T + 1000 }])
  })

  it('reads a base64 form body', () => {
    const requestBody = { text: btoa(query({ 's:event:type': 'end' })), encoding: 'base64' as const }
    expect(adobeHeartbeat.decode(capture(HOST, { method: 'POST', requestBody })).events).toMatchObject([{ type: 'sessionEnd', role: 'end' }])
  })

  it('merges URL and body, the URL first', () => {
    const requestBody = { text: 's:event:type=play&l:event:playhead=3&l:event:ts=5&s:asset:type=main' }
    const [event] = adobeHeartbeat.decode(capture(`${HOST}?s:event:sid=FROM-URL`, { method: 'POST', requestBody })).events
    expect(event).toMatchObject({ sessionId: 'FROM-URL', type: 'play', playhead: 3, missingFields: [] })
  })

  it('says when the body could not be seen or was cut short', () => {
    expect(adobeHeartbeat.decode(capture(HOST, { method: 'POST' })).problems).toMatchObject([{ protocol: 'adobe-heartbeat', kind: 'not-visible', capture: 4 }])
    const truncated = adobeHeartbeat.decode(capture(HOST, { method: 'POST', requestBody: { text: 's:event:ty', truncatedFrom: 9_000_000 } }))
    expect(truncated.problems).toMatchObject([{ kind: 'malformed', reason: expect.stringContaining('truncated') }])
    // The URL alone still carries the call.
    expect(adobeHeartbeat.decode(capture(`${HOST}?${query()}`, { method: 'POST', requestBody: { text: 'x', truncatedFrom: 9_000_000 } })).events).toHaveLength(1)
  })
})

describe('hostile input never throws', () => {
  it('turns a request without heartbeat parameters into a problem, and an empty one into nothing', () => {
    expect(adobeHeartbeat.decode(capture(`${HOST}?%%%&&==&%E0%A4%A&a=b`)).problems).toMatchObject([{ kind: 'malformed', reason: expect.stringContaining('no heartbeat parameters') }])
    expect(adobeHeartbeat.decode(capture(HOST, { method: 'POST', requestBody: { text: '{"events":[]}' } })).problems).toMatchObject([{ kind: 'malformed' }])
    expect(adobeHeartbeat.decode(capture(HOST))).toEqual({ events: [], problems: [] })
    expect(adobeHeartbeat.decode(capture('not a url'))).toEqual({ events: [], problems: [] })
  })

  it('survives garbage values and broken escapes', () => {
    const event = adobeHeartbeat.decode(capture(`${HOST}?s:event:type=%FF%FE&s:event:sid=%&l:event:ts=%20&l:event:playhead=--1&s:asset:type=`)).events[0]!
    expect(event).toMatchObject({ typeKnown: false, sessionId: '%', clientTime: null, playhead: null })
    expect(event.invalidFields.map((issue) => issue.path)).toEqual(['l:event:ts', 'l:event:playhead'])
  })

  it('survives huge values, including a long run of digits', () => {
    const digits = '9'.repeat(200_000)
    const started = performance.now()
    const event = decodeOne({ 'l:event:playhead': `${digits}x`, 's:meta:description': 'x'.repeat(1_000_000), 'l:event:ts': digits })
    expect(performance.now() - started).toBeLessThan(2000)
    expect(event.playhead).toBeNull()
    expect(event.clientTime).toBeNull()
    expect(event.invalidFields.map((issue) => issue.path)).toEqual(['l:event:playhead', 'l:event:ts'])
    expect(event.invalidFields[0]!.problem.length).toBeLessThan(80)
  })

  it('keeps __proto__ and constructor as plain data', () => {
    // Computed keys: a literal `'__proto__': …` would set the prototype instead of adding a parameter.
    const event = decodeOne({ ['__proto__']: 'x', constructor: 'y', 's:meta:__proto__': 'z', 's:event:type': '__proto__' })
    expect(event).toMatchObject({ type: '__proto__', typeKnown: false })
    expect(Object.getPrototypeOf(event.details)).toBe(Object.prototype)
    expect(Object.hasOwn(event.details as object, '__proto__')).toBe(true)
    expect(({} as Record<string, unknown>).x).toBeUndefined()
  })

  it('uses the first of duplicated parameters and warns when they disagree', () => {
    const event = adobeHeartbeat.decode(capture(`${HOST}?${query()}&s:event:sid=OTHER&s:event:type=play&l:event:playhead=99`)).events[0]!
    expect(event).toMatchObject({ sessionId: 'SID1', playhead: 12 })
    expect(event.invalidFields).toEqual([
      { path: 's:event:sid', problem: 'was sent more than once with different values; the first one is used', severity: 'warning' },
      { path: 'l:event:playhead', problem: 'was sent more than once with different values; the first one is used', severity: 'warning' },
    ])
  })
})

describe('through the session machine', () => {
  const lint = (name: string) => {
    const har = fromHar(scenarios.find((scenario) => scenario.name === name)!.har)
    return replay(har.captures, undefined, har.observedUntil)
  }

  it('a legacy VOD session starts, completes and ends under its client-made ID', () => {
    const verdict = lint('vod-no-ads')
    expect(verdict.sessions).toMatchObject([{ key: 'adobe-heartbeat:1768442400000843215977', idSource: 'client', state: 'ended', playhead: 60, events: 14 }])
    expect(verdict.findings).toEqual([])
  })

  it('a pre-roll pod opens an ad break that main content closes; ad playheads leave the main playhead alone', () => {
    const verdict = lint('vod-preroll')
    const states = verdict.events.map(({ event }) => event.type)
    expect(states.filter((type) => type === 'adStart')).toHaveLength(2)
    expect(verdict.sessions).toMatchObject([{ state: 'ended', adBreak: null, ad: null, playhead: 60 }])
    expect(verdict.findings).toEqual([])
  })
})
