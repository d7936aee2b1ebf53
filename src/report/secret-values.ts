/**
 * What a secret becomes. A JWT loses only its signature, which is what makes it usable: its header and claims
 * (expiry, roles, scope) are what the token checks judge, so they stay, wherever the token is. Pure.
 */

export const REDACTED = '[redacted]'
/** REDACTED as a URL or form value. */
export const REDACTED_PARAM = encodeURIComponent(REDACTED)

/** header.payload.signature, base64url. */
const JWT = /\b(eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.)[A-Za-z0-9_-]+/g
const JWT_SIGNATURE = 'redacted'
/** A JWT with no usable signature: cut by this module, or sent as header.payload only. */
const UNSIGNED_JWT = /^eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}(?:\.(?:redacted)?)?$/

/** Every JWT in the text keeps its header and claims, and loses its signature. */
export function cutJwtSignatures(text: string): string {
  return text.includes('eyJ') ? text.replace(JWT, `$1${JWT_SIGNATURE}`) : text
}

/**
 * The value of a secret-named field, parameter or header: nothing is left of it, unless it is empty (nothing to
 * hide, and "sent empty" is what some checks look for) or a JWT, which keeps its header and claims.
 */
export function redactedSecret(value: string): string {
  if (value.trim() === '') return value
  const cut = cutJwtSignatures(value.trim())
  return UNSIGNED_JWT.test(cut) ? cut : REDACTED
}

