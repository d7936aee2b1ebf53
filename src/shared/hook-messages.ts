/**
 * The wire format between the page hook (MAIN world) and the relay (isolated world). The page can forge any
 * of these, so the relay validates every message and the worker takes tab and frame only from the sender.
 */

/** DOM event type the hook dispatches on `document`; the detail is the message as a JSON string. */
export const HOOK_EVENT = '__sessionscope_hook__'

/** Larger messages are dropped by the relay (bodies are capped before that, in the hook). */
export const MAX_MESSAGE_CHARS = 4 * 1024 * 1024
/** The hook captures at most this many characters of a body and says how long it really was. */
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
  /** Original length when `data` was cut at MAX_BODY_CHARS. */
  truncatedFrom?: number
  time: number
}

export type HookMessage = HookRequest | HookResponse | HookSocketOpen | HookSocketFrame

/** Relay → worker. */
export interface RelayMessage {
  type: 'hook'
  message: HookMessage
}

/** Returns the message if `value` is a well-formed HookMessage, else null. Never throws. */
export function parseHookMessage(value: unknown): HookMessage | null {
  if (typeof value !== 'object' || value === null) return null
  const m = value as Record<string, unknown>
  if (!isShortString(m.id, 200)) return null
  if (m.kind === 'request') {
    if (m.via !== 'fetch' && m.via !== 'xhr' && m.via !== 'beacon') return null
    if (!isShortString(m.url, 16_384) || !isShortString(m.method, 32) || !isFiniteNumber(m.time)) return null
    const body = parseBody(m.body)
    if (body === undefined) return null
    return { kind: 'request', id: m.id, via: m.via, url: m.url, method: m.method, body, time: m.time }
  }
  if (m.kind === 'ws-open') {
    if (!isShortString(m.url, 16_384) || !isFiniteNumber(m.time)) return null
    return { kind: 'ws-open', id: m.id, url: m.url, time: m.time }
  }
  if (m.kind === 'ws-frame') {
    if (m.direction !== 'send' && m.direction !== 'receive') return null
    if ((m.opcode !== 1 && m.opcode !== 2) || !isShortString(m.data, MAX_BODY_CHARS * 2) || !isFiniteNumber(m.time)) return null
    const frame: HookSocketFrame = { kind: 'ws-frame', id: m.id, direction: m.direction, opcode: m.opcode, data: m.data, time: m.time }
    if (m.truncatedFrom !== undefined) {
      if (!isFiniteNumber(m.truncatedFrom)) return null
      frame.truncatedFrom = m.truncatedFrom
    }
    return frame
  }
  if (m.kind === 'response') {
    if (!isFiniteNumber(m.status) || m.status < 0 || m.status > 999 || typeof m.statusText !== 'string') return null
    if (!Array.isArray(m.headers) || m.headers.length > 500) return null
    const headers: Array<[string, string]> = []
    for (const pair of m.headers) {
      if (!Array.isArray(pair) || pair.length !== 2 || !isShortString(pair[0], 1024) || !isShortString(pair[1], 16_384)) return null
      headers.push([pair[0], pair[1]])
    }
    const body = parseBody(m.body)
    if (body === undefined) return null
    return { kind: 'response', id: m.id, status: m.status, statusText: m.statusText.slice(0, 200), headers, body }
  }
  return null
}

function parseBody(value: unknown): HookBody | null | undefined {
  if (value === null) return null
  if (typeof value !== 'object' || value === undefined) return undefined
  const b = value as Record<string, unknown>
  if (!isShortString(b.text, MAX_BODY_CHARS * 2)) return undefined
  const body: HookBody = { text: b.text }
  if (b.encoding === 'base64') body.encoding = 'base64'
  else if (b.encoding !== undefined) return undefined
  if (b.truncatedFrom !== undefined) {
    if (!isFiniteNumber(b.truncatedFrom)) return undefined
    body.truncatedFrom = b.truncatedFrom
  }
  return body
}

function isShortString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}
