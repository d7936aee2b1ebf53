/**
 * Redaction of text of any shape, and of header values, with one set of secret names. Text is taken as what it
 * looks like, and every reading that could hide a secret is applied: a lone URL; a form; a multipart body; else
 * JSON strings, URLs, `name=value` pairs and `Name: value` lines wherever they stand. Text found inside (JSON in a
 * JSON string, a percent-encoded form in a parameter, a part of a multipart body) is redacted the same way. Pure.
 */
import { redactJsonText } from './redact-json'
import { redactMultipart, multipartBoundary } from './redact-multipart'
import { redactLoosePairs, redactPairs } from './redact-pairs'
import { redactUrl, redactUrlsIn } from './redact-url'
import type { ExtraSecretNames } from './secret-names'
import { hasScheme, isExtraSecretName, isSecretName } from './secret-names'
import { cutJwtSignatures, REDACTED, redactedSecret } from './secret-values'

export interface TextRedactor {
  /** Text of any shape; `contentType` names a multipart body's boundary when known. */
  text: (text: string, contentType?: string) => string
  /** A header's value under its name. */
  headerValue: (name: string, value: string) => string
}

/** Text nested deeper than this is not read again: it is replaced whole (escaping makes each level at least twice as long). */
const MAX_DEPTH = 24
const LONE_URL = /^[a-z][a-z0-9+.-]{0,30}:\/\/\S*$/i
/** `a=1&b=2`: no blanks or double quotes (a form encodes them), not JSON or markup. */
const FORM = /^[^\s"{[<]*=[^\s"]*$/
/** What every reading needs to find anything: `=` (pairs), `"` (JSON), `:` (URLs, header lines), `--` (multipart), a JWT. */
const MAY_HOLD_SECRETS = /[=":]|--|eyJ/
const COOKIE_HEADERS = /^(?:set-)?cookie$/i
/** `Name: value` lines (raw HTTP, a log, a YAML document). */
const HEADER_LINE = /^([\w-]{1,100})([ \t]*:)([^\r\n]*)/gm

export function textRedactor(extra: ExtraSecretNames): TextRedactor {
  const isSecretField = (name: string): boolean => isSecretName(name, 'field', extra)
  const isSecretParam = (name: string): boolean => isSecretName(name, 'param', extra)

  /**
   * Text already redacted, and what it became (which redacts to itself). Readings overlap (a URL's query is a pair
   * list too), so without it text nested in text would be redacted once per reading and level: exponential work.
   */
  const done = new Map<string, string>()
  const nested = (depth: number) => (inner: string): string => {
    const known = done.get(inner)
    if (known !== undefined) return known
    const redacted = text(inner, depth + 1)
    done.set(inner, redacted).set(redacted, redacted)
    return redacted
  }

  const text = (input: string, depth: number, contentType?: string): string => {
    if (!MAY_HOLD_SECRETS.test(input)) return input
    if (depth > MAX_DEPTH) return REDACTED
    const inner = nested(depth)
    let out = cutJwtSignatures(input)
    if (LONE_URL.test(out)) return redactUrl(out, extra, inner)
    const boundary = out.includes('--') ? multipartBoundary(out, contentType) : null
    if (boundary !== null) return redactMultipart(out, boundary, { headerValue, isSecretField: isSecretParam, nested: inner })
    if (FORM.test(out)) out = redactPairs(out, extra, inner)
    out = redactJsonText(out, isSecretField, inner)
    out = redactUrlsIn(out, extra, inner)
    out = redactLoosePairs(out, extra, inner)
    return out.includes(':') ? out.replace(HEADER_LINE, (line, name: string, colon: string, value: string) => (isSecretHeader(name) ? `${name}${colon}${headerValue(name, value)}` : line)) : out
  }

  const isSecretHeader = (name: string): boolean => COOKIE_HEADERS.test(name) || isSecretName(name, 'header', extra)

  const headerValue = (name: string, value: string): string => {
    const lower = name.toLowerCase()
    if (lower === 'cookie') return value.split(';').map(redactedCookie).join(';')
    // One cookie a line (Chrome joins several Set-Cookie headers with line feeds); its attributes stay.
    if (lower === 'set-cookie') return value.replace(/^([^=;\n]*)=[^;\n]*/gm, `$1=${REDACTED}`)
    if (isExtraSecretName(name, extra)) return value.trim() === '' ? value : REDACTED
    if (!isSecretName(name, 'header', extra)) return text(value, 0)
    // Keep the blanks and, in Authorization, the scheme ("Bearer ", "Basic "); a JWT keeps its claims.
    const [, before, credential, after] = /^(\s*)(.*?)(\s*)$/s.exec(value)!
    const scheme = hasScheme(name) ? schemeOf(credential!) : ''
    return `${before}${scheme}${redactedSecret(credential!.slice(scheme.length))}${after}`
  }

  return { text: (input, contentType) => text(input, 0, contentType), headerValue }
}

/**
 * The scheme that starts an Authorization value, with the blanks after it: one of the schemes in use, or any word
 * before a JWT. Any other first word may be part of the secret.
 */
function schemeOf(credential: string): string {
  const match = /^([A-Za-z][\w-]{0,30})\s+(\S.*)$/s.exec(credential)
  if (!match) return ''
  const [, word, rest] = match
  return AUTHORIZATION_SCHEMES.has(word!.toLowerCase()) || redactedSecret(rest!) !== REDACTED ? credential.slice(0, credential.length - rest!.length) : ''
}

/** IANA's HTTP authentication schemes and the ones APIs commonly invent. */
const AUTHORIZATION_SCHEMES = new Set(['basic', 'bearer', 'digest', 'dpop', 'gnap', 'hoba', 'mutual', 'negotiate', 'ntlm', 'privatetoken', 'scram-sha-1', 'scram-sha-256', 'vapid', 'aws4-hmac-sha256', 'token', 'jwt', 'oauth', 'apikey', 'api-key', 'key', 'hawk', 'mac', 'sharedkey', 'sso-key', 'splunk', 'googlelogin', 'kerberos', 'ssws'])

/** One `name=value` of a Cookie header; a cookie without a name is all value. */
function redactedCookie(part: string): string {
  const equals = part.indexOf('=')
  if (equals !== -1) return `${part.slice(0, equals)}=${REDACTED}`
  return part.trim() === '' ? part : ` ${REDACTED}`
}
