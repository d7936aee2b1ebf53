/**
 * Builds VideoSDK captures as HAR 1.2 from a compact script, the way Chrome's DevTools export writes them: REST
 * calls with their headers and JSON bodies, and the signalling socket as a `101` entry with `_webSocketMessages`.
 * Tokens are real HS256 JWTs, signed with a fixture secret, with fixed times. Used by the golden fixtures
 * (test/fixtures/videosdk) and by unit tests.
 */
import { createHmac } from 'node:crypto'
import type { Entry, Har } from 'har-format'

export const VIDEOSDK_API = 'https://api.videosdk.live'
export const VIDEOSDK_SECRET = 'fixture-videosdk-secret'
export const API_KEY = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d'

/** An HS256 JWT as VideoSDK's server SDK mints it (`alg` other than HS256 only changes the header: a forgery). */
export function mintToken(payload: Record<string, unknown>, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url')
  const unsigned = `${encode(header)}.${encode(payload)}`
  return `${unsigned}.${createHmac('sha256', VIDEOSDK_SECRET).update(unsigned).digest('base64url')}`
}

/** Seconds since the epoch, as JWT times are written. */
export function seconds(iso: string, offsetSeconds = 0): number {
  return Math.floor(Date.parse(iso) / 1000) + offsetSeconds
}

export interface RestCall {
  /** ms after the script's origin. */
  at: number
  method: 'GET' | 'POST'
  /** A path on api.videosdk.live, or a whole URL. */
  url: string
  /** The Authorization header's value; undefined sends none. */
  authorization?: string
  /** JSON-serialized unless it is a string. */
  body?: unknown
  /** Defaults to application/json when there is a body; null sends no Content-Type at all. */
  contentType?: string | null
  /** The web page that sent the call (it sends Origin and Referer); server calls have none. */
  page?: string
  status: number
  /** JSON-serialized unless it is a string; undefined: an empty body. */
  response?: unknown
}

export interface SocketCall {
  at: number
  socket: true
  /** The whole wss:// URL, token included. */
  url: string
  page: string
  /** Frames: [ms after the socket opened, direction, text]. */
  frames?: Array<[number, 'send' | 'receive', string]>
}

export interface VideoSdkScript {
  /** ISO time of `at: 0`. */
  origin: string
  calls: Array<RestCall | SocketCall>
  comment?: string
}

const STATUS_TEXT: Record<number, string> = { 101: 'Switching Protocols', 200: 'OK', 400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found' }

export function videoSdkHar(script: VideoSdkScript): Har {
  const origin = Date.parse(script.origin)
  const entries = script.calls.map((call) => ('socket' in call ? socketEntry(call, origin) : restEntry(call, origin)))
  entries.sort((a, b) => Date.parse(a.startedDateTime) - Date.parse(b.startedDateTime))
  return {
    log: {
      version: '1.2',
      creator: { name: 'sessionscope-fixtures', version: '1' },
      ...(script.comment ? { comment: script.comment } : {}),
      pages: [],
      entries,
    },
  }
}

function restEntry(call: RestCall, origin: number): Entry {
  const url = call.url.startsWith('/') ? `${VIDEOSDK_API}${call.url}` : call.url
  const text = call.body === undefined ? undefined : typeof call.body === 'string' ? call.body : JSON.stringify(call.body)
  const contentType = text === undefined ? null : call.contentType === undefined ? 'application/json' : call.contentType
  const headers = [
    { name: 'Accept', value: 'application/json' },
    ...(call.authorization === undefined ? [] : [{ name: 'Authorization', value: call.authorization }]),
    ...(contentType === null ? [] : [{ name: 'Content-Type', value: contentType }]),
    ...(call.page === undefined ? [{ name: 'User-Agent', value: 'node' }] : [{ name: 'Origin', value: call.page }, { name: 'Referer', value: `${call.page}/` }]),
  ]
  const responseText = call.response === undefined ? undefined : typeof call.response === 'string' ? call.response : JSON.stringify(call.response)
  return {
    startedDateTime: new Date(origin + call.at).toISOString(),
    time: 120,
    request: {
      method: call.method,
      url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers,
      queryString: [...new URL(url).searchParams].map(([name, value]) => ({ name, value })),
      ...(text === undefined ? {} : { postData: { mimeType: contentType ?? '', text } }),
      headersSize: -1,
      bodySize: text?.length ?? 0,
    },
    response: {
      status: call.status,
      statusText: STATUS_TEXT[call.status] ?? '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: responseText === undefined ? [] : [{ name: 'Content-Type', value: 'application/json; charset=utf-8' }],
      content: responseText === undefined ? { size: 0, mimeType: 'x-unknown' } : { size: responseText.length, mimeType: 'application/json', text: responseText },
      redirectURL: '',
      headersSize: -1,
      bodySize: responseText?.length ?? 0,
    },
    cache: {},
    timings: { send: 1, wait: 118, receive: 1 },
  }
}

function socketEntry(call: SocketCall, origin: number): Entry {
  const opened = origin + call.at
  const entry: Entry & { _resourceType: string; _webSocketMessages: unknown[] } = {
    startedDateTime: new Date(opened).toISOString(),
    time: 30,
    request: {
      method: 'GET',
      url: call.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [
        { name: 'Connection', value: 'Upgrade' },
        { name: 'Upgrade', value: 'websocket' },
        { name: 'Origin', value: call.page },
        { name: 'Sec-WebSocket-Version', value: '13' },
      ],
      queryString: [...new URL(call.url).searchParams].map(([name, value]) => ({ name, value })),
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: 101,
      statusText: STATUS_TEXT[101]!,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [{ name: 'Upgrade', value: 'websocket' }, { name: 'Connection', value: 'Upgrade' }],
      content: { size: 0, mimeType: 'x-unknown' },
      redirectURL: '',
      headersSize: -1,
      bodySize: 0,
    },
    cache: {},
    timings: { send: 1, wait: 28, receive: 1 },
    _resourceType: 'websocket',
    _webSocketMessages: (call.frames ?? []).map(([after, type, data]) => ({ type, time: (opened + after) / 1000, opcode: 1, data })),
  }
  return entry
}
