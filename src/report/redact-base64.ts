/**
 * Binary data held as base64 (bodies, binary socket frames) is redacted as the UTF-8 text it decodes to, read the
 * way the protocol adapters read it (bytes that are not UTF-8 become U+FFFD), so that a text body sent as binary
 * hides nothing. Bytes of a character cut at the capture limit are kept as they were. Data whose text needs no
 * redaction stays byte for byte; data that does is written back as the redacted text's UTF-8. Pure.
 */
import { base64Bytes, bytesToBase64 } from '../protocols/base64'

export function redactBase64(data: string, redact: (text: string) => string): string {
  const bytes = base64Bytes(data)
  // Not base64 after all: whatever it holds is text.
  if (bytes === null) return redact(data)
  const whole = bytes.length - cutCharacterLength(bytes)
  const text = new TextDecoder().decode(bytes.subarray(0, whole))
  const redacted = redact(text)
  if (redacted === text) return data
  const encoded = new TextEncoder().encode(redacted)
  const out = new Uint8Array(encoded.length + bytes.length - whole)
  out.set(encoded)
  out.set(bytes.subarray(whole), encoded.length)
  return bytesToBase64(out)
}

/** How many bytes at the end start a UTF-8 character that the data cuts short (0 to 3). */
function cutCharacterLength(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!
    if ((byte & 0xc0) === 0x80) continue
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1
    return length > back ? back : 0
  }
  return 0
}
