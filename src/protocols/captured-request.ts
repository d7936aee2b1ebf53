/**
 * What was on the wire, independent of protocol and of how it was captured (webRequest, the page hook,
 * or a HAR entry). Plain data: it is stored in IndexedDB, written to HAR and read back unchanged.
 */
export interface CapturedRequest {
  /** Position in the capture log: the HAR entry index offline, a store sequence number live. */
  seq: number
  url: string
  method: string
  /** Empty when unknown. */
  requestHeaders: HttpHeader[]
  /** null: the request had no body, or it was not visible to any capture source. */
  requestBody: CapturedBody | null
  /** null: no response seen (yet). */
  response: CapturedResponse | null
  /** When the request was observed leaving the page, in ms since the epoch. */
  observedAt: number
  /** Browser tab and frame; null offline. */
  tabId: number | null
  frameId: number | null
  /** Frames of a WebSocket connection, in order (Chrome's HAR `_webSocketMessages`). */
  frames?: WebSocketFrame[]
  /** Set when reports about this request (its response, frames) were dropped at a capture limit: why. */
  dropped?: string
}

export interface HttpHeader {
  name: string
  value: string
}

export interface CapturedBody {
  text: string
  /** 'base64' when `text` holds binary data encoded as base64 (HAR `content.encoding`). */
  encoding?: 'base64'
  mimeType?: string
  /** Set when the capture stored only the first part of a larger body. */
  truncatedFrom?: number
}

export interface CapturedResponse {
  status: number
  statusText?: string
  headers: HttpHeader[]
  /** null: the body exists but no capture source could see it (webRequest never sees bodies). */
  body: CapturedBody | null
}

export interface WebSocketFrame {
  direction: 'send' | 'receive'
  /** ms since the epoch. */
  time: number
  /** 1 = text, 2 = binary (as in Chrome's HAR export). */
  opcode: number
  data: string
  /** Set when the capture stored only the first part of a larger frame. */
  truncatedFrom?: number
}

/** Case-insensitive header lookup; first match wins. */
export function headerValue(headers: readonly HttpHeader[], name: string): string | undefined {
  const wanted = name.toLowerCase()
  return headers.find((h) => h.name.toLowerCase() === wanted)?.value
}
