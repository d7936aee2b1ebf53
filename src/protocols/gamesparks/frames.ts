/** One WebSocket frame as GameSparks reads it: a message, a keep-alive, or why it cannot be read. */
import type { WebSocketFrame } from '../captured-request'
import { describe } from '../describe-value'
import { field, isRecord, parseJson, stringField } from '../json-body'
import type { CaptureProblem } from '../tracking-event'
import { decodeSegment } from '../url-segment'
import { MAX_DEPTH, nestingDepth } from './json-text'
import { requestIdOf } from './messages'

export type ParsedFrame =
  | { kind: 'keep-alive' }
  | { kind: 'unreadable'; problem: Omit<CaptureProblem, 'capture' | 'protocol' | 'frame'> }
  | { kind: 'message'; value: Record<string, unknown>; className: string | null; requestId: string | null }

/** `/ws/{credential}/{apiKey}` names its credential; the older `/ws/{apiKey}` and `/websockets/{apiKey}` used `device`. */
export function socketCredential(url: URL | null): string | null {
  if (url === null) return null
  const segments = url.pathname.split('/').filter((segment) => segment !== '')
  if (segments[0] === 'websockets' && segments.length === 2) return 'device'
  if (segments[0] !== 'ws') return null
  if (segments.length === 2) return 'device'
  return segments.length >= 3 ? decodeSegment(segments[1]!).toLowerCase() : null
}

/**
 * Each frame as parsed, by frame: a live socket is decoded again as its frames arrive, and parsing every frame again
 * each time made the work grow with the square of the socket's length. A captured frame never changes.
 */
const parsedFrames = new WeakMap<object, { credential: string | null; parsed: ParsedFrame }>()

export function parseFrameOnce(frame: WebSocketFrame, credential: string | null): ParsedFrame {
  if (!isRecord(frame)) return parseFrame(frame, credential)
  const known = parsedFrames.get(frame)
  if (known !== undefined && known.credential === credential) return known.parsed
  const parsed = parseFrame(frame, credential)
  parsedFrames.set(frame, { credential, parsed })
  return parsed
}

function parseFrame(frame: WebSocketFrame, credential: string | null): ParsedFrame {
  const encrypted = credential === 'secure'
  const opaque = (what: string): ParsedFrame => ({
    kind: 'unreadable',
    problem: { kind: 'not-visible', reason: `${what} is encrypted (the \`secure\` credential AES-encrypts every frame), so its content cannot be read` },
  })
  if (!isRecord(frame) || typeof frame.data !== 'string') return { kind: 'unreadable', problem: { kind: 'malformed', reason: 'a frame carries no data' } }
  const direction = frame.direction === 'receive' ? 'received' : 'sent'
  if (frame.opcode !== 1) {
    if (encrypted) return opaque(`a ${direction} binary frame`)
    return { kind: 'unreadable', problem: { kind: 'malformed', reason: `a ${direction} frame is binary; GameSparks sends one JSON object per text frame` } }
  }
  // The JS SDK sends a single space every 30 s; other SDKs and servers treat empty frames as heartbeats.
  if (frame.data.trim() === '') return { kind: 'keep-alive' }
  const depth = nestingDepth(frame.data)
  if (depth > MAX_DEPTH) return { kind: 'unreadable', problem: { kind: 'malformed', reason: `a ${direction} frame nests ${depth} levels deep; GameSparks messages are a few levels at most` } }
  const value = parseJson(frame.data)
  if (value === undefined) {
    if (encrypted) return opaque(`a ${direction} frame`)
    return { kind: 'unreadable', problem: { kind: 'malformed', reason: `a ${direction} frame is not JSON (${describe(frame.data)})` } }
  }
  if (!isRecord(value)) return { kind: 'unreadable', problem: { kind: 'malformed', reason: `a ${direction} frame is ${describe(value)}, not a JSON object with an @class` } }
  // The C# SDK wraps each encrypted frame as {"json": "<AES>", "hmac": …}.
  if (field(value, '@class') === undefined && typeof field(value, 'json') === 'string' && field(value, 'hmac') !== undefined) return opaque(`a ${direction} frame`)
  return { kind: 'message', value, className: stringField(value, '@class') ?? null, requestId: requestIdOf(field(value, 'requestId')) }
}
