/** Applies, before each write, what waits in each scope: sockets' new frames and captures that changed. */
import type { EngineSettings } from '../session/settings'
import type { CaptureRecord, Scope } from '../store/records'
import { markDropped } from './capture-intake'
import { remember } from './merge'
import type { PipelineParts } from './pipeline-parts'
import { logOf, stage } from './pipeline-parts'
import type { ScopeState } from './scope-engine'
import { applyCapture, applySocket, noteFrames, settle } from './scope-engine'
import { withDrops } from './scope-drops'
import { applyAtRest } from './secrets-at-rest'
import { FLUSH_DELAY_MS } from './write-batcher'

/**
 * After applying and writing a scope's socket frames, the scope waits this many times as long as that took before
 * its next application: a page flooding a socket gets at most a quarter of the worker's time, other tabs the rest.
 */
export const BUSY_SHARE_FACTOR = 3

/**
 * Applies what waits in each scope: sockets' new frames (once for all of them) and captures that changed since the
 * last write (see `settle`). A scope whose sockets took long to apply waits its turn, unless `everything` must go.
 * Returns the scopes whose sockets took frames.
 */
export async function settleChanges(parts: PipelineParts, everything: boolean): Promise<Set<Scope>> {
  const settings = await parts.settings.engine()
  const flooded = new Set<Scope>()
  for (const state of parts.scopes.states.values()) {
    if (state.changed.size === 0 && state.grown.size === 0) continue
    const began = performance.now()
    if (!everything && began < state.notBefore) {
      parts.writes.schedule(Math.max(FLUSH_DELAY_MS, state.notBefore - began))
      continue
    }
    const sockets = await applyGrown(parts, state, settings, everything ? Number.POSITIVE_INFINITY : parts.limits.frameCharsPerWrite)
    const applied = await settle(state, settings, () => logOf(parts, state.record.scope))
    if (applied) stage(parts, state, applied)
    const ended = performance.now()
    if (sockets) {
      state.notBefore = ended + BUSY_SHARE_FACTOR * (ended - began)
      flooded.add(state.record.scope)
    }
  }
  return flooded
}

/**
 * Applies each socket that took frames (up to `chars` of new frame data each; the rest waits for the next write),
 * and each capture whose count of drops changed, in capture order. Returns whether it applied socket frames.
 */
async function applyGrown(parts: PipelineParts, state: ScopeState, settings: EngineSettings, chars: number): Promise<boolean> {
  const grown = [...state.grown].sort((a, b) => a - b)
  state.grown.clear()
  let sockets = false
  for (const seq of grown) {
    const latest = state.recent.bySeq.get(seq)
    if (!latest) continue
    const capture = withDrops(state, latest, parts.limits)
    const part = capture.frames === undefined ? capture : framesUpTo(state, capture, chars)
    const result = await applyAtRest(parts.settings, state, part, part.frames === undefined ? applyCapture : applySocket)
    // Not a tracking socket (yet): its frames so far were looked at all the same.
    noteFrames(state, part)
    if (part !== capture) {
      state.grown.add(seq)
      parts.writes.schedule()
    }
    if (!result) continue
    sockets ||= part.frames !== undefined
    // What was applied is stored; memory keeps every frame that came, as sent.
    parts.pending.captures.set(seq, result.capture)
    const kept = { ...capture, signature: result.capture.signature }
    for (const forgotten of remember(state.recent, kept, parts.limits.inFlight)) await markDropped(parts, state, forgotten)
    stage(parts, state, result.applied)
  }
  return sockets
}

/** The socket with its frames up to `chars` of frame data past those applied already (at least one more). */
function framesUpTo(state: ScopeState, socket: CaptureRecord, chars: number): CaptureRecord {
  const frames = socket.frames!
  const from = state.framesApplied.get(socket.seq) ?? 0
  let to = from
  let budget = chars
  while (to < frames.length && (budget > 0 || to === from)) budget -= frames[to++]!.data.length
  return to === frames.length ? socket : { ...socket, frames: frames.slice(0, to) }
}
