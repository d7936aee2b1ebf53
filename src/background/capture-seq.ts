import { lastCaptureSeq } from '../store/queries'

/** Numbers captures on from the last one stored; the store is read once, when the first capture needs a number. */
export function captureSeqs(): () => Promise<() => number> {
  let seq: number | null = null
  return async () => {
    seq ??= (await lastCaptureSeq()) + 1
    return () => seq!++
  }
}
