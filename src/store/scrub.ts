/** Rewrites what the store holds of captures in another form: the worker's, when secrets must no longer be kept on disk. */
import type { WebSocketFrame } from '../protocols/captured-request'
import { database } from './db'
import type { CaptureRecord, FrameRecord } from './records'

export interface Rewrite {
  capture(record: CaptureRecord): CaptureRecord
  frame(frame: WebSocketFrame): WebSocketFrame
  /** A tab's address and title. */
  text(text: string): string
}

/**
 * Puts every stored capture, frame and tab address through `rewrite`, writing back those that change, in one
 * transaction. Returns how many records changed.
 */
export async function rewriteCaptures({ capture, frame, text }: Rewrite): Promise<number> {
  const tx = (await database()).transaction(['captures', 'frames', 'scopes'], 'readwrite')
  let changed = 0
  for (let cursor = await tx.objectStore('scopes').openCursor(); cursor; cursor = await cursor.continue()) {
    const { url, title } = cursor.value
    if (text(url) === url && text(title) === title) continue
    changed++
    await cursor.update({ ...cursor.value, url: text(url), title: text(title) })
  }
  for (let cursor = await tx.objectStore('captures').openCursor(); cursor; cursor = await cursor.continue()) {
    const rewritten = capture(cursor.value)
    if (JSON.stringify(rewritten) === JSON.stringify(cursor.value)) continue
    changed++
    await cursor.update(rewritten)
  }
  for (let cursor = await tx.objectStore('frames').openCursor(); cursor; cursor = await cursor.continue()) {
    const { scope, capture: seq, index, ...stored } = cursor.value
    const rewritten = frame(stored)
    if (rewritten.data === stored.data) continue
    changed++
    await cursor.update({ ...rewritten, scope, capture: seq, index } satisfies FrameRecord)
  }
  await tx.done
  return changed
}
