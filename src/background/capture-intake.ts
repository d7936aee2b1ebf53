/** A capture update, taken in: merged into what memory holds of its capture, kept within the bounds and applied. */
import type { CaptureRecord, FrameTally } from '../store/records'
import type { CaptureUpdate } from './capture-update'
import type { DropCause } from './drops'
import { bodyChars, dropFrame, frameChars, frameRefusal, HELD_PER_CAPTURE } from './drops'
import { mergeUpdate, remember, socketOf } from './merge'
import type { PipelineParts } from './pipeline-parts'
import { stage } from './pipeline-parts'
import type { ScopeState } from './scope-engine'
import { dropsOf, withDrops, withinTabBodies, withoutNewBodies } from './scope-drops'
import { applyAtRest, describeTab } from './secrets-at-rest'

export async function takeUpdate(parts: PipelineParts, update: CaptureUpdate): Promise<void> {
  const { platform, limits } = parts
  const nextSeq = await parts.nextSeq()
  const origin = 'origin' in update ? update.origin : undefined
  const scope = await platform.scopeOfTab(update.tabId, origin)
  const fresh = !parts.scopes.states.has(scope)
  const state = await parts.scopes.load(scope, update.tabId)
  if (update.kind === 'socket-frame') return takeFrame(parts, state, update, nextSeq)
  const held = holdable(parts, state, update, mergeUpdate(state.recent, scope, update, nextSeq))
  if (!held) return
  const known = state.recent.bySeq.get(held.seq)
  const merged = withinTabBodies(state, known, held, limits)
  const forgotten = remember(state.recent, merged, limits.inFlight)
  const result = await applyAtRest(parts.settings, state, merged)
  if (result) {
    // What the tab keeps in bodies: this tracking capture's now, in place of what its earlier version kept.
    state.record.bodyChars = (state.record.bodyChars ?? 0) + bodyChars(merged) - (known?.signature === undefined ? 0 : bodyChars(known))
    // Memory keeps it as sent: later reports merge into it, and "Show secrets" reads it (sentCaptures).
    forgotten.push(...remember(state.recent, { ...merged, signature: result.capture.signature }, limits.inFlight))
    parts.pending.captures.set(result.capture.seq, result.capture)
    if (fresh || state.record.url === '') await describeTab(platform, parts.settings, state, update.tabId, origin)
    stage(parts, state, result.applied)
  }
  for (const capture of forgotten) await markDropped(parts, state, capture)
}

/**
 * A socket's frame: appended (the socket is applied at the next write, once for all frames since), or dropped and
 * counted when it is past the socket's or the tab's limit, or would be held while the disk refuses writes.
 */
async function takeFrame(parts: PipelineParts, state: ScopeState, update: Extract<CaptureUpdate, { kind: 'socket-frame' }>, nextSeq: () => number): Promise<void> {
  const { limits, refusal } = parts
  const socket = socketOf(state.recent, update)
  if (socket?.frames === undefined) return
  const { data, truncatedFrom } = update.message
  // The page hook leaves a frame's data out once its socket relayed as much as the worker keeps.
  const leftOut = data === '' && truncatedFrom !== undefined
  const chars = leftOut ? truncatedFrom : data.length
  const keptChars = state.socketChars.get(socket.seq) ?? frameChars(socket)
  const tab: FrameTally = (state.record.frames ??= { count: 0, chars: 0 })
  let refused: DropCause | null = leftOut ? 'socket' : frameRefusal(limits, tab, socket.frames.length, keptChars, chars)
  if (refused === null && refusal.since !== null && !refusal.hold(chars)) refused = 'storage'
  state.grown.add(socket.seq)
  parts.writes.schedule()
  if (refused !== null) return dropFrame(dropsOf(state, socket.seq), refused, chars)
  const grown = mergeUpdate(state.recent, state.record.scope, update, nextSeq)!
  state.socketChars.set(socket.seq, keptChars + chars)
  tab.count++
  tab.chars += chars
  for (const forgotten of remember(state.recent, grown, limits.inFlight)) await markDropped(parts, state, forgotten)
}

/**
 * What of a merged capture memory may hold. While the disk refuses writes, bodies and new captures are held up to
 * the bound; past it, a new body is dropped (and counted on its capture), and so is a new request, counted on the
 * first request of the tab that came past the bound, which is kept without its bodies and headers. Null: nothing
 * to keep.
 */
function holdable(parts: PipelineParts, state: ScopeState, update: CaptureUpdate, merged: CaptureRecord | null): CaptureRecord | null {
  if (merged === null || parts.refusal.since === null) return merged
  const known = state.recent.bySeq.get(merged.seq)
  const added = known === undefined ? HELD_PER_CAPTURE + bodyChars(merged) : bodyChars(merged) - bodyChars(known)
  // The mark of what was not held takes no body later either.
  if (merged.seq !== state.overflow && parts.refusal.hold(added)) return merged
  if (known === undefined && state.overflow !== null) {
    // The page hook's report of a request webRequest reports too: counted once, as webRequest's.
    if (update.kind === 'hook-request') return null
    dropsOf(state, state.overflow).requests++
    state.grown.add(state.overflow)
    parts.writes.schedule()
    return null
  }
  const kept = withoutNewBodies(state, known, merged, 'storage')
  if (known === undefined) state.overflow = merged.seq
  return withDrops(state, known === undefined ? { ...kept, requestHeaders: [] } : kept, parts.limits)
}

/**
 * A tracking capture forgotten while still waiting for reports: whatever comes for it later is lost, so
 * the capture says so (rule capture-dropped) instead of silently missing its response or frames.
 */
export async function markDropped(parts: PipelineParts, state: ScopeState, capture: CaptureRecord): Promise<void> {
  // Not a tracking request (yet): nothing of it is stored, and nothing is there to mark.
  if (capture.signature === undefined) return
  const latest = withDrops(state, parts.pending.captures.get(capture.seq) ?? capture, parts.limits)
  const inFlight = `more than ${parts.limits.inFlight} requests of this tab were waiting for their responses at once, so later reports about this one were dropped`
  const dropped = latest.dropped === undefined ? inFlight : `${latest.dropped}; ${inFlight}`
  const result = await applyAtRest(parts.settings, state, { ...latest, dropped })
  if (!result) return
  parts.pending.captures.set(result.capture.seq, result.capture)
  stage(parts, state, result.applied)
}
