/** What the pipeline does to the scopes as a whole: let their clocks run, judge them again, let them go. */
import { database } from '../store/db'
import type { Scope } from '../store/records'
import { earliestExpiry, listScopes, scopesDueBy } from '../store/queries'
import { deleteScope } from '../store/writes'
import type { PipelineParts } from './pipeline-parts'
import { logOf, stage } from './pipeline-parts'
import { advance, rejudge } from './scope-engine'
import { settleChanges } from './settle-changes'

/** Lets every scope's clock reach `now`; sessions that went silent expire. */
export async function expireScopes(parts: PipelineParts, now: number): Promise<void> {
  await settleChanges(parts, true)
  for (const record of await scopesDueBy(now)) {
    const state = await parts.scopes.load(record.scope, record.tabId)
    const applied = advance(state, now, await parts.settings.engine())
    if (applied.sessions.size > 0) stage(parts, state, applied)
  }
  await parts.writes.now()
  parts.platform.scheduleExpiry(await earliestExpiry())
}

/** Re-reads the settings, brings the store in line with the at-rest choice and judges every stored capture again. */
export async function rejudgeAll(parts: PipelineParts): Promise<void> {
  parts.settings.reload()
  const fresh = await parts.settings.engine()
  await parts.scrub(parts.scopes.states.values(), () => parts.writePending(true))
  for (const record of await listScopes()) {
    const state = await parts.scopes.load(record.scope, record.tabId)
    stage(parts, state, rejudge(state, await logOf(parts, record.scope), fresh))
    // A tab's clock is now; an import's stopped when it was captured.
    const now = record.kind === 'import' ? record.observedUntil : parts.platform.now()
    if (now != null) stage(parts, state, advance(state, now, fresh))
  }
  await parts.writes.now()
}

/** Writes the closed tab's scope and lets it leave memory. */
export async function forgetTab(parts: PipelineParts, tabId: number): Promise<void> {
  const scope = await parts.platform.scopeOfTab(tabId)
  if (!parts.scopes.states.has(scope)) return
  await parts.writes.now()
  // A write the browser refused for lack of space is held with this state; it stays until stored.
  if (!parts.pending.scopes.has(scope)) parts.scopes.states.delete(scope)
}

/** Deletes a scope and all its data, from memory and from the store. */
export async function clearScope(parts: PipelineParts, scope: Scope): Promise<void> {
  const { states } = parts.scopes
  const record = states.get(scope)?.record ?? (await (await database()).get('scopes', scope))
  states.delete(scope)
  parts.pending.scopes.delete(scope)
  for (const [key, capture] of parts.pending.captures) if (capture.scope === scope) parts.pending.captures.delete(key)
  await deleteScope(scope)
  parts.platform.cleared(scope, record?.tabId ?? null)
  parts.platform.scheduleExpiry(await earliestExpiry())
}
