/**
 * Secrets in a URL: `user:pass@` userinfo, secret-named query and fragment parameters (`token`, `api_key`, `key`,
 * `sig`, `X-Amz-Signature`…), GameSparks credentials in REST and callback paths, and JWT signatures anywhere.
 * Edits the URL text itself, so everything that needs no redaction stays byte for byte (case, raw colons). Pure.
 */
import type { NestedRedaction } from './redact-pairs'
import { redactLoosePairs, redactPairs } from './redact-pairs'
import type { ExtraSecretNames } from './secret-names'
import { cutJwtSignatures, REDACTED_PARAM } from './secret-values'

/** Userinfo runs up to the authority's last `@` (as browsers read it); `\` ends the authority like `/`. */
const USERINFO = /^([a-z][a-z0-9+.-]{0,30}:\/\/)[^/?#\\]*@/i
/** GameSparks REST: /rs/{credential}/{secret}/{Request}; Cloud Code callbacks: /callback/{apiKey}/{credential}/{secret}/… */
const SECRET_PATHS = [/^([a-z][a-z0-9+.-]*:\/\/[^/?#]+\/rs\/[^/?#]+\/)([^/?#]+)/i, /^([a-z][a-z0-9+.-]*:\/\/[^/?#]+\/callback\/[^/?#]+\/[^/?#]+\/)([^/?#]+)/i]

export function redactUrl(url: string, extra: ExtraSecretNames, nested: NestedRedaction): string {
  const hashAt = url.indexOf('#')
  const beforeHash = hashAt === -1 ? url : url.slice(0, hashAt)
  const queryAt = beforeHash.indexOf('?')
  let base = queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt)
  base = base.replace(USERINFO, `$1${REDACTED_PARAM}@`)
  for (const pattern of SECRET_PATHS) base = base.replace(pattern, `$1${REDACTED_PARAM}`)
  const query = queryAt === -1 ? '' : `?${redactQuery(cutJwtSignatures(beforeHash.slice(queryAt + 1)), extra, nested)}`
  // A fragment never reaches a server, but single-page apps put tokens there (`#access_token=…`).
  const hash = hashAt === -1 ? '' : redactLoosePairs(cutJwtSignatures(url.slice(hashAt)).replace(/^#/, '&'), extra, nested).replace(/^&/, '#')
  return cutJwtSignatures(base) + query + hash
}

/** Split on `&` for values with any character, then, where a value holds pairs (`next=/cb?token=…`, `a=1;b=2`), read for those. */
function redactQuery(query: string, extra: ExtraSecretNames, nested: NestedRedaction): string {
  const redacted = redactPairs(query, extra, nested)
  return /=[^&]*[=;]/.test(redacted) ? redactLoosePairs(redacted, extra, nested) : redacted
}

/** A URL with a scheme, anywhere in text: in a header (`Referer`, `Location`, `Link`), a body, a message. It may hold `'`. */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]{0,30}:\/\/[^\s"<>\\`]+/gi

export function redactUrlsIn(text: string, extra: ExtraSecretNames, nested: NestedRedaction): string {
  if (!text.includes('://')) return text
  return text.replace(URL_IN_TEXT, (url: string, at: number) => {
    // A URL in single quotes ends before the closing one.
    const quoted = text[at - 1] === "'" && url.endsWith("'")
    return quoted ? `${redactUrl(url.slice(0, -1), extra, nested)}'` : redactUrl(url, extra, nested)
  })
}
