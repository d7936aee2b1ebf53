/**
 * The relay's and the worker's schema for page hook messages: a hostile page can dispatch any of these, so
 * each field is checked for type and size, unknown kinds and extra properties are refused, and nothing throws.
 */
import { describe, expect, it } from 'vitest'
import type { HookMessage } from '../../../src/shared/hook-messages'
import { MAX_BATCH_MESSAGES, MAX_BODY_CHARS, MAX_HEADERS, MAX_URL_CHARS, parseHookMessage, parseRelayBatch, parseRelayMessage } from '../../../src/shared/hook-messages'

const request = { kind: 'request', id: 'abc-1', via: 'fetch', url: 'https://edge.example.test/ee/va/v1/play?configId=x', method: 'POST', body: { text: '{"events":[]}' }, time: 1_700_000_000_000 }
const response = { kind: 'response', id: 'abc-1', status: 200, statusText: 'OK', headers: [['content-type', 'application/json']], body: { text: '{}' } }
const socketOpen = { kind: 'ws-open', id: 'abc-2', url: 'wss://live.example.test/ws', time: 1_700_000_000_000 }
const socketFrame = { kind: 'ws-frame', id: 'abc-2', direction: 'send', opcode: 1, data: '{"@class":".LogEventRequest"}', time: 1_700_000_000_001 }
const valid: Record<string, Record<string, unknown>> = { request, response, 'ws-open': socketOpen, 'ws-frame': socketFrame }

/** What the relay sees: the message after a JSON round trip, as the hook's CustomEvent detail carries it. */
const wire = (value: unknown): unknown => JSON.parse(JSON.stringify(value))
const parse = (value: unknown): HookMessage | null => parseHookMessage(wire(value))
const typeOf = (value: unknown): string => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value)
const without = (message: Record<string, unknown>, key: string): Record<string, unknown> => Object.fromEntries(Object.entries(message).filter(([k]) => k !== key))

describe('parseHookMessage', () => {
  for (const [kind, message] of Object.entries(valid)) {
    it(`accepts a well-formed ${kind} message unchanged`, () => {
      expect(parse(message)).toEqual(message)
    })

    it(`rejects a ${kind} message missing any one field`, () => {
      for (const key of Object.keys(message)) expect(parse(without(message, key)), key).toBeNull()
    })

    it(`rejects a ${kind} message with any field of the wrong type`, () => {
      for (const [key, good] of Object.entries(message)) {
        for (const value of [null, 42, '7', true, [], {}, [1, 2]]) {
          if (typeOf(value) === typeOf(good) || (key === 'body' && value === null)) continue
          expect(parse({ ...message, [key]: value }), `${key}: ${JSON.stringify(value)}`).toBeNull()
        }
      }
    })

    it(`rejects a ${kind} message with an extra property, including a tab, a frame or a scope`, () => {
      for (const extra of ['tabId', 'frameId', 'scope', 'extra']) expect(parse({ ...message, [extra]: 7 }), extra).toBeNull()
    })

    it(`rejects a ${kind} message carrying a __proto__ key, and pollutes nothing`, () => {
      const forged = JSON.parse(JSON.stringify(message).replace(/^\{/, '{"__proto__":{"polluted":true,"tabId":99},')) as unknown
      expect(Object.keys(forged as object)).toContain('__proto__')
      expect(parseHookMessage(forged)).toBeNull()
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    })
  }

  it('rejects unknown or missing kinds and non-objects', () => {
    for (const value of [{ ...request, kind: 'scope' }, without(request, 'kind'), null, undefined, 'request', 3, [], [request]]) {
      expect(parseHookMessage(value)).toBeNull()
    }
  })

  it('rejects objects that are not plain (a class instance, a prototype with the fields)', () => {
    class Forged {
      kind = 'request'
      id = 'x'
    }
    expect(parseHookMessage(Object.assign(new Forged(), request))).toBeNull()
    expect(parseHookMessage(Object.create(request) as unknown)).toBeNull()
  })

  it('bounds the id, url, method and status', () => {
    expect(parse({ ...request, id: '' })).toBeNull()
    expect(parse({ ...request, id: 'x'.repeat(201) })).toBeNull()
    expect(parse({ ...request, url: `https://e.test/?${'a'.repeat(MAX_URL_CHARS)}` })).toBeNull()
    expect(parse({ ...request, url: 'javascript:alert(1)' })).toBeNull()
    expect(parse({ ...request, url: 'https://' })).toBeNull()
    expect(parse({ ...request, method: 'post' })).toBeNull()
    expect(parse({ ...request, method: 'P'.repeat(33) })).toBeNull()
    expect(parse({ ...request, method: 'POST\r\nX: y' })).toBeNull()
    expect(parse({ ...socketOpen, url: 'https://live.example.test/ws' })).toBeNull()
    for (const status of [-1, 1000, 200.5]) expect(parse({ ...response, status }), String(status)).toBeNull()
    expect(parse({ ...response, statusText: 'x'.repeat(1025) })).toBeNull()
  })

  it('rejects times that are not a plausible page clock', () => {
    for (const time of [-1, 1e20]) expect(parse({ ...request, time }), String(time)).toBeNull()
    // JSON turns NaN and Infinity into null; a structured clone would keep them.
    for (const time of [Number.NaN, Number.POSITIVE_INFINITY]) expect(parseHookMessage({ ...request, time })).toBeNull()
  })

  it('bounds bodies and frames: text to MAX_BODY_CHARS, base64 to the same number of bytes', () => {
    expect(parse({ ...request, body: { text: 'x'.repeat(MAX_BODY_CHARS) } })).not.toBeNull()
    expect(parse({ ...request, body: { text: 'x'.repeat(MAX_BODY_CHARS + 1) } })).toBeNull()
    const fullBase64 = 'A'.repeat(Math.ceil(MAX_BODY_CHARS / 3) * 4)
    expect(parse({ ...request, body: { text: fullBase64, encoding: 'base64', truncatedFrom: MAX_BODY_CHARS + 10 } })).not.toBeNull()
    expect(parse({ ...request, body: { text: `${fullBase64}AAAA`, encoding: 'base64' } })).toBeNull()
    expect(parse({ ...request, body: { text: 'not base64!', encoding: 'base64' } })).toBeNull()
    expect(parse({ ...request, body: { text: 'x', encoding: 'utf-16' } })).toBeNull()
    expect(parse({ ...socketFrame, data: 'x'.repeat(MAX_BODY_CHARS + 1) })).toBeNull()
    expect(parse({ ...socketFrame, opcode: 2, data: 'not base64!' })).toBeNull()
    expect(parse({ ...socketFrame, opcode: 3 })).toBeNull()
    expect(parse({ ...socketFrame, direction: 'sideways' })).toBeNull()
  })

  it('accepts truncatedFrom only as a whole length beyond what was kept', () => {
    expect(parse({ ...request, body: { text: 'abc', truncatedFrom: 4 } })).toMatchObject({ body: { text: 'abc', truncatedFrom: 4 } })
    for (const truncatedFrom of [3, 2, 4.5, -1, '4', 2 ** 60]) expect(parse({ ...request, body: { text: 'abc', truncatedFrom } }), String(truncatedFrom)).toBeNull()
    expect(parse({ ...socketFrame, truncatedFrom: socketFrame.data.length })).toBeNull()
    // Base64 counts bytes: 8 characters with one '=' are 5 bytes.
    expect(parse({ ...request, body: { text: 'AAAAAAA=', encoding: 'base64', truncatedFrom: 6 } })).not.toBeNull()
    expect(parse({ ...request, body: { text: 'AAAAAAA=', encoding: 'base64', truncatedFrom: 5 } })).toBeNull()
  })

  it('bounds response headers: count, pair shape, name and value sizes', () => {
    const header: [string, string] = ['x', 'y']
    expect(parse({ ...response, headers: Array.from({ length: MAX_HEADERS }, () => header) })).not.toBeNull()
    expect(parse({ ...response, headers: Array.from({ length: MAX_HEADERS + 1 }, () => header) })).toBeNull()
    for (const headers of [[['x']], [['x', 'y', 'z']], [['x', 1]], [{ 0: 'x', 1: 'y' }], ['x: y'], [['x'.repeat(1025), 'y']], [['x', 'y'.repeat(16_385)]]]) {
      expect(parse({ ...response, headers }), JSON.stringify(headers).slice(0, 40)).toBeNull()
    }
  })

  it('returns copies with only the schema fields, and bodies with only theirs', () => {
    const parsed = parse({ ...request, body: { text: 'a' } })
    expect(parsed).toEqual({ ...request, body: { text: 'a' } })
    expect(parse({ ...request, body: { text: 'a', mimeType: 'text/html' } })).toBeNull()
  })

  it('never throws, whatever it is given: traps and getters give null', () => {
    const trap = (): never => {
      throw new Error('trap')
    }
    const hostile: unknown[] = [
      new Proxy({}, { get: trap, ownKeys: trap, getPrototypeOf: trap }),
      new Proxy({ ...request }, { ownKeys: trap }),
      Object.defineProperty({ ...request }, 'url', { get: trap, enumerable: true }),
      { ...request, [Symbol('s')]: 1 },
    ]
    for (const value of hostile) expect(parseHookMessage(value)).toBeNull()
    expect(parseHookMessage(Object.assign(Object.create(null) as object, request))).toEqual(request)
  })
})

describe('parseRelayMessage', () => {
  it('accepts exactly { type: "hook", message } with a valid message', () => {
    expect(parseRelayMessage(wire({ type: 'hook', message: request }))).toEqual({ type: 'hook', message: request })
  })

  it('rejects an envelope that names a tab or frame, has another type, or carries an invalid message', () => {
    for (const value of [
      { type: 'hook', message: request, tabId: 1 },
      { type: 'hook', message: request, frameId: 0 },
      { type: 'hook', message: request, sender: { tab: { id: 1 } } },
      { type: 'clear-scope', message: request },
      { type: 'hook', message: { ...request, tabId: 1 } },
      { type: 'hook' },
      { type: 'hook', message: 'garbage' },
    ]) {
      expect(parseRelayMessage(wire(value)), JSON.stringify(value).slice(0, 60)).toBeNull()
    }
  })
})

describe('parseRelayBatch', () => {
  it('accepts exactly { type: "hook-batch", messages } and keeps every valid report, in order', () => {
    const messages = [request, response, socketOpen, socketFrame]
    expect(parseRelayBatch(wire({ type: 'hook-batch', messages }))).toEqual({ type: 'hook-batch', messages })
    expect(parseRelayBatch(wire({ type: 'hook-batch', messages: [] }))).toEqual({ type: 'hook-batch', messages: [] })
  })

  it('checks each report on its own: an invalid one is dropped, its neighbours are kept', () => {
    const messages = [request, { ...request, tabId: 99 }, 'garbage', null, { ...response, status: 1000 }, response]
    expect(parseRelayBatch(wire({ type: 'hook-batch', messages }))).toEqual({ type: 'hook-batch', messages: [request, response] })
  })

  it('rejects an envelope that names a tab, has another type, no list, or more than the relay ever sends', () => {
    for (const value of [
      { type: 'hook-batch', messages: [request], tabId: 1 },
      { type: 'hook-batch', messages: [request], sender: { tab: { id: 1 } } },
      { type: 'hook', messages: [request] },
      { type: 'hook', message: request },
      { type: 'hook-batch' },
      { type: 'hook-batch', messages: request },
      { type: 'hook-batch', messages: Array.from({ length: MAX_BATCH_MESSAGES + 1 }, () => request) },
    ]) {
      expect(parseRelayBatch(wire(value)), JSON.stringify(value).slice(0, 60)).toBeNull()
    }
    expect(parseRelayBatch(wire({ type: 'hook-batch', messages: Array.from({ length: MAX_BATCH_MESSAGES }, () => request) }))?.messages).toHaveLength(MAX_BATCH_MESSAGES)
  })

  it('never throws, even on exotic objects', () => {
    const trap = (): never => {
      throw new Error('trap')
    }
    const hostile: unknown[] = [
      new Proxy({ type: 'hook-batch', messages: [] }, { ownKeys: trap }),
      { type: 'hook-batch', messages: new Proxy([request], { get: trap }) },
      { type: 'hook-batch', messages: [new Proxy({ ...request }, { ownKeys: trap })] },
    ]
    for (const value of hostile) expect(() => parseRelayBatch(value)).not.toThrow()
    expect(parseRelayBatch(hostile[2])).toEqual({ type: 'hook-batch', messages: [] })
  })
})
