/**
 * WebSocket frames are stored one record each, appended as they come: a socket's record no longer holds them, so a
 * new frame costs one small write, not a rewrite of every frame before it. Reads put the frames back into their
 * capture, so nothing outside the store sees the difference.
 */
import type { WebSocketFrame } from '../protocols/captured-request'
import type { CaptureRecord, FrameRecord } from './records'

/** What one write of a capture stores: its record, and the frames not stored before. */
interface CaptureWrite {
  record: CaptureRecord
  frames: FrameRecord[]
}

/** Which of a socket's frames a write stores: from `from` (those before are stored already) up to `to`. */
export interface FrameRange {
  from: number
  to: number
}

/** All frames the store does not hold yet, by what the capture says it holds. */
export function unstoredFrames(capture: CaptureRecord): FrameRange {
  return { from: capture.storedFrames ?? 0, to: capture.frames?.length ?? 0 }
}

/**
 * The capture as the store keeps it: frames in `range` become records of their own (the ones before are there
 * already), and the record carries only how many the store holds.
 */
export function captureWrite(capture: CaptureRecord, range: FrameRange): CaptureWrite {
  if (capture.frames === undefined) return { record: capture, frames: [] }
  const { frames } = capture
  const fresh: FrameRecord[] = []
  for (let index = range.from; index < range.to; index++) fresh.push({ ...frames[index]!, scope: capture.scope, capture: capture.seq, index })
  // A version with fewer frames than the store holds (one applied in parts) takes none back.
  return { record: { ...capture, frames: [], storedFrames: Math.max(range.from, range.to) }, frames: fresh }
}

/** Puts a stored capture's frames (its own, in key order) back in place. */
export function withFrames(record: CaptureRecord, frames: readonly FrameRecord[]): CaptureRecord {
  if (record.storedFrames === undefined) return record
  return { ...record, frames: frames.slice(0, record.storedFrames).map(toFrame) }
}

/** Every stored capture of a list with its frames, given all frames of their scope in key order. */
export function joinFrames(records: readonly CaptureRecord[], frames: readonly FrameRecord[]): CaptureRecord[] {
  const bySocket = new Map<number, FrameRecord[]>()
  for (const frame of frames) {
    const list = bySocket.get(frame.capture)
    if (list) list.push(frame)
    else bySocket.set(frame.capture, [frame])
  }
  return records.map((record) => withFrames(record, bySocket.get(record.seq) ?? []))
}

/** The key range of one capture's frames. */
export function captureFrames(seq: number): IDBKeyRange {
  return IDBKeyRange.bound([seq, Number.NEGATIVE_INFINITY], [seq, Number.POSITIVE_INFINITY])
}

function toFrame(record: FrameRecord): WebSocketFrame {
  const frame: WebSocketFrame = { direction: record.direction, time: record.time, opcode: record.opcode, data: record.data }
  if (record.truncatedFrom !== undefined) frame.truncatedFrom = record.truncatedFrom
  return frame
}
