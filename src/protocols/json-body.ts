import type { CapturedBody } from './captured-request'

export type JsonResult = { ok: true; value: unknown } | { ok: false; reason: string }

/** Text of a body, decoding base64 as UTF-8. Never throws; undecodable bytes become U+FFFD. */
export function bodyText(body: CapturedBody): string {
  if (body.encoding !== 'base64') return body.text
  try {
    const binary = atob(body.text)
    const bytes = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
    return new TextDecoder().decode(bytes)
  } catch {
    return ''
  }
}

/** Parses a JSON body. Never throws; the reason says what a person needs to fix it. */
export function parseJsonBody(body: CapturedBody): JsonResult {
  if (body.truncatedFrom !== undefined) {
    return { ok: false, reason: `the body was truncated at capture (${body.truncatedFrom} bytes), so it cannot be decoded` }
  }
  const text = bodyText(body)
  if (!/\S/.test(text)) return { ok: false, reason: 'the body is empty' }
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (error) {
    return { ok: false, reason: `the body is not valid JSON (${parseErrorText(error)})` }
  }
}

/**
 * Keeps text on one line, with nothing a terminal would act on: control characters and line separators become
 * `\uXXXX`. For messages that quote page or file content (JSON.parse quotes the text it failed on).
 */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** A JSON.parse failure for people, on one line. */
export function parseErrorText(error: unknown): string {
  return oneLine(error instanceof Error ? error.message : String(error))
}

/** A plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Own property only: a page-supplied `__proto__` or `constructor` key never reaches a prototype. */
export function field(value: unknown, key: string): unknown {
  return isRecord(value) && Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined
}

export function stringField(value: unknown, key: string): string | undefined {
  const v = field(value, key)
  return typeof v === 'string' ? v : undefined
}

export function numberField(value: unknown, key: string): number | undefined {
  const v = field(value, key)
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined
}

/** Drops undefined values, so decoded details stay small and exact. */
export function compact<T extends Record<string, unknown>>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> }
}

/** The string values of `key` in a list of objects; anything else is skipped. */
export function stringsAt(list: unknown, key: string): string[] {
  return Array.isArray(list) ? list.flatMap((item) => (typeof field(item, key) === 'string' ? [field(item, key) as string] : [])) : []
}
