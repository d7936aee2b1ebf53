/**
 * Removes secrets from a capture before it leaves the browser: credentials in Authorization headers,
 * cookies, JWT signatures anywhere, secrets in URLs (GameSparks `/rs/` credentials, `secret=` and
 * `token=` parameters) and secret-named JSON fields. What the rules judge survives: a JWT keeps its header
 * and claims (expiry, roles), an Authorization header its scheme, so linting a redacted export gives the
 * same findings. Pure.
 */
import type { CapturedBody, CapturedRequest, HttpHeader, WebSocketFrame } from '../protocols/captured-request'

export const REDACTED = '[redacted]'

/** header.payload.signature, base64url; the signature is what makes a token usable. */
const JWT = /\b(eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.)[A-Za-z0-9_-]+/g
const JWT_SIGNATURE = 'redacted'
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'x-api-key', 'x-auth-token', 'x-access-token', 'x-csrf-token'])
const SECRET_PARAM = /^(secret|token|access_token|id_token|refresh_token|password|passwd|auth|authorization|api_secret|apisecret|client_secret)$/i
const SECRET_JSON_KEY = /^(password|passwd|secret|apiSecret|api_secret|clientSecret|client_secret|accessToken|access_token|refreshToken|refresh_token|authToken|auth_token)$/i
/** GameSparks REST: /rs/{credential}/{secret}/{Request}; Cloud Code callbacks: /callback/{apiKey}/{credential}/{secret}/… */
const SECRET_PATH_SEGMENTS: Array<{ pattern: RegExp; segment: number }> = [
  { pattern: /^\/rs\/[^/]+\/[^/]+/, segment: 2 },
  { pattern: /^\/callback\/[^/]+\/[^/]+\/[^/]+/, segment: 3 },
]

/**
 * Header, parameter and field names the user treats as secrets besides the built-in ones (options page),
 * compared case-insensitively. Their values are replaced whole.
 */
export type ExtraSecretNames = readonly string[]

export function redactCapture<T extends CapturedRequest>(capture: T, extra: ExtraSecretNames = []): T {
  const redacted: T = {
    ...capture,
    url: redactUrl(capture.url, extra),
    requestHeaders: capture.requestHeaders.map((header) => redactHeader(header, extra)),
    requestBody: capture.requestBody && redactBody(capture.requestBody, extra),
    response: capture.response && {
      ...capture.response,
      headers: capture.response.headers.map((header) => redactHeader(header, extra)),
      body: capture.response.body && redactBody(capture.response.body, extra),
    },
  }
  if (capture.frames) redacted.frames = capture.frames.map((frame): WebSocketFrame => ({ ...frame, data: frame.opcode === 1 ? redactText(frame.data, extra) : frame.data }))
  return redacted
}

/** GameSparks REST: /rs/{credential}/{secret}/{Request}; Cloud Code callbacks: /callback/{apiKey}/{credential}/{secret}/… */
const SECRET_PATHS = [/^([a-z][a-z0-9+.-]*:\/\/[^/?#]+\/rs\/[^/?#]+\/)([^/?#]+)/i, /^([a-z][a-z0-9+.-]*:\/\/[^/?#]+\/callback\/[^/?#]+\/[^/?#]+\/)([^/?#]+)/i]

/** Edits the URL text itself, so everything that needs no redaction stays byte for byte (case, raw colons). */
export function redactUrl(url: string, extra: ExtraSecretNames = []): string {
  const hashAt = url.indexOf('#')
  const beforeHash = hashAt === -1 ? url : url.slice(0, hashAt)
  const hash = hashAt === -1 ? '' : url.slice(hashAt)
  const queryAt = beforeHash.indexOf('?')
  let base = queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt)
  for (const pattern of SECRET_PATHS) base = base.replace(pattern, `$1${encodeURIComponent(REDACTED)}`)
  const query = queryAt === -1 ? '' : `?${redactPairs(beforeHash.slice(queryAt + 1), extra)}`
  return redactJwts(base) + query + redactJwts(hash)
}

function redactPairs(query: string, extra: ExtraSecretNames = []): string {
  return query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=')
      if (equals === -1) return pair
      const name = safeDecode(pair.slice(0, equals))
      const value = pair.slice(equals + 1)
      if (isExtraSecret(name, extra)) return `${pair.slice(0, equals)}=${encodeURIComponent(REDACTED)}`
      if (SECRET_PARAM.test(name) && !hasJwt(safeDecode(value))) return `${pair.slice(0, equals)}=${encodeURIComponent(REDACTED)}`
      return `${pair.slice(0, equals)}=${redactJwts(value)}`
    })
    .join('&')
}

function redactHeader(header: HttpHeader, extra: ExtraSecretNames = []): HttpHeader {
  const name = header.name.toLowerCase()
  if (name === 'cookie') return { ...header, value: header.value.split(';').map((part) => part.replace(/=.*/, `=${REDACTED}`)).join(';') }
  if (name === 'set-cookie') return { ...header, value: header.value.replace(/^([^=;]*)=[^;]*/, `$1=${REDACTED}`) }
  if (isExtraSecret(name, extra)) return { ...header, value: REDACTED }
  if (SECRET_HEADERS.has(name)) {
    // Keep the scheme ("Bearer ", "Basic ") and a JWT's claims; drop everything that works as a credential.
    const match = /^(\s*[A-Za-z]+\s+)?(.*)$/s.exec(header.value)!
    const scheme = match[1] ?? ''
    const credential = match[2] ?? ''
    return { ...header, value: `${scheme}${hasJwt(credential) ? redactJwts(credential) : REDACTED}` }
  }
  return { ...header, value: redactJwts(header.value) }
}

function redactBody(body: CapturedBody, extra: ExtraSecretNames = []): CapturedBody {
  return body.encoding === 'base64' ? body : { ...body, text: redactText(body.text, extra) }
}

/** JWT signatures, then secret-named JSON string fields and form fields, in text of any shape. */
export function redactText(text: string, extra: ExtraSecretNames = []): string {
  const jsonSafe = redactExtraJsonFields(redactJwts(text), extra).replace(/"([A-Za-z_]+)"(\s*:\s*)"(?:[^"\\]|\\.)*"/g, (whole, key: string, colon: string) =>
    SECRET_JSON_KEY.test(key) ? `"${key}"${colon}"${REDACTED}"` : whole,
  )
  return /^[^\s{[<]*=/.test(jsonSafe) && !jsonSafe.includes('\n') ? redactPairs(jsonSafe, extra) : jsonSafe
}

function isExtraSecret(name: string, extra: ExtraSecretNames): boolean {
  const lower = name.toLowerCase()
  return extra.some((secret) => secret.toLowerCase() === lower)
}

/** JSON fields named by the user, matched by name (not by a general key pattern, so any name shape works). */
function redactExtraJsonFields(text: string, extra: ExtraSecretNames): string {
  if (extra.length === 0) return text
  const names = extra.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')
  return text.replace(new RegExp(`"(${names})"(\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi'), (_whole, key: string, colon: string) => `"${key}"${colon}"${REDACTED}"`)
}

function redactJwts(text: string): string {
  return text.replace(JWT, `$1${JWT_SIGNATURE}`)
}

function hasJwt(text: string): boolean {
  JWT.lastIndex = 0
  const found = JWT.test(text)
  JWT.lastIndex = 0
  return found
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}

/**
 * The same redaction for an already parsed value (decoded event fields), walking its structure instead of its
 * text: secret-named fields (built-in or `extra`) are replaced, secret headers keep their scheme, and every
 * other string loses JWT signatures and secret form fields. Returns a copy; the input is left alone.
 */
export function redactValue(value: unknown, extra: ExtraSecretNames = []): unknown {
  return redactNode(value, undefined, extra)
}

function redactNode(value: unknown, key: string | undefined, extra: ExtraSecretNames): unknown {
  if (typeof value === 'string') return redactNamedString(value, key, extra)
  if (Array.isArray(value)) return value.map((item) => redactNode(item, undefined, extra))
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {}
    for (const [name, item] of Object.entries(value)) {
      const secret = SECRET_JSON_KEY.test(name) || isExtraSecret(name, extra)
      copy[name] = secret && (typeof item === 'string' || typeof item === 'number') ? REDACTED : redactNode(item, name, extra)
    }
    return copy
  }
  return value
}

function redactNamedString(value: string, key: string | undefined, extra: ExtraSecretNames): string {
  const name = key?.toLowerCase()
  if (name !== undefined && (SECRET_HEADERS.has(name) || name === 'cookie' || name === 'set-cookie')) return redactHeader({ name, value }, extra).value
  return redactText(value, extra)
}
