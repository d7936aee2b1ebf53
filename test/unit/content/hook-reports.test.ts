/**
 * The relay's half of the page hook's work (hook-reports.ts): it answers which URLs and frames are tracking, and
 * makes the hook's raw reports into HookMessages the schema accepts: URLs resolved against the document, methods
 * upper-cased, bodies decoded and cut at the limit (a character cut in half stays out, so text stays text),
 * headers parsed within their bounds.
 */
import { describe, expect, it } from 'vitest'
import { answerTrackingQueries, messageFromReport } from '../../../src/content/hook-reports'
import type { HookReport, RawBody } from '../../../src/shared/hook-messages'
import { MAX_BODY_CHARS, MAX_STATUS_TEXT_CHARS, parseHookMessage, TRACKED_FRAME_QUERY, TRACKED_URL_QUERY } from '../../../src/shared/hook-messages'

const PAGE = 'https://player.example/watch/1'

describe('the answers to the hook', () => {
  const port = new EventTarget()
  answerTrackingQueries(port, () => PAGE)
  /** Whether the relay cancels the question, which is its yes. */
  const ask = (query: string, detail: unknown): boolean => !port.dispatchEvent(new CustomEvent(query, { detail, cancelable: true }))

  it('claims tracking URLs, absolute or relative to the document, and nothing else', () => {
    expect(ask(TRACKED_URL_QUERY, 'https://edge.adobedc.net/ee/va/v1/ping?configId=unit')).toBe(true)
    expect(ask(TRACKED_URL_QUERY, '/ee/va/v1/play?configId=unit#fragment')).toBe(true)
    expect(ask(TRACKED_URL_QUERY, 'wss://live.ws.gamesparks.net/ws/device/key')).toBe(true)
    expect(ask(TRACKED_URL_QUERY, '/api/search?q=video')).toBe(false)
    expect(ask(TRACKED_URL_QUERY, 'http://[not a url')).toBe(false)
    expect(ask(TRACKED_URL_QUERY, { toString: () => '/ee/va/v1/ping?configId=unit' })).toBe(false)
  })

  it('claims a frame that carries a GameSparks envelope, not a keep-alive or other JSON', () => {
    expect(ask(TRACKED_FRAME_QUERY, '{"@class":".AuthenticatedConnectResponse","nonce":"n"}')).toBe(true)
    expect(ask(TRACKED_FRAME_QUERY, ' ')).toBe(false)
    expect(ask(TRACKED_FRAME_QUERY, '{"type":"chat","@class":1}')).toBe(false)
    expect(ask(TRACKED_FRAME_QUERY, 42)).toBe(false)
  })
})

describe('a report made a message', () => {
  const request = (body: RawBody | null, fields: Partial<HookReport> = {}): unknown =>
    messageFromReport({ kind: 'request', id: 'd-1', via: 'fetch', url: '/ee/va/v1/ping?configId=unit#x', method: 'post', body, time: 1, ...fields }, PAGE)
  const bytes = (values: number[]): RawBody => ({ kind: 'bytes', bytes: new Uint8Array(values).buffer, kept: values.length, total: values.length })

  it('resolves the URL against the document without its fragment and upper-cases the method', () => {
    expect(parseHookMessage(request({ kind: 'text', text: '{"events":[]}', total: 13 }))).toEqual({
      kind: 'request', id: 'd-1', via: 'fetch', url: 'https://player.example/ee/va/v1/ping?configId=unit', method: 'POST', body: { text: '{"events":[]}' }, time: 1,
    })
  })

  it('keeps text the hook cut as cut, with its whole length', () => {
    expect(request({ kind: 'text', text: 'a'.repeat(10), total: MAX_BODY_CHARS * 3 })).toMatchObject({ body: { text: 'a'.repeat(10), truncatedFrom: MAX_BODY_CHARS * 3 } })
  })

  it('decodes UTF-8 bytes as text, leaving out a character the cut split, and other bytes as base64', () => {
    const euro = [0xe2, 0x82, 0xac]
    expect(request(bytes([0x61, ...euro]))).toMatchObject({ body: { text: 'a€' } })
    expect(request({ ...(bytes([0x61, ...euro, 0xe2, 0x82]) as { bytes: ArrayBuffer; kept: number }), kind: 'bytes', total: 9 })).toMatchObject({ body: { text: 'a€', truncatedFrom: 9 } })
    expect(request(bytes([0xff, 0x00, 0xfe]))).toMatchObject({ body: { text: '/wD+', encoding: 'base64' } })
    // Only the `kept` bytes of the buffer count.
    expect(request({ kind: 'bytes', bytes: new Uint8Array([0x61, 0x62, 0x63, 0x64]).buffer, kept: 2, total: 2 })).toMatchObject({ body: { text: 'ab' } })
  })

  it('writes an XHR JSON response as JSON and a FormData as its url-encoded fields', () => {
    expect(request({ kind: 'json', value: { handle: [{ type: 'x' }] } })).toMatchObject({ body: { text: '{"handle":[{"type":"x"}]}' } })
    expect(request({ kind: 'form', pairs: ['name', 'a b', 'file', '[file clip.mp4]'] })).toMatchObject({ body: { text: 'name=a+b&file=%5Bfile+clip.mp4%5D' } })
  })

  it('parses response headers and cuts the status text, so the schema takes a real response', () => {
    const message = messageFromReport({ kind: 'response', id: 'd-1', status: 200, statusText: 'O'.repeat(MAX_STATUS_TEXT_CHARS + 5), headers: 'content-type: application/json\r\nx-request-id:  abc \r\n', body: null }, PAGE)
    expect(parseHookMessage(message)).toEqual({ kind: 'response', id: 'd-1', status: 200, statusText: 'O'.repeat(200), headers: [['content-type', 'application/json'], ['x-request-id', 'abc']], body: null })
    expect((message as { statusText: string }).statusText).toHaveLength(MAX_STATUS_TEXT_CHARS)
  })

  it('makes a binary frame that is not UTF-8 an opcode 2 frame in base64, and keeps a cut frame cut', () => {
    const frame = (body: RawBody): unknown => messageFromReport({ kind: 'ws-frame', id: 'd-2', direction: 'receive', body, time: 2 }, PAGE)
    expect(parseHookMessage(frame(bytes([0xff, 0xfe])))).toEqual({ kind: 'ws-frame', id: 'd-2', direction: 'receive', opcode: 2, data: '//4=', time: 2 })
    expect(parseHookMessage(frame({ kind: 'text', text: '{"@class":".X"}', total: 15 }))).toMatchObject({ opcode: 1, data: '{"@class":".X"}' })
    expect(parseHookMessage(frame({ kind: 'text', text: 'abc', total: 4_000_000 }))).toMatchObject({ opcode: 1, data: 'abc', truncatedFrom: 4_000_000 })
  })

  it('makes nothing of a report that is not one', () => {
    expect(messageFromReport(null, PAGE)).toBeNull()
    expect(messageFromReport({ kind: 'steal' }, PAGE)).toBeNull()
    expect(request(null, { url: 'http://[broken' })).toBeNull()
    expect(messageFromReport({ kind: 'ws-frame', id: 'd', direction: 'send', body: null, time: 1 }, PAGE)).toBeNull()
  })
})
