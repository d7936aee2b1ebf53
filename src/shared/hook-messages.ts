/**
 * The wire format between the page hook (MAIN world) and the relay (isolated world), and its schema.
 *
 * The two share a MessagePort that page scripts never see: at document_start, before any page script, the
 * relay offers a port in a cancelable RELAY_PORT_EVENT and the hook takes it by cancelling the event. Whichever
 * is injected first waits for the other (the hook announces itself with HOOK_READY_EVENT). A page can
 * dispatch both events later but gets nothing: the relay offers only until the hook holds the port, and
 * offers again at most once. The schema is still checked in the relay and in the worker, and the worker takes
 * tab and frame only from the browser's sender, so even a frame without the hook can at worst report
 * requests into its own tab.
 *
 * The hook does as little as it can in the page's world, where a page could watch it: it asks the relay which
 * URLs and frames are tracking (events dispatched on the shared port, answered at once by cancelling them) and
 * posts what it saw as it found it (HookReport). The relay, in the extension's own world, turns each report into
 * the HookMessage the worker takes (hook-reports.ts).
 */

/** The hook, announcing itself to a relay injected before it. */
export const HOOK_READY_EVENT = '__sessionscope_hook_ready__'
/** The relay, offering its port (`event.ports[0]`); cancelled by the hook that takes it. */
export const RELAY_PORT_EVENT = '__sessionscope_relay_port__'

/**
 * The hook → relay question "is this URL tracking?", dispatched on the port the hook holds: `detail` is the URL
 * as the page gave it; the relay cancels the event when it is. Page scripts never hold the port, so never see it.
 */
export const TRACKED_URL_QUERY = 'tracked-url'
/** The same for a WebSocket frame of a socket not tracked by URL: `detail` is the text frame. */
export const TRACKED_FRAME_QUERY = 'tracked-frame'

/** The hook captures at most this many characters of a body (bytes, for binary) and says how long it really was. */
export const MAX_BODY_CHARS = 1024 * 1024

export type HookVia = 'fetch' | 'xhr' | 'beacon'

export interface HookBody {
  text: string
  encoding?: 'base64'
  /** Original length when `text` was cut at MAX_BODY_CHARS. */
  truncatedFrom?: number
}

export interface HookRequest {
  kind: 'request'
  /** Unique within the page's document. */
  id: string
  via: HookVia
  url: string
  method: string
  body: HookBody | null
  /** Page clock, ms since the epoch. */
  time: number
}

export interface HookResponse {
  kind: 'response'
  id: string
  /** 0: the request failed without a response. */
  status: number
  statusText: string
  headers: Array<[string, string]>
  body: HookBody | null
}

/** A WebSocket the hook follows: tracked by URL from the start, or from its first frame that looks like tracking. */
export interface HookSocketOpen {
  kind: 'ws-open'
  id: string
  url: string
  time: number
}

export interface HookSocketFrame {
  kind: 'ws-frame'
  id: string
  direction: 'send' | 'receive'
  /** 1 = text, 2 = binary (data base64). */
  opcode: 1 | 2
  data: string
  /**
   * Original length when `data` was cut at MAX_BODY_CHARS, or left out (`data` '') because the socket had relayed
   * MAX_SOCKET_CHARS already: the worker keeps no more of such a socket, and counts the frame as dropped.
   */
  truncatedFrom?: number
  time: number
}

/** Frame data the relay forwards per socket (socket-budget.ts); the worker keeps as much (background/drops.ts). */
export const MAX_SOCKET_CHARS = 8 * 1024 * 1024

export type HookMessage = HookRequest | HookResponse | HookSocketOpen | HookSocketFrame

/**
 * A body as the page hook found it, cut at MAX_BODY_CHARS. `total` is its whole length (characters for text,
 * bytes for bytes), or at least what was read of it when the hook stopped reading a longer stream. `bytes` holds
 * `kept` bytes from its start (the buffer may be longer). `json` is an XHR's parsed `response`; `form` the
 * name/value pairs of a FormData, flat.
 */
export type RawBody =
  | { kind: 'text'; text: string; total: number }
  | { kind: 'bytes'; bytes: ArrayBuffer; kept: number; total: number }
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; pairs: string[] }

/**
 * Hook → relay: what the hook saw, before the relay makes it a HookMessage. URLs are as the page gave them
 * (the relay resolves them against the document), methods as written, and response headers as lines of
 * `name: value`.
 */
export type HookReport =
  | { kind: 'request'; id: string; via: HookVia; url: string; method: string; body: RawBody | null; time: number }
  | { kind: 'response'; id: string; status: number; statusText: string; headers: string; body: RawBody | null }
  | { kind: 'ws-open'; id: string; url: string; time: number }
  | { kind: 'ws-frame'; id: string; direction: 'send' | 'receive'; body: RawBody; time: number }

/** Relay → worker: one report (what a relay sent before batching; still accepted). */
export interface RelayMessage {
  type: 'hook'
  message: HookMessage
}

/**
 * Relay → worker: the reports of one short window, in the order the hook posted them. One runtime message per
 * window instead of one per report: each crosses two processes, and a burst of requests sent thousands.
 */
export interface RelayBatch {
  type: 'hook-batch'
  messages: HookMessage[]
}

/** The most reports one batch carries; the relay sends a full batch at once. */
export const MAX_BATCH_MESSAGES = 256

/** Returns the message if `value` is a well-formed HookMessage, else null. Never throws. */
export function parseHookMessage(value: unknown): HookMessage | null {
  try {
    return checkedHookMessage(value)
  } catch {
    // Only an exotic object (a proxy, a getter) can throw; JSON and structured clones cannot carry one.
    return null
  }
}

/** The copy it returns holds only the schema's fields. */
function checkedHookMessage(value: unknown): HookMessage | null {
  if (!isPlainRecord(value)) return null
  const m = value
  if (!isId(m.id)) return null
  switch (m.kind) {
    case 'request': {
      if (!hasOnlyKeys(m, REQUEST_KEYS)) return null
      if (m.via !== 'fetch' && m.via !== 'xhr' && m.via !== 'beacon') return null
      if (!isUrl(m.url, HTTP_URL) || !isMethod(m.method) || !isTime(m.time)) return null
      const body = parseBody(m.body)
      if (body === undefined) return null
      return { kind: 'request', id: m.id, via: m.via, url: m.url, method: m.method, body, time: m.time }
    }
    case 'response': {
      if (!hasOnlyKeys(m, RESPONSE_KEYS)) return null
      if (!isInteger(m.status, 0, 999) || !isShortString(m.statusText, MAX_STATUS_TEXT_CHARS)) return null
      const headers = parseHeaderPairs(m.headers)
      if (headers === null) return null
      const body = parseBody(m.body)
      if (body === undefined) return null
      return { kind: 'response', id: m.id, status: m.status, statusText: m.statusText.slice(0, 200), headers, body }
    }
    case 'ws-open': {
      if (!hasOnlyKeys(m, SOCKET_OPEN_KEYS)) return null
      if (!isUrl(m.url, SOCKET_URL) || !isTime(m.time)) return null
      return { kind: 'ws-open', id: m.id, url: m.url, time: m.time }
    }
    case 'ws-frame': {
      if (!hasOnlyKeys(m, SOCKET_FRAME_KEYS)) return null
      if (m.direction !== 'send' && m.direction !== 'receive') return null
      if ((m.opcode !== 1 && m.opcode !== 2) || !isTime(m.time)) return null
      const encoding = m.opcode === 2 ? 'base64' : undefined
      if (!isPayload(m.data, encoding) || !isTruncatedFrom(m.truncatedFrom, m.data, encoding)) return null
      const frame: HookSocketFrame = { kind: 'ws-frame', id: m.id, direction: m.direction, opcode: m.opcode, data: m.data, time: m.time }
      if (m.truncatedFrom !== undefined) frame.truncatedFrom = m.truncatedFrom
      return frame
    }
    default:
      return null
  }
}

/** The relay's envelope, exactly `{ type: 'hook', message }` with a valid message; null for anything else. */
export function parseRelayMessage(value: unknown): RelayMessage | null {
  if (!isPlainRecord(value) || value.type !== 'hook' || !hasOnlyKeys(value, RELAY_KEYS)) return null
  const message = parseHookMessage(value.message)
  return message === null ? null : { type: 'hook', message }
}

/**
 * The relay's batch, exactly `{ type: 'hook-batch', messages }` with at most MAX_BATCH_MESSAGES entries; null for
 * anything else. Each entry is checked on its own, and only the valid ones are kept, in order.
 */
export function parseRelayBatch(value: unknown): RelayBatch | null {
  try {
    if (!isPlainRecord(value) || value.type !== 'hook-batch' || !hasOnlyKeys(value, BATCH_KEYS)) return null
    const { messages } = value
    if (!Array.isArray(messages) || messages.length > MAX_BATCH_MESSAGES) return null
    const valid: HookMessage[] = []
    for (const entry of messages as unknown[]) {
      const message = parseHookMessage(entry)
      if (message !== null) valid.push(message)
    }
    return { type: 'hook-batch', messages: valid }
  } catch {
    // Only an exotic array (a proxy, a getter) can throw, as in parseHookMessage.
    return null
  }
}

/** Longest URL the hook forwards (webRequest still reports longer ones). */
export const MAX_URL_CHARS = 100_000
/** The hook cuts response status texts and headers to these before posting, so real responses always pass. */
export const MAX_STATUS_TEXT_CHARS = 1024
export const MAX_HEADERS = 500
export const MAX_HEADER_NAME_CHARS = 1024
export const MAX_HEADER_VALUE_CHARS = 16_384
const MAX_ID_CHARS = 200
/** Base64 of MAX_BODY_CHARS bytes. */
const MAX_BASE64_CHARS = Math.ceil(MAX_BODY_CHARS / 3) * 4
/** Year 9999: any page clock within reason. */
const MAX_TIME = 253_402_300_799_999

const RELAY_KEYS = new Set(['type', 'message'])
const BATCH_KEYS = new Set(['type', 'messages'])
const REQUEST_KEYS = new Set(['kind', 'id', 'via', 'url', 'method', 'body', 'time'])
const RESPONSE_KEYS = new Set(['kind', 'id', 'status', 'statusText', 'headers', 'body'])
const SOCKET_OPEN_KEYS = new Set(['kind', 'id', 'url', 'time'])
const SOCKET_FRAME_KEYS = new Set(['kind', 'id', 'direction', 'opcode', 'data', 'truncatedFrom', 'time'])
const BODY_KEYS = new Set(['text', 'encoding', 'truncatedFrom'])

const HTTP_URL = /^https?:\/\//i
const SOCKET_URL = /^wss?:\/\//i
/** An HTTP method token, upper-cased as the hook sends it. */
const METHOD = /^[A-Z][A-Z0-9_-]{0,31}$/
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

function parseBody(value: unknown): HookBody | null | undefined {
  if (value === null) return null
  if (!isPlainRecord(value) || !hasOnlyKeys(value, BODY_KEYS)) return undefined
  if (value.encoding !== undefined && value.encoding !== 'base64') return undefined
  if (!isPayload(value.text, value.encoding) || !isTruncatedFrom(value.truncatedFrom, value.text, value.encoding)) return undefined
  const body: HookBody = { text: value.text }
  if (value.encoding === 'base64') body.encoding = 'base64'
  if (value.truncatedFrom !== undefined) body.truncatedFrom = value.truncatedFrom
  return body
}

function parseHeaderPairs(value: unknown): Array<[string, string]> | null {
  if (!Array.isArray(value) || value.length > MAX_HEADERS) return null
  const headers: Array<[string, string]> = []
  for (const pair of value as unknown[]) {
    if (!Array.isArray(pair) || pair.length !== 2) return null
    const [name, text] = pair as unknown[]
    if (!isShortString(name, MAX_HEADER_NAME_CHARS) || !isShortString(text, MAX_HEADER_VALUE_CHARS)) return null
    headers.push([name, text])
  }
  return headers
}

/** A body or frame payload: text up to MAX_BODY_CHARS, or base64 of up to MAX_BODY_CHARS bytes. */
function isPayload(value: unknown, encoding: unknown): value is string {
  if (encoding === 'base64') return isShortString(value, MAX_BASE64_CHARS) && value.length % 4 === 0 && BASE64.test(value)
  return isShortString(value, MAX_BODY_CHARS)
}

/** Absent, or the whole length of a payload that was cut: longer than what was kept (bytes, for base64). */
function isTruncatedFrom(value: unknown, payload: string, encoding: unknown): value is number | undefined {
  const kept = encoding === 'base64' ? (payload.length / 4) * 3 - (payload.endsWith('==') ? 2 : payload.endsWith('=') ? 1 : 0) : payload.length
  return value === undefined || isInteger(value, kept + 1, Number.MAX_SAFE_INTEGER)
}

/**
 * JSON and structured clones give plain objects; anything else (class instances, arrays) is not a message.
 * A `__proto__` key from JSON.parse is an own property, so hasOnlyKeys rejects it.
 */
function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value) as unknown
  return proto === Object.prototype || proto === null
}

function hasOnlyKeys(value: Record<string, unknown>, allowed: ReadonlySet<string>): boolean {
  return Reflect.ownKeys(value).every((key) => typeof key === 'string' && allowed.has(key))
}

function isId(value: unknown): value is string {
  return isShortString(value, MAX_ID_CHARS) && value !== ''
}

function isUrl(value: unknown, scheme: RegExp): value is string {
  if (!isShortString(value, MAX_URL_CHARS) || !scheme.test(value)) return false
  try {
    new URL(value)
    return true
  } catch {
    return false
  }
}

function isMethod(value: unknown): value is string {
  return typeof value === 'string' && METHOD.test(value)
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_TIME
}

function isInteger(value: unknown, min: number, max: number): value is number {
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= max
}

function isShortString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max
}
