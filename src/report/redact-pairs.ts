/**
 * `name=value` pairs: URL queries and form bodies, split on `&`, and pairs anywhere in free text (a log line, a
 * socket frame, a URL fragment, a value that holds more pairs). A secret-named value is replaced; a percent-encoded
 * value is decoded and redacted in turn (JSON, a URL, a form inside it). What needs no redaction stays byte for
 * byte. Text that is not encoded is never read twice, so the work grows with the text, not with how pairs nest. Pure.
 */
import type { ExtraSecretNames } from './secret-names'
import { isSecretName } from './secret-names'
import { REDACTED, REDACTED_PARAM, redactedSecret } from './secret-values'

/** Redacts text found inside a value (the caller's whole text redaction, one level deeper). */
export type NestedRedaction = (text: string) => string

/** A query or form: `a=1&b=2`, each value percent-encoded. */
export function redactPairs(query: string, extra: ExtraSecretNames, nested: NestedRedaction): string {
  let changed = false
  const pairs = query.split('&').map((pair) => {
    const equals = pair.indexOf('=')
    if (equals === -1) return pair
    const name = pair.slice(0, equals)
    const value = pair.slice(equals + 1)
    const redacted = isSecretName(safeDecode(name), 'param', extra) ? redactedParam(value) : redactedEncoded(value, nested)
    if (redacted === value) return pair
    changed = true
    return `${name}=${redacted}`
  })
  return changed ? pairs.join('&') : query
}

/** A name, `=`, and where its value starts; the name stands at a word's start. */
const PAIR_START = /(?<![\w.$%-])([\w.$%-]{1,100})[ \t]*=[ \t]*/g
/** A value that is not quoted: up to a blank, a double quote, `&`, `;`, `,`, `<`, `>`, `#` or a backslash; a `'` that ends it closes a quotation around it. */
const BARE_VALUE = /(?:[^&\s"<>\\#;,]*[^&\s"<>\\#;,'])?/y
const QUOTED_VALUE = /"(?:[^"\\\n]|\\.)*"?|'[^'\n]*'?/y
/** The part of a value that may be percent-encoded text: up to the next `=` too, where the next pair may start. */
const ENCODED_VALUE = /[^&\s"'<>\\#;,=]*/y

/**
 * Pairs in text of any shape. A name at a line's start or right after `?`, `&` or `;` is a parameter (where `key`
 * counts); elsewhere a field. Only a secret's value is skipped over: any other value is read on, so `a=token=…`
 * finds the token.
 */
export function redactLoosePairs(text: string, extra: ExtraSecretNames, nested: NestedRedaction): string {
  if (!text.includes('=')) return text
  const out: string[] = []
  let copiedTo = 0
  const pairStart = PAIR_START
  pairStart.lastIndex = 0
  for (let match = pairStart.exec(text); match !== null; match = pairStart.exec(text)) {
    const valueAt = match.index + match[0].length
    const before = match.index === 0 ? '' : text[match.index - 1]!
    const place = PARAM_STARTS.has(before) ? 'param' : 'field'
    let value: string
    let redacted: string
    if (isSecretName(safeDecode(match[1]!), place, extra)) {
      value = valueAfter(text, valueAt)
      redacted = redactedLooseSecret(value)
    } else {
      ENCODED_VALUE.lastIndex = valueAt
      value = ENCODED_VALUE.exec(text)![0]
      redacted = redactedEncoded(value, nested)
    }
    if (redacted !== value) {
      out.push(text.slice(copiedTo, valueAt), redacted)
      copiedTo = valueAt + value.length
    }
    // Set again every time: redacting a value reads pairs with the same regex, which moves its position.
    pairStart.lastIndex = redacted !== value ? copiedTo : valueAt
  }
  if (out.length === 0) return text
  out.push(text.slice(copiedTo))
  return out.join('')
}

/** What stands before a parameter's name: nothing (a line's start), or a query's or form's separator. */
const PARAM_STARTS = new Set(['', '\n', '\r', '?', '&', ';'])

function valueAfter(text: string, at: number): string {
  const pattern = text[at] === '"' || text[at] === "'" ? QUOTED_VALUE : BARE_VALUE
  pattern.lastIndex = at
  return pattern.exec(text)?.[0] ?? ''
}

/** A secret value in free text: quoted (the quotes stay) or percent-encoded. */
function redactedLooseSecret(value: string): string {
  const quote = value[0] === '"' || value[0] === "'" ? value[0] : ''
  if (quote === '') return redactedParam(value)
  const closed = value.length > 1 && value.endsWith(quote)
  const inner = value.slice(1, closed ? -1 : undefined)
  const redacted = redactedSecret(inner)
  return redacted === inner ? value : `${quote}${redacted}${closed ? quote : ''}`
}

/** A secret parameter's percent-encoded value: gone, unless empty or a JWT, which keeps its claims. */
function redactedParam(value: string): string {
  const decoded = safeDecode(value)
  const kept = redactedSecret(decoded)
  return kept === decoded ? value : kept === REDACTED ? REDACTED_PARAM : kept
}

/** Any other value: what it holds once decoded (JSON, a URL, a form), when it was encoded; else it stays. */
function redactedEncoded(value: string, nested: NestedRedaction): string {
  const decoded = safeDecode(value)
  if (decoded === value || !mayHoldSecrets(decoded)) return value
  const redacted = nested(decoded)
  return redacted === decoded ? value : encodeURIComponent(redacted)
}

/** Whether text can hold a secret that the name rules would find: a pair, JSON, a URL, header lines. */
export function mayHoldSecrets(text: string): boolean {
  return /[={[\n]|:\/\//.test(text)
}

export function safeDecode(text: string): string {
  if (!text.includes('%') && !text.includes('+')) return text
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}
