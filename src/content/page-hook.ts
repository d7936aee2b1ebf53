/**
 * Runs in the page's own world at document_start, before any page script (built as a standalone IIFE).
 * Wraps fetch, XMLHttpRequest and navigator.sendBeacon to see what webRequest cannot: response bodies (the
 * Media Edge session ID exists only there) and beacon bodies. Only tracking URLs are touched; everything
 * else passes straight through. It never changes what the page sends or receives, and never throws into it.
 *
 * It reports to the relay over a MessagePort the two exchange before any page script runs (see
 * hook-messages.ts), so page scripts can neither read these reports nor add their own.
 */
import { adapterForUrl } from '../protocols'
import type { HookBody, HookMessage, HookVia } from '../shared/hook-messages'
import { HOOK_READY_EVENT, MAX_BODY_CHARS, MAX_HEADER_NAME_CHARS, MAX_HEADER_VALUE_CHARS, MAX_HEADERS, MAX_SOCKET_CHARS, MAX_STATUS_TEXT_CHARS, RELAY_PORT_EVENT } from '../shared/hook-messages'

/** Reports kept while the relay's port has not arrived (only if the relay was injected after the hook). */
const MAX_EARLY_MESSAGES = 1000

const INSTALLED = Symbol.for('sessionscope.hook')

install()

function install(): void {
  const global = window as unknown as Record<symbol, unknown>
  if (global[INSTALLED]) return
  Object.defineProperty(global, INSTALLED, { value: true })

  // Keep our own references: page scripts that run later may replace any of these.
  const originalFetch = window.fetch
  const originalOpen = XMLHttpRequest.prototype.open
  const originalSend = XMLHttpRequest.prototype.send
  const originalSendBeacon = Navigator.prototype.sendBeacon
  const dispatch = EventTarget.prototype.dispatchEvent
  const addListener = EventTarget.prototype.addEventListener
  const removeListener = EventTarget.prototype.removeEventListener
  const EventCtor = Event
  const stringify = JSON.stringify
  const now = Date.now
  const xhrState = new WeakMap<XMLHttpRequest, { url: string; method: string }>()
  const documentId = Math.random().toString(36).slice(2, 10)
  let counter = 0

  const nextId = (): string => `${documentId}-${++counter}`

  let port: MessagePort | null = null
  /** The port's own postMessage, kept at document_start: a page script that replaces it later sees nothing. */
  let portPost: MessagePort['postMessage'] | null = null
  const early: HookMessage[] = []

  function post(message: HookMessage): void {
    try {
      if (port && portPost) portPost.call(port, message)
      else if (early.length < MAX_EARLY_MESSAGES) early.push(message)
    } catch {
      // Never let capture break the page.
    }
  }

  /**
   * Takes the relay's port, once; cancelling the offer tells the relay at once that the hook holds it. This
   * runs at document_start, before page scripts could tamper with `ports` or `preventDefault`.
   */
  function receivePort(event: Event): void {
    const offered = (event as MessageEvent).ports?.[0]
    if (port || !offered) return
    port = offered
    portPost = offered.postMessage
    event.preventDefault()
    removeListener.call(document, RELAY_PORT_EVENT, receivePort, true)
    for (const message of early.splice(0)) post(message)
  }
  // Whichever of hook and relay is injected second completes the exchange; both run before page scripts.
  addListener.call(document, RELAY_PORT_EVENT, receivePort, true)
  dispatch.call(document, new EventCtor(HOOK_READY_EVENT))

  /** The absolute URL (without fragment) if it is a tracking URL, else null. */
  function trackedUrl(raw: unknown): string | null {
    try {
      const url = new URL(String(raw), location.href)
      url.hash = ''
      return adapterForUrl(url.href) ? url.href : null
    } catch {
      return null
    }
  }

  function postRequest(id: string, via: HookVia, url: string, method: string, body: unknown): void {
    const time = now()
    const converted = bodyOf(body)
    if (converted instanceof Promise) {
      void converted.then((resolved) => post({ kind: 'request', id, via, url, method, body: resolved, time }))
    } else {
      post({ kind: 'request', id, via, url, method, body: converted, time })
    }
  }

  window.fetch = function fetch(this: unknown, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    // eslint-disable-next-line prefer-rest-params
    const args = arguments as unknown as Parameters<typeof originalFetch>
    let url: string | null = null
    let method = 'GET'
    let body: unknown = null
    try {
      const isRequest = typeof Request !== 'undefined' && input instanceof Request
      url = trackedUrl(isRequest ? input.url : input)
      if (url !== null) {
        method = String(init?.method ?? (isRequest ? input.method : 'GET')).toUpperCase()
        body = init?.body !== undefined ? init.body : isRequest && input.body !== null ? input.clone().text() : null
      }
    } catch {
      url = null
    }
    if (url === null) return originalFetch.apply(this, args)
    const id = nextId()
    postRequest(id, 'fetch', url, method, body)
    return originalFetch.apply(this, args).then(
      (response) => {
        try {
          const headers = boundedHeaders([...response.headers])
          const report = (body: HookBody | null): void => post({ kind: 'response', id, status: response.status, statusText: statusText(response.statusText), headers, body })
          // No body (204, as Media Edge answers every ping): nothing to read, so no clone and no stream to tee.
          if (response.body === null) report(capped(''))
          else void response.clone().text().then((text) => report(capped(text)), () => report(null))
        } catch {
          // The body was already used or is not readable: the worker still gets the status from webRequest.
        }
        return response
      },
      (error: unknown) => {
        post({ kind: 'response', id, status: 0, statusText: statusText(error instanceof Error ? error.message : 'failed'), headers: [], body: null })
        throw error
      },
    )
  } as typeof window.fetch

  XMLHttpRequest.prototype.open = function open(this: XMLHttpRequest, method: string, url: string | URL) {
    try {
      const tracked = trackedUrl(url)
      if (tracked !== null) xhrState.set(this, { url: tracked, method: String(method).toUpperCase() })
      else xhrState.delete(this)
    } catch {
      // Leave the request alone.
    }
    // eslint-disable-next-line prefer-rest-params
    return originalOpen.apply(this, arguments as unknown as Parameters<typeof originalOpen>)
  } as typeof XMLHttpRequest.prototype.open

  XMLHttpRequest.prototype.send = function send(this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    const state = xhrState.get(this)
    if (state) {
      const id = nextId()
      postRequest(id, 'xhr', state.url, state.method, body ?? null)
      const xhr = this
      xhr.addEventListener('loadend', () => {
        try {
          post({ kind: 'response', id, status: xhr.status, statusText: statusText(xhr.statusText), headers: boundedHeaders(parseHeaders(xhr.getAllResponseHeaders())), body: xhrBody(xhr) })
        } catch {
          // Ignore unreadable responses.
        }
      })
    }
    // eslint-disable-next-line prefer-rest-params
    return originalSend.apply(this, arguments as unknown as Parameters<typeof originalSend>)
  }

  if (typeof originalSendBeacon === 'function') {
    Navigator.prototype.sendBeacon = function sendBeacon(this: Navigator, url: string | URL, data?: BodyInit | null): boolean {
      // eslint-disable-next-line prefer-rest-params
      const queued = originalSendBeacon.apply(this, arguments as unknown as Parameters<typeof originalSendBeacon>)
      try {
        const tracked = queued ? trackedUrl(url) : null
        if (tracked !== null) postRequest(nextId(), 'beacon', tracked, 'POST', data ?? null)
      } catch {
        // The beacon is on its way regardless.
      }
      return queued
    }
  }

  wrapWebSockets()

  /**
   * WebSockets: a socket is followed when an adapter claims its URL, or when one of its first frames carries a
   * tracking envelope (GameSparks `@class`) — self-hosted servers and proxies use any URL. Keep-alive frames
   * (whitespace only: the GameSparks JS SDK sends a space every 30 s) are relayed like any other, so the capture
   * holds every frame that crossed the socket; they never make a socket tracked.
   */
  function wrapWebSockets(): void {
    const OriginalWebSocket = window.WebSocket
    if (typeof OriginalWebSocket !== 'function') return
    const originalSocketSend = OriginalWebSocket.prototype.send
    const sockets = new WeakMap<WebSocket, { id: string; url: string; tracked: boolean; sniffed: number; relayed: number }>()
    const SNIFF_FRAMES = 5

    function follow(socket: WebSocket, url: string): void {
      const state = { id: nextId(), url, tracked: false, sniffed: 0, relayed: 0 }
      sockets.set(socket, state)
      if (trackedUrl(url) !== null) track(state)
      socket.addEventListener('message', (event: MessageEvent) => frame(socket, 'receive', event.data))
    }

    function track(state: { id: string; url: string; tracked: boolean }): void {
      state.tracked = true
      post({ kind: 'ws-open', id: state.id, url: state.url, time: now() })
    }

    function frame(socket: WebSocket, direction: 'send' | 'receive', data: unknown): void {
      try {
        const state = sockets.get(socket)
        if (!state) return
        if (!state.tracked) {
          if (state.sniffed >= SNIFF_FRAMES || typeof data !== 'string' || data.trim() === '') return
          state.sniffed++
          if (!data.includes('"@class"')) return
          track(state)
        }
        const time = now()
        // Past the socket's limit only the frame's length goes: a flooding page must not flood the worker's channel.
        const relayable = (body: HookBody): HookBody => {
          if (state.relayed >= MAX_SOCKET_CHARS && body.text !== '') return { text: '', truncatedFrom: body.truncatedFrom ?? body.text.length }
          state.relayed += body.text.length
          return body
        }
        if (typeof data === 'string') {
          const body = relayable(capped(data))
          post({ kind: 'ws-frame', id: state.id, direction, opcode: 1, data: body.text, time, ...(body.truncatedFrom === undefined ? {} : { truncatedFrom: body.truncatedFrom }) })
          return
        }
        const binary = bodyOf(data)
        const send = (whole: HookBody | null): void => {
          const body = whole && relayable(whole)
          if (body) post({ kind: 'ws-frame', id: state.id, direction, opcode: body.encoding === 'base64' ? 2 : 1, data: body.text, time, ...(body.truncatedFrom === undefined ? {} : { truncatedFrom: body.truncatedFrom }) })
        }
        if (binary instanceof Promise) void binary.then(send)
        else send(binary)
      } catch {
        // A frame we cannot read is not worth disturbing the page for.
      }
    }

    const WrappedWebSocket = function WebSocket(this: unknown): WebSocket {
      if (!new.target) throw new TypeError("Failed to construct 'WebSocket': Please use the 'new' operator, this DOM object constructor cannot be called as a function.")
      // Reflect.construct keeps `new.target`, so subclasses of WebSocket still work.
      // eslint-disable-next-line prefer-rest-params
      const socket = Reflect.construct(OriginalWebSocket, arguments, new.target) as WebSocket
      try {
        follow(socket, socket.url)
      } catch {
        // Leave the socket alone.
      }
      return socket
    } as unknown as typeof WebSocket
    WrappedWebSocket.prototype = OriginalWebSocket.prototype
    Object.setPrototypeOf(WrappedWebSocket, OriginalWebSocket)
    Object.defineProperty(OriginalWebSocket.prototype, 'constructor', { value: WrappedWebSocket, writable: true, configurable: true, enumerable: false })
    window.WebSocket = WrappedWebSocket

    OriginalWebSocket.prototype.send = function send(this: WebSocket, data: Parameters<WebSocket['send']>[0]) {
      frame(this, 'send', data)
      return originalSocketSend.call(this, data)
    }
  }

  function xhrBody(xhr: XMLHttpRequest): HookBody | null {
    if (xhr.responseType === '' || xhr.responseType === 'text') return capped(xhr.responseText)
    if (xhr.responseType === 'json') return xhr.response === null ? null : capped(stringify(xhr.response))
    return null
  }
}

/** Converts any request body the page can send into text; Blobs and Requests need a promise. */
function bodyOf(body: unknown): HookBody | null | Promise<HookBody | null> {
  try {
    if (body === null || body === undefined) return null
    if (typeof body === 'string') return capped(body)
    if (body instanceof Promise) return body.then((text: unknown) => (typeof text === 'string' ? capped(text) : null), () => null)
    if (body instanceof URLSearchParams) return capped(body.toString())
    if (body instanceof Blob) return body.arrayBuffer().then((buffer) => fromBytes(new Uint8Array(buffer)), () => null)
    if (body instanceof ArrayBuffer) return fromBytes(new Uint8Array(body))
    if (ArrayBuffer.isView(body)) return fromBytes(new Uint8Array(body.buffer, body.byteOffset, body.byteLength))
    if (body instanceof FormData) {
      const form = new URLSearchParams()
      body.forEach((value, key) => form.append(key, typeof value === 'string' ? value : `[file ${value.name}]`))
      return capped(form.toString())
    }
    return null
  } catch {
    return null
  }
}

function fromBytes(bytes: Uint8Array): HookBody {
  const length = Math.min(bytes.length, MAX_BODY_CHARS)
  const slice = bytes.subarray(0, length)
  const truncated = bytes.length > length ? { truncatedFrom: bytes.length } : {}
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(slice), ...truncated }
  } catch {
    let binary = ''
    for (let i = 0; i < slice.length; i += 0x8000) binary += String.fromCharCode(...slice.subarray(i, i + 0x8000))
    return { text: btoa(binary), encoding: 'base64', ...truncated }
  }
}

function capped(text: string): HookBody {
  return text.length > MAX_BODY_CHARS ? { text: text.slice(0, MAX_BODY_CHARS), truncatedFrom: text.length } : { text }
}

/** Within the relay's bounds (hook-messages.ts), so an unusual but real response is never dropped there. */
function statusText(text: string): string {
  return String(text).slice(0, MAX_STATUS_TEXT_CHARS)
}

function boundedHeaders(headers: Array<[string, string]>): Array<[string, string]> {
  return headers.slice(0, MAX_HEADERS).map(([name, value]) => [name.slice(0, MAX_HEADER_NAME_CHARS), value.slice(0, MAX_HEADER_VALUE_CHARS)])
}

function parseHeaders(raw: string): Array<[string, string]> {
  return raw
    .split(/\r?\n/)
    .filter(Boolean)
    .map((line): [string, string] => {
      const colon = line.indexOf(':')
      return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()]
    })
}
