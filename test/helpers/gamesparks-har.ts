/**
 * Builds GameSparks captures as HAR 1.2 the way Chrome's DevTools export writes them: a socket is one entry with
 * status 101, `_resourceType: 'websocket'` and its frames in `_webSocketMessages` (time in seconds); a REST call
 * is a JSON POST. Used by the golden fixtures (test/fixtures/gamesparks) and by unit tests.
 */
import type { Entry, Har } from 'har-format'
import { har, harEntry } from './har-entry'

export const GS_KEY = 'exampleKey12'
export const GS_SOCKET = `wss://preview-${GS_KEY}.ws.gamesparks.net/ws/device/${GS_KEY}`

/** One frame: `→` client to server, `←` server to client; `at` in seconds after the socket opened. */
export interface GsFrame {
  at: number
  dir: '→' | '←'
  /** An object is sent as its JSON; a string as it is (keep-alives, garbage). */
  data: unknown
  /** 1 = text (default), 2 = binary. */
  opcode?: number
}

export interface SocketSpec {
  /** ISO time at which the socket opened. */
  opened: string
  url?: string
  frames: GsFrame[]
}

export function socketEntry(spec: SocketSpec): Entry {
  const opened = Date.parse(spec.opened)
  const url = spec.url ?? GS_SOCKET
  const last = spec.frames.reduce((latest, frame) => Math.max(latest, frame.at), 0)
  return {
    startedDateTime: new Date(opened).toISOString(),
    time: Math.round(last * 1000),
    request: {
      method: 'GET',
      url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [
        { name: 'Connection', value: 'Upgrade' },
        { name: 'Upgrade', value: 'websocket' },
        { name: 'Sec-WebSocket-Version', value: '13' },
      ],
      queryString: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: 101,
      statusText: 'Switching Protocols',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [
        { name: 'Connection', value: 'Upgrade' },
        { name: 'Upgrade', value: 'websocket' },
      ],
      content: { size: 0, mimeType: 'x-unknown' },
      redirectURL: '',
      headersSize: -1,
      bodySize: 0,
    },
    cache: {},
    timings: { send: 0, wait: 20, receive: 0 },
    _resourceType: 'websocket',
    _webSocketMessages: spec.frames.map((frame) => ({
      type: frame.dir === '→' ? 'send' : 'receive',
      time: (opened + Math.round(frame.at * 1000)) / 1000,
      opcode: frame.opcode ?? 1,
      data: typeof frame.data === 'string' ? frame.data : JSON.stringify(frame.data),
    })),
  }
}

export interface RestSpec {
  /** ISO time of the request. */
  at: string
  url: string
  body: unknown
  responseBody?: unknown
  status?: number
}

export function restEntry(spec: RestSpec): Entry {
  return harEntry({ method: 'POST', url: spec.url, observedAt: Date.parse(spec.at), body: spec.body, status: spec.status ?? 200, responseBody: spec.responseBody })
}

export function gamesparksHar(entries: Entry[], comment?: string): Har {
  return har(entries, comment)
}

/** The handshake as the JS SDK and the server run it; the session ID is issued by the third frame. */
export function handshake(sessionId: string, from = 0, extra: Record<string, unknown> = {}): GsFrame[] {
  return [
    { at: from, dir: '←', data: { '@class': '.AuthenticatedConnectResponse', nonce: '1688466811702-5f1c' } },
    { at: from + 0.05, dir: '→', data: { '@class': '.AuthenticatedConnectRequest', hmac: '3q2+7wXy0bPn1Wv5b2V2Yv6F0H8uY2k6m3o1JY4X9cQ=', platform: 'Chrome', os: 'Mac' } },
    { at: from + 0.1, dir: '←', data: { '@class': '.AuthenticatedConnectResponse', sessionId, ...extra } },
  ]
}
