/**
 * Applies and writes what is pending. Scopes whose sockets took frames are written after the others, in a
 * transaction of their own: a socket's backlog must not hold up other tabs' captures.
 */
import type { CaptureRecord, Scope } from '../store/records'
import type { ScopeWrite } from '../store/writes'
import { earliestExpiry } from '../store/queries'
import { isQuotaError, writeChanges, writeScopeRecords } from '../store/writes'
import { bodyChars, frameChars, HELD_PER_CAPTURE } from './drops'
import type { PendingScope } from './pending-writes'
import { scopeWrite } from './pending-writes'
import type { PipelineParts } from './pipeline-parts'
import { BUSY_SHARE_FACTOR, settleChanges } from './settle-changes'

export async function writePending(parts: PipelineParts, everything: boolean): Promise<void> {
  const { pending } = parts
  const sockets = await settleChanges(parts, everything)
  if (pending.captures.size === 0 && pending.scopes.size === 0) return
  const captures = [...pending.captures.values()]
  const held = [...pending.scopes.values()]
  pending.captures.clear()
  pending.scopes.clear()
  const split = [false, true].map((flooded) => ({
    captures: captures.filter((capture) => sockets.has(capture.scope) === flooded),
    scopes: held.filter((scoped) => sockets.has(scoped.state.record.scope) === flooded),
  }))
  for (const [index, part] of split.entries()) {
    if (part.captures.length === 0 && part.scopes.length === 0) continue
    try {
      await writePart(parts, part.captures, part.scopes, sockets)
    } catch (error) {
      if (!isQuotaError(error)) throw error
      // Nothing of this part was stored, and the next is not tried: all of it stays.
      const rest = split.slice(index)
      await holdRefused(parts, error, rest.flatMap((p) => p.captures), rest.flatMap((p) => p.scopes))
      return
    }
  }
  if (parts.refusal.succeeded()) for (const state of parts.scopes.states.values()) state.overflow = null
  parts.platform.scheduleExpiry(await earliestExpiry())
}

/** Writes captures and the scopes they belong to in one transaction. Throws when the browser refuses it. */
async function writePart(parts: PipelineParts, captures: CaptureRecord[], held: PendingScope[], sockets: ReadonlySet<Scope>): Promise<void> {
  const settings = await parts.settings.engine()
  const now = parts.platform.now()
  const writes: ScopeWrite[] = held.map((scoped) => scopeWrite(scoped, settings, now))
  const frameRanges = new Map(captures.flatMap((capture) => (capture.frames === undefined ? [] : [[capture.seq, { from: framesStored(parts, capture), to: capture.frames.length }] as const])))
  const writing = performance.now()
  await writeChanges(captures, writes, (capture) => frameRanges.get(capture.seq)!)
  const written = performance.now()
  for (const capture of captures) {
    const range = frameRanges.get(capture.seq)
    if (range !== undefined) parts.scopes.states.get(capture.scope)?.framesStored.set(capture.seq, Math.max(range.from, range.to))
  }
  // The write took its share of the worker too: a socket's scope waits for it as for its application.
  for (const { state } of held) if (sockets.has(state.record.scope)) state.notBefore += BUSY_SHARE_FACTOR * (written - writing)
  parts.platform.changed(writes.map((write) => write.record))
}

/**
 * The browser refused the write for lack of space: nothing of it was stored. Everything stays pending (capture
 * goes on in memory), retention is asked to free space, the scopes show a notice if even that small record
 * can be written, and the write is tried again later, less often the longer it fails.
 */
async function holdRefused(parts: PipelineParts, error: unknown, captures: CaptureRecord[], heldScopes: PendingScope[]): Promise<void> {
  const { platform, pending } = parts
  // From the first refusal on, what is held in memory is counted, starting with what this write would have stored.
  const since = parts.refusal.refused(error, () => captures.reduce((sum, capture) => sum + HELD_PER_CAPTURE + bodyChars(capture) + frameChars(capture, framesStored(parts, capture)), 0))
  for (const capture of captures) if (!pending.captures.has(capture.seq)) pending.captures.set(capture.seq, capture)
  for (const scoped of heldScopes) pending.scopes.set(scoped.state.record.scope, scoped)
  const notice = { since, held: pending.captures.size }
  const records = heldScopes.map((scoped) => ({ ...scoped.state.record, storageNotice: notice }))
  platform.storageFull?.()
  try {
    await writeScopeRecords(records)
    platform.changed(records)
  } catch {
    // Not even a scope record fits; the retry will tell.
  }
  parts.writes.schedule()
}

/** How many of a socket's frames the store holds already. */
function framesStored(parts: PipelineParts, capture: CaptureRecord): number {
  return parts.scopes.states.get(capture.scope)?.framesStored.get(capture.seq) ?? capture.storedFrames ?? 0
}
