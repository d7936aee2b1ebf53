/**
 * The worker's only browser-shaped input, reduced to plain data: what webRequest or the page hook reported
 * about one request. `merge.ts` folds these into CaptureRecords.
 */
import type { CapturedBody, HttpHeader } from '../protocols/captured-request'
import type { HookRequest, HookResponse, HookSocketFrame, HookSocketOpen } from '../shared/hook-messages'
import { bodyFromBytes, bodyFromText, joinBytes } from '../shared/capture-body'
import { MAX_BODY_CHARS } from '../shared/hook-messages'
import type { WebRequest } from '../platform/browser'

export type CaptureUpdate =
  | {
      kind: 'request'
      tabId: number
      frameId: number
      requestId: string
      url: string
      method: string
      body: CapturedBody | null
      time: number
      resourceType: string
      origin?: string
    }
  | { kind: 'request-headers'; tabId: number; requestId: string; headers: HttpHeader[]; origin?: string }
  | { kind: 'response'; tabId: number; requestId: string; status: number; statusText: string; headers: HttpHeader[]; origin?: string }
  | { kind: 'failed'; tabId: number; requestId: string; error: string; origin?: string }
  /** A response body webRequest read itself (Firefox's filterResponseData). */
  | { kind: 'response-body'; tabId: number; requestId: string; body: CapturedBody; origin?: string }
  | { kind: 'hook-request'; tabId: number; frameId: number; message: HookRequest }
  | { kind: 'hook-response'; tabId: number; frameId: number; message: HookResponse }
  | { kind: 'socket-open'; tabId: number; frameId: number; message: HookSocketOpen }
  | { kind: 'socket-frame'; tabId: number; frameId: number; message: HookSocketFrame }

// webRequest's updates carry `origin` for requests of no tab (tabId -1): the origin that initiated them.

/**
 * webRequest's `requestBody`. Both browsers give each form field a list of values, where the polyfill's types say a
 * string; the raw parts' bytes are ArrayBuffers.
 */
export type WebRequestBody = Omit<WebRequest.OnBeforeRequestDetailsTypeRequestBodyType, 'formData'> & { formData?: Record<string, unknown> }

/** webRequest's `requestBody` as text: raw bytes as UTF-8 (base64 when they are not), form data url-encoded. */
export function bodyFromWebRequest(requestBody: WebRequestBody | null): CapturedBody | null {
  if (!requestBody || requestBody.error) return null
  if (requestBody.raw && requestBody.raw.length > 0) {
    const parts = requestBody.raw.flatMap((part) => (part.bytes ? [new Uint8Array(part.bytes as ArrayBuffer)] : []))
    if (parts.length === 0) return null
    const bytes = joinBytes(parts)
    // The same cap as the page hook's, in bytes.
    return bodyFromBytes(bytes.subarray(0, MAX_BODY_CHARS), bytes.length)
  }
  if (requestBody.formData) {
    const form = new URLSearchParams()
    for (const [key, values] of Object.entries(requestBody.formData)) for (const value of [values].flat()) form.append(key, String(value))
    return { ...bodyFromText(form.toString()), mimeType: 'application/x-www-form-urlencoded' }
  }
  return null
}

export function headersFromWebRequest(headers: WebRequest.HttpHeaders | undefined): HttpHeader[] {
  return (headers ?? []).map((header) => ({ name: header.name, value: header.value ?? '' }))
}

/**
 * The origin that initiated a request of no tab, as webRequest tells it: Chrome's `initiator` (an origin, 'null'
 * when opaque), Firefox's `originUrl` or `documentUrl` (URLs). '' when the browser names none (a prefetch).
 */
export function initiatingOrigin(details: { initiator?: string; originUrl?: string; documentUrl?: string }): string {
  if (typeof details.initiator === 'string') return details.initiator
  const url = details.originUrl ?? details.documentUrl
  if (typeof url !== 'string') return ''
  try {
    return new URL(url).origin
  } catch {
    return ''
  }
}

/** The request URL as both sources report it: absolute, without fragment. */
export function normalizeUrl(url: string): string {
  const hash = url.indexOf('#')
  return hash === -1 ? url : url.slice(0, hash)
}
