import type { WebSocketFrame } from '../captured-request'
import { field, isRecord, numberField } from '../json-body'
import type { ParsedFrame } from './frames'
import { HANDSHAKE_RESPONSE, kindOf } from './messages'

/** The JS SDK gives up on a request after 32 s (NO_RESPONSE); the C++ and C# SDKs after 15 s unless configured. */
const SDK_TIMEOUT_MS = 32_000

/** Which response answered which request, matched by requestId in order, and which responses answered nothing. */
export interface Answers {
  /** Request frame → the frame that answered it, and when. */
  answerTo: Map<number, number>
  answeredAt: Map<number, number>
  unmatched: Set<number>
  timeoutMs: number
  lastFrameAt: number
}

export function matchAnswers(frames: readonly WebSocketFrame[], parsed: readonly ParsedFrame[]): Answers {
  const waiting = new Map<string, number[]>()
  const answerTo = new Map<number, number>()
  const answeredAt = new Map<number, number>()
  const unmatched = new Set<number>()
  let timeoutMs = SDK_TIMEOUT_MS
  let lastFrameAt = Number.NEGATIVE_INFINITY
  parsed.forEach((item, index) => {
    const frame = frames[index]!
    if (item.kind === 'unreadable' && !isRecord(frame)) return
    if (Number.isFinite(frame.time)) lastFrameAt = Math.max(lastFrameAt, frame.time)
    if (item.kind !== 'message') return
    if (item.className === HANDSHAKE_RESPONSE) {
      // clientConfig.requestTimeout tunes the C++ and C# SDKs; the JS SDK keeps 32 s. Judge by the longer wait.
      const configured = numberField(field(item.value, 'clientConfig'), 'requestTimeout')
      if (configured !== undefined && configured > timeoutMs) timeoutMs = configured
      return
    }
    if (item.requestId === null) return
    const kind = kindOf(item.className)
    if (frame.direction === 'send' && kind === 'request') {
      const queue = waiting.get(item.requestId)
      if (queue) queue.push(index)
      else waiting.set(item.requestId, [index])
    } else if (frame.direction === 'receive' && kind === 'response') {
      const request = waiting.get(item.requestId)?.shift()
      if (request === undefined) unmatched.add(index)
      else {
        answerTo.set(request, index)
        if (Number.isFinite(frame.time)) answeredAt.set(request, frame.time)
      }
    }
  })
  return { answerTo, answeredAt, unmatched, timeoutMs, lastFrameAt }
}
