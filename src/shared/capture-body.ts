/**
 * A body as a capture stores it, cut at the capture limit: text, or base64 for bytes that are not UTF-8. Used where
 * bodies arrive: webRequest's request bodies (the worker) and the page hook's reports (the relay).
 */
import type { HookBody } from './hook-messages'
import { MAX_BODY_CHARS } from './hook-messages'

/** Text cut at the limit; `total` is its whole length when the caller already cut it. */
export function bodyFromText(text: string, total = text.length): HookBody {
  const kept = text.length > MAX_BODY_CHARS ? text.slice(0, MAX_BODY_CHARS) : text
  return total > kept.length ? { text: kept, truncatedFrom: total } : { text: kept }
}

/**
 * Bytes as text: UTF-8 when they are, else base64. `total` is the body's whole length in bytes; when it is longer
 * than `bytes` (the capture kept only the start), a character cut in half at the end is left out, so a text body
 * cut at the limit stays text.
 */
export function bodyFromBytes(bytes: Uint8Array, total: number): HookBody {
  const truncated = total > bytes.length ? { truncatedFrom: total } : {}
  const text = utf8(total > bytes.length ? bytes.subarray(0, completeUtf8Length(bytes)) : bytes)
  if (text !== null) return { text, ...truncated }
  return { text: base64(bytes), encoding: 'base64', ...truncated }
}

/** The parts one after another, in one array. */
export function joinBytes(parts: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let offset = 0
  for (const part of parts) {
    bytes.set(part, offset)
    offset += part.length
  }
  return bytes
}

function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}

function base64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/** The length of `bytes` without a multi-byte UTF-8 sequence that the end cuts short. */
function completeUtf8Length(bytes: Uint8Array): number {
  const end = bytes.length
  let lead = end - 1
  // Continuation bytes (10xxxxxx) back to the lead byte of the last sequence, which is at most 4 bytes long.
  while (lead >= 0 && end - lead < 4 && (bytes[lead]! & 0xc0) === 0x80) lead--
  if (lead < 0) return end
  const first = bytes[lead]!
  const length = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1
  return end - lead < length ? lead : end
}
