import { base64Bytes } from './base64'
import type { CapturedBody } from './captured-request'

export type JsonResult = { ok: true; value: unknown } | { ok: false; reason: string }

/** Text of a body, decoding base64 as UTF-8. Never throws; undecodable bytes become U+FFFD. */
export function bodyText(body: CapturedBody): string {
  if (body.encoding !== 'base64') return body.text
  const bytes = base64Bytes(body.text)
  return bytes === null ? '' : new TextDecoder().decode(bytes)
}

/** The value of JSON text, or undefined (the one value no JSON text has) when it does not parse. Never throws. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** Parses a JSON body. Never throws; the reason says what a person needs to fix it. */
export function parseJsonBody(body: CapturedBody): JsonResult {
  if (body.truncatedFrom !== undefined) {
    return { ok: false, reason: `the body was truncated at capture (${body.truncatedFrom} bytes), so it cannot be decoded` }
  }
  const text = bodyText(body)
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (error) {
    // Only text JSON.parse refused can be blank: no body pays for the test.
    if (!/\S/.test(text)) return { ok: false, reason: 'the body is empty' }
    return { ok: false, reason: `the body is not valid JSON (${parseErrorText(error)})` }
  }
}

export type JsonRecordsResult = { ok: true; values: unknown[] } | { ok: false; reason: string }

/** Separators between the records of a streamed JSON body: NUL (Adobe Edge), RS (RFC 7464 JSON text sequences), line feeds. */
// eslint-disable-next-line no-control-regex -- NUL and RS are separators here
const RECORD_SEPARATOR = /[\u0000\u001e\n]/

/**
 * Parses a body that is one JSON document or a stream of JSON records. Adobe's Edge Network answers clients that
 * ask for streaming (`meta.konductorConfig.streaming`, as the mobile SDKs do) with records framed as
 * `"\u0000" + JSON + "\n"`, each carrying some of the response's handles and errors. Never throws. Records that do
 * not parse are skipped as long as one does: a response's other records stay readable.
 */
export function parseJsonRecords(body: CapturedBody): JsonRecordsResult {
  const whole = parseJsonBody(body)
  if (whole.ok) return { ok: true, values: [whole.value] }
  const pieces = bodyText(body).split(RECORD_SEPARATOR).map((piece) => piece.trim()).filter((piece) => piece !== '')
  // Records are objects; anything else is one broken document (a pretty-printed one has line feeds too).
  if (pieces.length === 0 || !pieces.every((piece) => piece.startsWith('{'))) return whole
  const values: unknown[] = []
  for (const piece of pieces) {
    // A broken record (the last one, cut off at the capture limit) leaves the others readable.
    const value = parseJson(piece)
    if (value !== undefined) values.push(value)
  }
  return values.length > 0 ? { ok: true, values } : whole
}

/**
 * What a terminal would act on, or what would make text read otherwise than it is, besides C0 controls: C1 controls
 * (U+009B is a one-character CSI), line and paragraph separators, and the invisible format characters that reorder or
 * hide text (bidi embeddings, overrides and isolates, zero-width characters, the byte-order mark).
 */
const UNSAFE_ABOVE_ASCII = '\\u007f-\\u009f\\u061c\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2069\\ufeff'
/** Everything unsafe, C0 controls (ESC starts every escape sequence: clearing the screen, OSC 8 links, titles) included. */
const UNSAFE = new RegExp(`[\\u0000-\\u001f${UNSAFE_ABOVE_ASCII}]`, 'g')
/** Unsafe characters but the C0 controls (for text whose C0 controls are its own whitespace). */
const UNSAFE_IN_TEXT = new RegExp(`[${UNSAFE_ABOVE_ASCII}]`, 'g')

/**
 * Keeps text on one line, with nothing a terminal would act on (see UNSAFE): each such character becomes `\\uXXXX`.
 * For anything that quotes page or file content (JSON.parse quotes the text it failed on), and for every string the
 * CLI prints from its input.
 */
export function oneLine(text: string): string {
  return text.replace(UNSAFE, escaped)
}

/**
 * Text that keeps its own line breaks and tabs but shows every other unsafe character (C1 controls, format
 * characters) as `\\uXXXX`. For JSON text from JSON.stringify, which escapes C0 controls inside strings but leaves
 * these raw (the escaped document says the same), and for XML, which allows them.
 */
export function escapeInvisible(text: string): string {
  return text.replace(UNSAFE_IN_TEXT, escaped)
}

function escaped(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
}

/** A JSON.parse failure for people, on one line. */
export function parseErrorText(error: unknown): string {
  return oneLine(error instanceof Error ? error.message : String(error))
}

/** A plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const NO_FIELDS: Readonly<Record<string, unknown>> = Object.freeze(Object.create(null) as Record<string, unknown>)

/**
 * A record's fields, for reading by constant name: `fields(entry).request`. Anything but a record reads as having
 * none. For hot paths over large captures: each `.name` read keeps its own inline cache, where `field(value, key)`
 * is one megamorphic keyed load shared by every key. Only for names that
 * Object.prototype does not define (`url`, `headers`, not `constructor`): for those a plain read is the own read.
 */
export function fields(value: unknown): Readonly<Record<string, unknown>> {
  return isRecord(value) ? value : NO_FIELDS
}

/** The value if it is a string. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/** The value if it is a finite number. */
export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

/** Own property only: a page-supplied `__proto__` or `constructor` key never reaches a prototype. */
export function field(value: unknown, key: string): unknown {
  return isRecord(value) && Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined
}

export function stringField(value: unknown, key: string): string | undefined {
  return asString(field(value, key))
}

export function numberField(value: unknown, key: string): number | undefined {
  return asNumber(field(value, key))
}

/** Drops undefined values, so decoded details stay small and exact. */
export function compact<T extends Record<string, unknown>>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> }
}

/** The string values of `key` in a list of objects; anything else is skipped. */
export function stringsAt(list: unknown, key: string): string[] {
  return Array.isArray(list) ? list.flatMap((item) => (typeof field(item, key) === 'string' ? [field(item, key) as string] : [])) : []
}
