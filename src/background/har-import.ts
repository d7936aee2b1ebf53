import { fromHar } from '../report/from-har'
import { createEngine } from '../session/engine'
import type { CaptureRecord, Scope } from '../store/records'
import { emptyRecent } from './merge'
import type { PipelineParts } from './pipeline-parts'
import { stage } from './pipeline-parts'
import { pendingFor } from './pending-writes'
import { advance, scopeState } from './scope-engine'
import { blankScopeRecord } from './scope-loader'
import { applyAtRest } from './secrets-at-rest'
import { settleChanges } from './settle-changes'

/** Replays a HAR file's captures into a new scope beside the tabs, and stores it; returns the scope. Throws HarError. */
export async function importHar(parts: PipelineParts, name: string, text: string): Promise<Scope> {
  const { platform } = parts
  const har = fromHar(text)
  const settings = await parts.settings.engine()
  const nextSeq = await parts.nextSeq()
  const now = platform.now()
  const scope = `import:${platform.newId()}`
  const record = { ...blankScopeRecord(scope, 'import', null, name, now), observedUntil: har.observedUntil }
  const state = scopeState(record, createEngine(), emptyRecent())
  parts.scopes.states.set(scope, state)
  for (const capture of har.captures) {
    const imported: CaptureRecord = { ...capture, seq: nextSeq(), scope, sources: ['har'], entry: capture.seq }
    const result = await applyAtRest(parts.settings, state, imported)
    if (!result) continue
    parts.pending.captures.set(result.capture.seq, result.capture)
    stage(parts, state, result.applied)
  }
  await settleChanges(parts, true)
  if (har.observedUntil !== null) stage(parts, state, advance(state, har.observedUntil, settings))
  // Even a file without tracking requests becomes a visible (empty) import.
  pendingFor(parts.pending, state)
  await parts.writes.now()
  return scope
}
