/**
 * Removes secrets from a capture before it leaves the browser, wherever the capture holds them: headers (credentials,
 * cookies, URLs in Referer or Location), the URL (userinfo, secret parameters, GameSparks credentials in paths),
 * bodies and socket frames of every shape (JSON, JSON inside JSON strings, forms, multipart, text, binary data that
 * is text) and JWT signatures anywhere. Which names are secrets: secret-names.ts. What the checks judge survives: a
 * JWT keeps its header and claims (expiry, roles), an Authorization header its scheme, an empty value stays empty,
 * so linting a redacted export gives the same findings. Pure.
 */
import type { CapturedBody, CapturedRequest, HttpHeader, WebSocketFrame } from '../protocols/captured-request'
import { headerValue } from '../protocols/captured-request'
import { redactBase64 } from './redact-base64'
import type { TextRedactor } from './redact-text'
import { textRedactor } from './redact-text'
import { redactUrl as redactUrlWith } from './redact-url'
import type { ExtraSecretNames } from './secret-names'
import { isSecretName } from './secret-names'
import { REDACTED } from './secret-values'

export { REDACTED } from './secret-values'
export type { ExtraSecretNames } from './secret-names'

export function redactCapture<T extends CapturedRequest>(capture: T, extra: ExtraSecretNames = []): T {
  const redactor = textRedactor(extra)
  const redacted: T = {
    ...capture,
    url: redactUrlWith(capture.url, extra, redactor.text),
    requestHeaders: redactHeaders(capture.requestHeaders, redactor),
    requestBody: capture.requestBody && redactBody(capture.requestBody, capture.requestHeaders, redactor),
    response: capture.response && {
      ...capture.response,
      ...(capture.response.statusText === undefined ? {} : { statusText: redactor.text(capture.response.statusText) }),
      headers: redactHeaders(capture.response.headers, redactor),
      body: capture.response.body && redactBody(capture.response.body, capture.response.headers, redactor),
    },
  }
  if (capture.frames) redacted.frames = capture.frames.map((frame) => redactFrameWith(frame, redactor))
  return redacted
}

/** One WebSocket frame; the same frame when it holds nothing to redact. */
export function redactFrame(frame: WebSocketFrame, extra: ExtraSecretNames = []): WebSocketFrame {
  return redactFrameWith(frame, textRedactor(extra))
}

function redactFrameWith(frame: WebSocketFrame, redactor: TextRedactor): WebSocketFrame {
  // A damaged store record can hold a frame that is not one: it is kept as it is, with nothing to read in it.
  if (typeof frame?.data !== 'string') return frame
  const data = redactData(frame.data, frame.opcode === 2, undefined, redactor)
  return data === frame.data ? frame : { ...frame, data }
}

export function redactUrl(url: string, extra: ExtraSecretNames = []): string {
  return redactUrlWith(url, extra, textRedactor(extra).text)
}

/** Text of any shape: JSON, a form, a multipart body, a URL, prose. */
export function redactText(text: string, extra: ExtraSecretNames = []): string {
  return textRedactor(extra).text(text)
}

function redactHeaders(headers: readonly HttpHeader[], redactor: TextRedactor): HttpHeader[] {
  return headers.map((header) => ({ ...header, value: redactor.headerValue(header.name, header.value) }))
}

function redactBody(body: CapturedBody, headers: readonly HttpHeader[], redactor: TextRedactor): CapturedBody {
  const text = redactData(body.text, body.encoding === 'base64', body.mimeType ?? headerValue(headers, 'content-type'), redactor)
  return text === body.text ? body : { ...body, text }
}

function redactData(data: string, base64: boolean, contentType: string | undefined, redactor: TextRedactor): string {
  return base64 ? redactBase64(data, (text) => redactor.text(text, contentType)) : redactor.text(data, contentType)
}

/**
 * The same redaction for an already parsed value (decoded event fields), walking its structure instead of its
 * text: a string or number under a secret name (built-in or `extra`), or in an array under one, is replaced, a
 * string under a header's name is redacted as that header, and every other string as text; a JWT's `claims` stay,
 * as they do in the token itself. Returns a copy; the input is left alone.
 */
export function redactValue(value: unknown, extra: ExtraSecretNames = []): unknown {
  return redactNode(value, undefined, textRedactor(extra), extra)
}

/** `key`: the name the value stands under, also for the items of an array. */
function redactNode(value: unknown, key: string | undefined, redactor: TextRedactor, extra: ExtraSecretNames): unknown {
  // A JWT's claims as the adapters read them: a redacted token keeps them too (its header.payload).
  if (key === 'claims') return JSON.parse(JSON.stringify(value ?? null)) as unknown
  if (typeof value === 'string') return key === undefined ? redactor.text(value) : redactor.headerValue(key, value)
  if (typeof value === 'number') return key !== undefined && isSecretName(key, 'field', extra) ? REDACTED : value
  if (Array.isArray(value)) return value.map((item) => redactNode(item, key, redactor, extra))
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {}
    // Defined, not assigned: a `__proto__` field stays a field.
    for (const [name, item] of Object.entries(value)) Object.defineProperty(copy, name, { value: redactNode(item, name, redactor, extra), enumerable: true, writable: true, configurable: true })
    return copy
  }
  return value
}
