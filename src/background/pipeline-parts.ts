import type { CaptureRecord, Scope } from '../store/records'
import { capturesOf } from '../store/queries'
import type { PendingWrites } from './pending-writes'
import { stageApplied } from './pending-writes'
import type { PipelineLimits } from './pipeline-limits'
import type { PipelineSettings } from './pipeline-settings'
import type { Platform } from './platform'
import type { Applied, ScopeState } from './scope-engine'
import type { ScopeLoader } from './scope-loader'
import type { StoreScrubber } from './secrets-at-rest'
import type { StorageRefusal } from './storage-refusal'
import type { WriteBatcher } from './write-batcher'

/** What the pipeline's steps share: one of each per pipeline, all used from its serial queue only. */
export interface PipelineParts {
  platform: Platform
  limits: PipelineLimits
  scopes: ScopeLoader
  pending: PendingWrites
  settings: PipelineSettings
  refusal: StorageRefusal
  writes: WriteBatcher
  scrub: StoreScrubber
  /** The numbering of new captures, once it is known. */
  nextSeq(): Promise<() => number>
  /** Applies and writes what is pending (write-pending.ts); `everything`: no scope waits its turn. */
  writePending(everything: boolean): Promise<void>
}

/** Stages what an application changed for the next write, and schedules that. */
export function stage(parts: PipelineParts, state: ScopeState, applied: Applied): void {
  stageApplied(parts.pending, state, applied)
  parts.writes.schedule()
}

/** Every capture of a scope: stored, plus those still waiting to be written. */
export async function logOf(parts: PipelineParts, scope: Scope): Promise<CaptureRecord[]> {
  return (await capturesOf(scope)).concat([...parts.pending.captures.values()].filter((capture) => capture.scope === scope))
}
