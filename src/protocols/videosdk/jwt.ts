/**
 * JSON Web Tokens (RFC 7519) read without checking their signature: Sessionscope never holds the secret, and
 * a redacted export keeps only `header.payload`. Either the header and claims, or the precise reason the text
 * is not a JWT. Pure; never throws.
 *
 *   eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhcGlrZXkiOiJrIn0.c2lnbmF0dXJl  →  {alg:"HS256",typ:"JWT"}, {apikey:"k"}
 */
import { base64Bytes } from '../base64'
import { isRecord, parseJson } from '../json-body'

export type JwtReading =
  | {
      ok: true
      header: Record<string, unknown>
      payload: Record<string, unknown>
      /** `header.payload`: the token without its signature, safe to show. */
      unsigned: string
    }
  | { ok: false; reason: string }

const BASE64URL = /^[A-Za-z0-9_-]*$/
const PART_NAMES = ['header', 'payload', 'signature'] as const

/** Reads a compact JWS (`header.payload.signature`, base64url, JSON header and claims). */
export function readJwt(token: string): JwtReading {
  if (token.trim() === '') return { ok: false, reason: 'it is empty' }
  const parts = token.split('.')
  if (parts.length !== 3) return { ok: false, reason: `it has ${parts.length} ${parts.length === 1 ? 'part' : 'parts'} separated by dots, not 3 (header.payload.signature)` }
  for (const [index, part] of parts.entries()) {
    const name = PART_NAMES[index]!
    if (part === '') return { ok: false, reason: name === 'signature' ? 'its signature is empty (an unsigned token)' : `its ${name} is empty` }
    if (!BASE64URL.test(part)) return { ok: false, reason: `its ${name} is not base64url (it contains characters other than A–Z, a–z, 0–9, "-" and "_")` }
    if (part.length % 4 === 1) return { ok: false, reason: `its ${name} is not base64url (its length cannot be decoded)` }
  }
  const header = jsonPart(parts[0]!, 'header')
  if (!header.ok) return header
  const payload = jsonPart(parts[1]!, 'payload')
  if (!payload.ok) return payload
  return { ok: true, header: header.value, payload: payload.value, unsigned: `${parts[0]}.${parts[1]}` }
}

/** Cuts the signature off every JWT in `text`: what remains can be shown and stored. */
export function withoutJwtSignatures(text: string): string {
  return text.replace(/\b(eyJ[A-Za-z0-9_-]*\.eyJ[A-Za-z0-9_-]*)\.[A-Za-z0-9_-]*/g, '$1')
}

function jsonPart(part: string, name: 'header' | 'payload'): { ok: true; value: Record<string, unknown> } | { ok: false; reason: string } {
  const text = decodeBase64Url(part)
  if (text === null) return { ok: false, reason: `its ${name} is not UTF-8 text` }
  const value = parseJson(text)
  if (value === undefined) return { ok: false, reason: `its ${name} is not JSON` }
  if (!isRecord(value)) return { ok: false, reason: `its ${name} is not a JSON object` }
  return { ok: true, value }
}

function decodeBase64Url(part: string): string | null {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/')
  const bytes = base64Bytes(base64 + '='.repeat((4 - (base64.length % 4)) % 4))
  if (bytes === null) return null
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}
