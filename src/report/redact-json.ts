/**
 * Secrets in JSON text, edited in place so that what needs no redaction stays byte for byte. A secret-named
 * field's string or number becomes "[redacted]" (a JWT keeps its claims), as does every string or number in an
 * array under such a name, and a bare word there (not JSON) becomes [redacted], still not JSON; any other string
 * that holds more text (JSON in a JSON string, a form, a URL) is redacted in turn and written back escaped. Reads any
 * text, not only valid JSON: a body cut at the capture limit (a string that never closes runs to the end), JSON
 * after a prefix (socket.io's `42[…]`), records separated by NUL or line feeds, or a stray quote in prose. Pure.
 */
import type { NestedRedaction } from './redact-pairs'
import { mayHoldSecrets } from './redact-pairs'
import { REDACTED, redactedSecret } from './secret-values'

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COLON = 0x3a

/** `isSecret` judges a field name (decoded); `nested` redacts the text a string holds. */
export function redactJsonText(text: string, isSecret: (name: string) => boolean, nested: NestedRedaction): string {
  if (!text.includes('"')) return text
  const out: string[] = []
  let copiedTo = 0
  /** Per open array or object: whether its strings and numbers are secrets (an array under a secret name). */
  const secretArrays: boolean[] = []
  /** The name whose value comes next, judged; null when the next token is no field's value. */
  let pendingSecret: boolean | null = null
  const replace = (from: number, to: number, replacement: string): void => {
    out.push(text.slice(copiedTo, from), replacement)
    copiedTo = to
  }
  /** Whether the value at hand is a secret: a secret field's, or an item of an array under a secret name. */
  const secretHere = (): boolean => pendingSecret ?? secretArrays.at(-1) ?? false
  let i = 0
  while (i < text.length) {
    const code = text.charCodeAt(i)
    let end = i + 1
    if (code === QUOTE) {
      const close = stringEnd(text, i)
      const closed = close < text.length
      end = closed ? close + 1 : close
      const raw = text.slice(i + 1, close)
      if (isKey(text, end)) {
        pendingSecret = isSecret(decodeJsonString(raw))
        i = end
        continue
      }
      const value = decodeJsonString(raw)
      const redacted = secretHere() ? redactedSecret(value) : mayHoldSecrets(value) ? nested(value) : value
      if (redacted !== value) replace(i, end, `${openedJsonString(redacted)}${closed ? '"' : ''}`)
    } else if (code === 0x5b /* [ */ && text.startsWith(REDACTED, i)) {
      // A bare secret redacted before (below): it stays as it is.
      end = i + REDACTED.length
    } else if (code === 0x5b /* [ */) {
      secretArrays.push(secretHere())
    } else if (code === 0x7b /* { */) {
      secretArrays.push(false)
    } else if (code === 0x5d /* ] */ || code === 0x7d /* } */) {
      secretArrays.pop()
    } else if (isNumberStart(code)) {
      end = numberEnd(text, i)
      if (secretHere()) replace(i, end, `"${REDACTED}"`)
    } else if (code === COLON || code === 0x2c /* , */ || isBlank(code)) {
      // Between a name and its value, or between values: what comes next decides.
      if (code === 0x2c) pendingSecret = null
      i = end
      continue
    } else if (secretHere()) {
      // A secret written without quotes (not JSON, but a parse error quotes it back): up to the next separator.
      // Its replacement is no JSON value either, so the text stays as unreadable as it was.
      end = barewordEnd(text, i)
      if (!/^(true|false|null)$/.test(text.slice(i, end))) replace(i, end, REDACTED)
    }
    pendingSecret = null
    i = end
  }
  if (out.length === 0) return text
  out.push(text.slice(copiedTo))
  return out.join('')
}

/** The index of the quote that closes the string opened at `open`, or the text's length when none does. */
function stringEnd(text: string, open: number): number {
  let i = open + 1
  for (;;) {
    const quote = text.indexOf('"', i)
    if (quote === -1) return text.length
    let backslashes = 0
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++
    if (backslashes % 2 === 0) return quote
    i = quote + 1
  }
}

/** A string followed by a colon is a field name. */
function isKey(text: string, from: number): boolean {
  let i = from
  while (i < text.length && isBlank(text.charCodeAt(i))) i++
  return text.charCodeAt(i) === COLON
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d
}

function isNumberStart(code: number): boolean {
  return code === 0x2d /* - */ || (code >= 0x30 && code <= 0x39)
}

function numberEnd(text: string, from: number): number {
  let i = from + 1
  while (i < text.length && isNumberPart(text.charCodeAt(i))) i++
  return i
}

const SEPARATOR = /[,}\]\r\n]/g

function barewordEnd(text: string, from: number): number {
  SEPARATOR.lastIndex = from
  return SEPARATOR.exec(text)?.index ?? text.length
}

/** Digits, `.`, `e`, `E`, `+`, `-`. */
function isNumberPart(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || code === 0x2e || code === 0x65 || code === 0x45 || code === 0x2b || code === 0x2d
}

// eslint-disable-next-line no-control-regex -- JSON strings may hold no raw control character
const NOT_JSON_STRING = /\\(?!u[0-9a-fA-F]{4}|["\\/bfnrt])|[\u0000-\u001f]/
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }

/** A JSON string's content, decoded; an escape that is broken or cut short stays as written. */
export function decodeJsonString(raw: string): string {
  if (!raw.includes('\\')) return raw
  // Valid JSON (no broken escape, no raw control character) decodes natively; anything else escape by escape.
  if (!NOT_JSON_STRING.test(raw)) {
    try {
      return JSON.parse(`"${raw}"`) as string
    } catch {
      // Cannot happen for text the test let through; the slow way below is right for any text.
    }
  }
  return raw.replace(/\\(u[0-9a-fA-F]{4}|["\\/bfnrt])/g, (_whole, escape: string) => (escape.length === 5 ? String.fromCharCode(parseInt(escape.slice(1), 16)) : ESCAPES[escape]!))
}

/** Text as a JSON string without its closing quote (a string cut short stays open). */
function openedJsonString(text: string): string {
  return JSON.stringify(text).slice(0, -1)
}
