/**
 * `name=value` pairs: URL queries and form bodies, split on `&`, and pairs anywhere in free text (a log line, a
 * socket frame, a URL fragment). A secret-named value is replaced; any other value that holds more text (a URL, JSON,
 * a form, percent-encoded) is redacted in turn. What needs no redaction stays byte for byte. Pure.
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
    const value = pair.slice(equals + 1)
    const redacted = redactParamValue(pair.slice(0, equals), value, 'param', extra, nested)
    if (redacted === value) return pair
    changed = true
    return `${pair.slice(0, equals)}=${redacted}`
  })
  return changed ? pairs.join('&') : query
}

/**
 * Pairs in text of any shape. A name right after `?`, `&` or `;`, or at a line's start, is a parameter (where `key`
 * counts); elsewhere a field. A value ends at a blank, a double quote, `&`, `;`, `,`, `<`, `>`, `#` or a backslash,
 * unless quoted, and a `'` that ends it closes a quotation around it.
 */
const LOOSE_PAIR = /(^|[^\w.$%-])([\w.$%-]{1,100})([ \t]*=[ \t]*)("(?:[^"\\\n]|\\.)*"?|'[^'\n]*'?|(?:[^&\s"<>\\#;,]*[^&\s"<>\\#;,'])?)/g

/** What stands before a parameter's name: nothing (a line's start), or a query's or form's separator. */
const PARAM_STARTS = new Set(['', '\n', '\r', '?', '&', ';'])

export function redactLoosePairs(text: string, extra: ExtraSecretNames, nested: NestedRedaction): string {
  if (!text.includes('=')) return text
  return text.replace(LOOSE_PAIR, (whole, before: string, name: string, equals: string, value: string) => {
    const place = PARAM_STARTS.has(before) ? 'param' : 'field'
    const quote = value.startsWith('"') || value.startsWith('\'') ? value[0]! : ''
    if (quote !== '') {
      const closed = value.length > 1 && value.endsWith(quote)
      const inner = value.slice(1, closed ? -1 : undefined)
      const redacted = isSecretName(safeDecode(name), place, extra) ? redactedSecret(inner) : nested(inner)
      return redacted === inner ? whole : `${before}${name}${equals}${quote}${redacted}${closed ? quote : ''}`
    }
    const redacted = redactParamValue(name, value, place, extra, nested)
    return redacted === value ? whole : `${before}${name}${equals}${redacted}`
  })
}

/** A percent-encoded value under its (percent-encoded) name. */
function redactParamValue(rawName: string, value: string, place: 'param' | 'field', extra: ExtraSecretNames, nested: NestedRedaction): string {
  const decoded = safeDecode(value)
  if (isSecretName(safeDecode(rawName), place, extra)) {
    const kept = redactedSecret(decoded)
    return kept === decoded ? value : kept === REDACTED ? REDACTED_PARAM : kept
  }
  if (!mayHoldSecrets(decoded)) return value
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
