/**
 * Reading the hook's copy of a body (a clone's stream, a Blob's), keeping at most the capture limit. A response's
 * copy is read no further: the copy is cancelled as soon as the limit is passed, or soon after the page cancels
 * its own, so the hook never keeps a download going that the page would have ended. A body the page itself holds
 * (a request's) is read to its end, to know its length.
 *
 * The copy is piped into a sink of the hook's own rather than read with a reader: every read() settles a promise
 * with an object, and settling looks up that object's `then`, which a page can watch on Object.prototype. A pipe
 * hands the sink each chunk as it is. For the same reason the pipe is stopped by erroring the sink with no reason
 * (an error object would be looked up the same way), and it leaves the sink open when the copy ends.
 */
import type { RawBody } from '../shared/hook-messages'
import { MAX_BODY_CHARS } from '../shared/hook-messages'
import {
  bare, call, construct, NativeArrayBuffer, nativeSetTimeout, NativeUint8Array,
  NativeWritableStream, sinkError, streamPipeTo, typedArrayBuffer, typedArrayByteLength, typedArrayByteOffset, typedArraySet, whenSettled,
} from './natives'

const FIRST_CAPACITY = 16 * 1024

/** Both always given: a property missing here would be looked up on Object.prototype, where a page can watch. */
export interface ReadOptions {
  /** The body's length when known beforehand (a Content-Length, a Blob's size), or 0. */
  expected: number
  /** Read past the limit to the end, to know the length; only for a body the page already holds. */
  toEnd: boolean
}

/**
 * Reads `stream` and hands `done` the bytes: at most MAX_BODY_CHARS of them, with the body's length (what was read,
 * or `expected` when larger), or null when the body could not be read whole up to the limit (an error, an abort,
 * the page cancelling). Returns the stop to call when the page cancels its copy: what is already on its way is
 * still taken, then the copy is cancelled.
 */
export function readCapped(stream: ReadableStream<Uint8Array>, options: ReadOptions, done: (body: RawBody | null) => void): () => void {
  const { expected, toEnd } = options
  let sinkController: WritableStreamDefaultController | null = null
  let capacity = atMost(MAX_BODY_CHARS, atLeast(FIRST_CAPACITY, expected))
  let buffer = new NativeArrayBuffer(capacity)
  let kept = 0
  let total = 0
  let finished = false
  let stopping = false

  const finish = (body: RawBody | null): void => {
    if (finished) return
    finished = true
    done(body)
  }
  // An errored sink makes the pipe cancel the copy it reads from.
  const cancel = (): void => {
    try {
      call(sinkError, sinkController)
    } catch {
      // The pipe has ended already.
    }
  }
  const keep = (chunk: Uint8Array, length: number): void => {
    const count = atMost(MAX_BODY_CHARS - kept, length)
    if (count <= 0) return
    if (kept + count > capacity) {
      capacity = atMost(MAX_BODY_CHARS, atLeast(kept + count, capacity * 2))
      const grown = new NativeArrayBuffer(capacity)
      call(typedArraySet, new NativeUint8Array(grown), new NativeUint8Array(buffer, 0, kept))
      buffer = grown
    }
    const source = new NativeUint8Array(call<ArrayBuffer>(typedArrayBuffer, chunk), call<number>(typedArrayByteOffset, chunk), count)
    call(typedArraySet, new NativeUint8Array(buffer), source, kept)
    kept += count
  }
  const sink = bare({
    start(controller: WritableStreamDefaultController): void {
      sinkController = controller
    },
    close: undefined,
    abort: undefined,
    type: undefined,
    write(chunk: Uint8Array): void {
      if (finished) return
      try {
        const length = call<number>(typedArrayByteLength, chunk)
        keep(chunk, length)
        total += length
        if (total <= MAX_BODY_CHARS || toEnd) return
        finish({ kind: 'bytes', bytes: buffer, kept, total: atLeast(total, expected) })
      } catch {
        finish(null)
      }
      cancel()
    },
  })
  try {
    const piped = call<Promise<void>>(streamPipeTo, stream, construct(NativeWritableStream!, [sink]), bare({
      preventAbort: false, preventCancel: false, preventClose: true, signal: undefined,
    }))
    whenSettled(piped, () => finish({ kind: 'bytes', bytes: buffer, kept, total: atLeast(total, expected) }), () => finish(null))
  } catch {
    finish(null)
  }

  return () => {
    if (finished || stopping) return
    stopping = true
    // Chunks already queued for the copy arrive within this turn; a body the page read to the end is still whole.
    nativeSetTimeout(() => {
      finish(null)
      cancel()
    }, 0)
  }
}

// Math.min and Math.max are the page's to replace.
const atMost = (a: number, b: number): number => (a < b ? a : b)
const atLeast = (a: number, b: number): number => (a > b ? a : b)
