import { describe, expect, it } from 'vitest'
import { fromHar, HarError, openHar } from '../../../src/report/from-har'
import type { CapturedRequest } from '../../../src/protocols/captured-request'

const entry = (overrides: Record<string, unknown> = {}) => ({
  startedDateTime: '2026-01-15T02:00:00.000Z',
  time: 50,
  request: { method: 'post', url: 'https://e/ee/va/v1/play', headers: [{ name: 'Content-Type', value: 'application/json' }], postData: { mimeType: 'application/json', text: '{"events":[]}' } },
  response: { status: 204, statusText: 'No Content', headers: [], content: { size: 0, mimeType: 'x-unknown' } },
  ...overrides,
})
const har = (entries: unknown[], log: Record<string, unknown> = {}) => JSON.stringify({ log: { version: '1.2', creator: { name: 't', version: '1' }, entries, ...log } })

describe('openHar', () => {
  it('reads a parsed document without changing it, and to the same captures as its text', () => {
    const text = har([entry(), null, entry({ startedDateTime: '2026-01-15T02:00:10.000Z' })])
    const document = JSON.parse(text) as { log: { entries: unknown[] } }
    const fromObject: CapturedRequest[] = []
    const fromText: CapturedRequest[] = []
    const untilObject = openHar(document).read((capture) => fromObject.push(capture))
    const untilText = openHar(text).read((capture) => fromText.push(capture))
    // A caller's own object is theirs: reading it must not empty the entries the reader lets go of.
    expect(document).toEqual(JSON.parse(text))
    expect(fromObject.map((c) => c.seq)).toEqual([0, 2])
    expect(fromText).toEqual(fromObject)
    expect(untilText).toBe(untilObject)
    expect(untilText).toBe(Date.parse('2026-01-15T02:00:10.050Z'))
  })

  it('is read once: a second read would find the entries already let go', () => {
    const reader = openHar(har([entry()]))
    reader.read(() => {})
    expect(() => reader.read(() => {})).toThrow(/read once/)
  })
})

describe('fromHar', () => {
  it('maps entries to captures with their entry index as seq', () => {
    const { captures, observedUntil } = fromHar(har([entry(), entry({ startedDateTime: '2026-01-15T02:00:10.000Z' })]))
    expect(captures).toHaveLength(2)
    expect(captures[1]).toMatchObject({
      seq: 1, method: 'POST', url: 'https://e/ee/va/v1/play', observedAt: Date.parse('2026-01-15T02:00:10.000Z'),
      requestHeaders: [{ name: 'Content-Type', value: 'application/json' }], requestBody: { text: '{"events":[]}', mimeType: 'application/json' },
      response: { status: 204, body: { text: '' } }, tabId: null, frameId: null,
    })
    expect(observedUntil).toBe(Date.parse('2026-01-15T02:00:10.050Z'))
  })

  it('keeps entry indices when some entries are unusable', () => {
    const { captures } = fromHar(har([null, { request: {} }, entry()]))
    expect(captures.map((c) => c.seq)).toEqual([2])
  })

  it('tells a body that was not saved from an empty one', () => {
    const notSaved = entry({ response: { status: 200, headers: [], content: { size: 120, mimeType: 'application/json' } } })
    const saved = entry({ response: { status: 200, headers: [], content: { size: 2, mimeType: 'application/json', text: '{}' } } })
    const base64 = entry({ response: { status: 200, headers: [], content: { size: 2, mimeType: 'application/json', text: 'e30=', encoding: 'base64' } } })
    const { captures } = fromHar(har([notSaved, saved, base64]))
    expect(captures.map((c) => c.response?.body)).toEqual([null, { text: '{}', mimeType: 'application/json' }, { text: 'e30=', encoding: 'base64', mimeType: 'application/json' }])
  })

  it('reads form posts given as params, and missing request bodies', () => {
    const form = entry({ request: { method: 'POST', url: 'https://x/', postData: { mimeType: 'application/x-www-form-urlencoded', params: [{ name: 'a', value: '1 2' }, { name: 'b', value: 'x&y' }] } } })
    const noBody = entry({ request: { method: 'GET', url: 'https://x/' } })
    const { captures } = fromHar(har([form, noBody]))
    expect(captures[0]!.requestBody?.text).toBe('a=1+2&b=x%26y')
    expect(captures[1]!.requestBody).toBeNull()
  })

  it("reads Chrome's WebSocket frames in ms", () => {
    const socket = entry({ _webSocketMessages: [{ type: 'receive', time: 1768442400.5, opcode: 1, data: '{"a":1}' }, { type: 'send', time: 1768442401, opcode: 1, data: ' ' }, { type: 'weird' }] })
    const { captures } = fromHar(har([socket]))
    // The unreadable message keeps its place, so frame indices match `_webSocketMessages`.
    expect(captures[0]!.frames).toEqual([
      { direction: 'receive', time: 1768442400500, opcode: 1, data: '{"a":1}' },
      { direction: 'send', time: 1768442401000, opcode: 1, data: ' ' },
      { direction: 'receive', time: 1768442401000, opcode: 1, data: '' },
    ])
  })

  it('extends the observed span to the moment Sessionscope exported the capture', () => {
    const { observedUntil } = fromHar(har([entry()], { _sessionscope: { observedUntil: '2026-01-15T03:00:00.000Z' } }))
    expect(observedUntil).toBe(Date.parse('2026-01-15T03:00:00.000Z'))
  })

  it('keeps file order for entries without a readable time', () => {
    const { captures } = fromHar(har([entry(), entry({ startedDateTime: 'yesterday' })]))
    expect(captures[1]!.observedAt).toBe(captures[0]!.observedAt)
  })

  it('reads the start times other tools write: local offsets, microseconds, no fraction', () => {
    const times = ['2026-01-15T03:00:04.123+01:00', '2026-01-14T21:00:04.123-05:00', '2026-01-15T02:00:04.123456+00:00', '2026-01-15T07:30:04+05:30']
    const { captures } = fromHar(har(times.map((startedDateTime) => entry({ startedDateTime }))))
    expect(captures.map((c) => c.observedAt)).toEqual([4123, 4123, 4123, 4000].map((ms) => Date.parse('2026-01-15T02:00:00.000Z') + ms))
  })

  it("reads Charles' base64 JSON bodies, null statusText and mimeType, and HTTP/2 pseudo-headers", () => {
    const charles = entry({
      request: { method: 'POST', url: 'https://x.hb-api.omtrdc.net/api/v1/sessions', headers: [{ name: ':method', value: 'POST' }, { name: ':authority', value: 'x.hb-api.omtrdc.net' }], postData: { mimeType: 'application/json', text: '{}' } },
      response: {
        _charlesStatus: 'COMPLETE', status: 201, statusText: null, httpVersion: 'HTTP/2.0', redirectURL: null,
        headers: [{ name: ':status', value: '201' }, { name: 'location', value: '/api/v1/sessions/abc' }], content: { size: 2, mimeType: null, text: 'e30=', encoding: 'base64' },
      },
    })
    const [capture] = fromHar(har([charles])).captures
    expect(capture!.requestHeaders).toContainEqual({ name: ':authority', value: 'x.hb-api.omtrdc.net' })
    expect(capture!.response).toEqual({ status: 201, headers: [{ name: ':status', value: '201' }, { name: 'location', value: '/api/v1/sessions/abc' }], body: { text: 'e30=', encoding: 'base64' } })
  })

  it("reads Playwright's status -1: failed before any response with _failureText, still running without", () => {
    const placeholder = { status: -1, statusText: '', httpVersion: 'HTTP/1.1', cookies: [], headers: [], content: { size: -1, mimeType: 'x-unknown' }, headersSize: -1, bodySize: -1, redirectURL: '', _transferSize: -1 }
    const failed = entry({ time: -1, response: { ...placeholder, _failureText: 'net::ERR_CONNECTION_RESET' } })
    const running = entry({ time: -1, response: placeholder })
    const { captures } = fromHar(har([failed, running]))
    expect(captures.map((c) => c.response)).toEqual([{ status: 0, headers: [], body: null }, null])
  })

  it('tells a request body a tool did not save from an empty one (Playwright recordHar attach and omit modes)', () => {
    const request = (postData: Record<string, unknown>, bodySize: number) => ({ request: { method: 'POST', url: 'https://e/ee/va/v1/play', headers: [], postData, bodySize } })
    const { captures } = fromHar(har([
      entry(request({ mimeType: 'application/json', text: '', params: [], _file: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b.json' }, 173)),
      entry(request({ mimeType: 'application/json', text: '', params: [], _sha1: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b.json' }, 173)),
      entry(request({ mimeType: 'application/json', text: '', params: [] }, 173)),
      entry(request({ mimeType: 'application/x-www-form-urlencoded', text: '', params: [{ name: 'a', value: '1' }], _file: 'f.dat' }, 3)),
      entry(request({ mimeType: 'text/plain', text: '' }, 0)),
    ]))
    expect(captures.map((c) => c.requestBody)).toEqual([null, null, null, { text: 'a=1', mimeType: 'application/x-www-form-urlencoded' }, { text: '', mimeType: 'text/plain' }])
  })

  it('accepts a UTF-8 byte order mark', () => {
    expect(fromHar(`\ufeff${har([entry()])}`).captures).toHaveLength(1)
  })

  it.each([
    ['{', /not valid JSON/],
    ['[]', /no "log" object/],
    ['{"log":{}}', /"log.entries" is not an array/],
    ['{"log":{"entries":{}}}', /"log.entries" is not an array/],
  ])('refuses %s with a one-line reason', (text, reason) => {
    expect(() => fromHar(text)).toThrow(HarError)
    expect(() => fromHar(text)).toThrow(reason)
  })
})
