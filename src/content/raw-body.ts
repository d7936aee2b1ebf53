/**
 * What the page hook keeps of a body the page sends (XHR, beacon) or of a WebSocket frame, as a RawBody for the
 * relay. The page's object is read through saved natives only: its type is told by which native getter accepts
 * it (never `instanceof`, which a page can trap), and at most the capture limit of it is copied.
 */
import type { RawBody } from '../shared/hook-messages'
import { MAX_BODY_CHARS } from '../shared/hook-messages'
import { readCapped } from './capped-read'
import {
  accepts, arrayBufferByteLength, bare, blobSize, blobStream, blobSlice, call, dataViewBuffer, dataViewByteLength, dataViewByteOffset,
  defineProperty, fileName, formDataForEach, isView, NativeArrayBuffer, NativeUint8Array, searchParamsToString, stringSlice, typedArrayBuffer,
  typedArrayByteLength, typedArrayByteOffset, typedArraySet,
} from './natives'

/** Hands `deliver` the body, at once or (a Blob) once read. Never throws. */
export function rawBodyOf(value: unknown, deliver: (body: RawBody | null) => void): void {
  try {
    if (typeof value === 'string') return deliver(textBody(value))
    if (typeof value !== 'object' || value === null) return deliver(null)
    const body = bufferBody(value) ?? searchParamsBody(value) ?? formBody(value)
    if (body !== undefined || !readBlob(value, deliver)) deliver(body ?? null)
  } catch {
    deliver(null)
  }
}

export function textBody(text: string): RawBody {
  return { kind: 'text', text: text.length > MAX_BODY_CHARS ? call<string>(stringSlice, text, 0, MAX_BODY_CHARS) : text, total: text.length }
}

/** An ArrayBuffer, typed array or DataView: a copy of its first MAX_BODY_CHARS bytes. */
function bufferBody(value: object): RawBody | undefined {
  let buffer: ArrayBuffer
  let offset = 0
  let length: number
  try {
    length = call(arrayBufferByteLength, value)
    buffer = value as ArrayBuffer
  } catch {
    if (!isView(value)) return undefined
    // A typed array's getters refuse a DataView, and the other way round.
    const typed = accepts(typedArrayByteLength, value)
    buffer = call(typed ? typedArrayBuffer : dataViewBuffer, value)
    offset = call(typed ? typedArrayByteOffset : dataViewByteOffset, value)
    length = call(typed ? typedArrayByteLength : dataViewByteLength, value)
  }
  const kept = length > MAX_BODY_CHARS ? MAX_BODY_CHARS : length
  const copy = new NativeArrayBuffer(kept)
  call(typedArraySet, new NativeUint8Array(copy), new NativeUint8Array(buffer, offset, kept))
  return { kind: 'bytes', bytes: copy, kept, total: length }
}

function searchParamsBody(value: object): RawBody | undefined {
  try {
    return textBody(call(searchParamsToString, value))
  } catch {
    return undefined
  }
}

/** A FormData's fields as flat name/value pairs; a file stands as `[file name]`. */
function formBody(value: object): RawBody | undefined {
  const pairs: string[] = []
  // Appending by defining: `push` would run a setter a page put on Array.prototype.
  const append = (text: string): void => void defineProperty(pairs, pairs.length, bare({ value: text, writable: true, enumerable: true, configurable: true }))
  try {
    call(formDataForEach, value, (entry: unknown, name: string) => {
      append(name)
      append(typeof entry === 'string' ? entry : `[file ${call<string>(fileName, entry)}]`)
    })
  } catch {
    return undefined
  }
  return { kind: 'form', pairs }
}

/** Starts reading a Blob's first MAX_BODY_CHARS bytes; false when `value` is not a Blob. */
function readBlob(value: object, deliver: (body: RawBody | null) => void): boolean {
  let size: number
  try {
    size = call(blobSize, value)
  } catch {
    return false
  }
  const part = size > MAX_BODY_CHARS ? call<Blob>(blobSlice, value, 0, MAX_BODY_CHARS) : value
  readCapped(call(blobStream, part), { expected: size, toEnd: false }, deliver)
  return true
}
