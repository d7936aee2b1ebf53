import type { CaptureDrops, CaptureRecord } from '../store/records'
import type { CaptureBounds } from './drops'
import { bodyChars, droppedText, noDrops } from './drops'
import type { ScopeState } from './scope-engine'

/** The capture with what it lost at the bounds so far: counted in `drops`, in words in `dropped`. */
export function withDrops(state: ScopeState, capture: CaptureRecord, bounds: CaptureBounds): CaptureRecord {
  const drops = state.drops.get(capture.seq)
  const text = drops === undefined ? undefined : droppedText(drops, bounds)
  return text === undefined || text === capture.dropped ? capture : { ...capture, dropped: text, drops: structuredClone(drops) }
}

/** What a capture of the scope lost at the bounds, counted on from here. */
export function dropsOf(state: ScopeState, seq: number): CaptureDrops {
  let drops = state.drops.get(seq)
  if (!drops) state.drops.set(seq, (drops = noDrops()))
  return drops
}

/** The capture without bodies it did not have before once the tab keeps its limit of bodies. */
export function withinTabBodies(state: ScopeState, known: CaptureRecord | undefined, merged: CaptureRecord, bounds: CaptureBounds): CaptureRecord {
  if ((state.record.bodyChars ?? 0) < bounds.tabBodyChars) return merged
  return withDrops(state, withoutNewBodies(state, known, merged, 'tab'), bounds)
}

/** `merged` with the bodies of `known` (its version before, if any) in place of new ones; counts the drop. */
export function withoutNewBodies(state: ScopeState, known: CaptureRecord | undefined, merged: CaptureRecord, cause: CaptureDrops['bodies'][number]): CaptureRecord {
  const response = merged.response && { ...merged.response, body: known?.response?.body ?? null }
  const kept: CaptureRecord = { ...merged, requestBody: known?.requestBody ?? null, response }
  if (bodyChars(merged) > bodyChars(kept)) {
    const drops = dropsOf(state, merged.seq)
    if (!drops.bodies.includes(cause)) drops.bodies.push(cause)
  }
  return kept
}
