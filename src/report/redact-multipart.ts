/**
 * A multipart body (RFC 7578 forms, RFC 2046 parts): each part's headers are redacted as headers, a field with a
 * secret name loses its value, and every other part's content is redacted as text of any shape. Delimiters,
 * headers and line breaks stay byte for byte. Pure.
 */
import type { NestedRedaction } from './redact-pairs'
import { redactedSecret } from './secret-values'

/** RFC 2046: 1 to 70 characters from this set, not ending in a space. */
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/

/** The boundary of a multipart body: from its Content-Type when given, else from its first line. */
export function multipartBoundary(text: string, contentType: string | undefined): string | null {
  const declared = contentType && /^\s*multipart\//i.test(contentType) ? /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType) : null
  const boundary = declared ? (declared[1] ?? declared[2]!) : /^--([^\r\n]{1,70})\r?\n/.exec(text)?.[1]?.trimEnd()
  return boundary !== undefined && BOUNDARY.test(boundary) && text.includes(`--${boundary}`) ? boundary : null
}

export interface PartRedaction {
  /** A part header's value as it should be written (blanks after the colon included). */
  headerValue: (name: string, value: string) => string
  /** Whether a form field of this name holds a secret. */
  isSecretField: (name: string) => boolean
  nested: NestedRedaction
}

export function redactMultipart(text: string, boundary: string, redaction: PartRedaction): string {
  const delimiter = `--${boundary}`
  // Before the first delimiter: the preamble, which no reader looks at; redacted as text all the same.
  const [preamble = '', ...parts] = text.split(delimiter)
  return [redaction.nested(preamble), ...parts.map((part) => (part.startsWith('--') ? redaction.nested(part) : redactPart(part, redaction)))].join(delimiter)
}

/** One part: the rest of the delimiter line, headers, a blank line, the content, and the line break before the next delimiter. */
function redactPart(part: string, redaction: PartRedaction): string {
  const headerEnd = /\r?\n\r?\n/.exec(part)
  if (!headerEnd) return redaction.nested(part)
  const head = part.slice(0, headerEnd.index)
  const contentStart = headerEnd.index + headerEnd[0].length
  const lineBreak = /\r?\n$/.exec(part.slice(contentStart))?.[0] ?? ''
  const content = part.slice(contentStart, part.length - lineBreak.length)
  const fieldName = /^content-disposition[ \t]*:.*?;[ \t]*name="([^"]*)"/im.exec(head)?.[1] ?? /^content-disposition[ \t]*:.*?;[ \t]*name=([^;\s]+)/im.exec(head)?.[1]
  const redactedHead = head.replace(/^([^:\r\n]+):([^\r\n]*)$/gm, (_line, name: string, value: string) => `${name}:${redaction.headerValue(name, value)}`)
  const secret = fieldName !== undefined && redaction.isSecretField(fieldName)
  const redactedContent = secret ? redactedSecret(content) : redaction.nested(content)
  return `${redactedHead}${headerEnd[0]}${redactedContent}${lineBreak}`
}
