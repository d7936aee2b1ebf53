/**
 * The ingest pipeline of the service worker: capture update → merged capture → session engine → store.
 * Browser APIs come in through `Platform`, so the whole pipeline runs in unit tests on fake-indexeddb.
 * Updates are processed strictly in arrival order; writes are batched and land in one transaction.
 */
import type { CaptureRecord, Scope } from '../store/records'
import { captureSeqs } from './capture-seq'
import type { CaptureUpdate } from './capture-update'
import { takeUpdate } from './capture-intake'
import { importHar } from './har-import'
import { pendingWrites } from './pending-writes'
import type { PipelineLimits } from './pipeline-limits'
import { PIPELINE_LIMITS } from './pipeline-limits'
import type { PipelineParts } from './pipeline-parts'
import { pipelineSettings } from './pipeline-settings'
import type { Platform } from './platform'
import { scopeLoader } from './scope-loader'
import { clearScope, expireScopes, forgetTab, rejudgeAll } from './scope-upkeep'
import { storeScrubber } from './secrets-at-rest'
import { serialQueue } from './serial-queue'
import { storageRefusal } from './storage-refusal'
import { writeBatcher } from './write-batcher'
import { writePending } from './write-pending'

export type { PipelineLimits } from './pipeline-limits'
export { PIPELINE_LIMITS } from './pipeline-limits'
export type { Platform } from './platform'

export interface Pipeline {
  submit(update: CaptureUpdate): Promise<void>
  /** Resolves when everything submitted so far is stored. */
  flush(): Promise<void>
  /** Lets every scope's clock reach `now`; sessions that went silent expire. */
  expire(now: number): Promise<void>
  clearScope(scope: Scope): Promise<void>
  /**
   * The tab was closed: its scope's state (engine, recent captures, replay history) is written and leaves memory.
   * A worker kept alive by a playing video would otherwise hold every closed tab's state. A late report (an unload
   * beacon's answer) reads it back from the store, as after a worker restart.
   */
  forgetTab(tabId: number): Promise<void>
  /** Re-reads the settings and judges every stored capture again with them. */
  settingsChanged(): Promise<void>
  /** Replays a HAR file's captures into a new scope beside the tabs; returns the scope. Throws HarError. */
  importHar(name: string, text: string): Promise<Scope>
  /**
   * The captures of `seqs` with the values they were sent with, those memory still holds (an open tab's recent
   * captures), in no particular order. The store holds them redacted unless secrets are kept on disk (at-rest.ts).
   */
  sentCaptures(scope: Scope, seqs: readonly number[]): Promise<CaptureRecord[]>
}

export function createPipeline(platform: Platform, lowered: Partial<PipelineLimits> = {}): Pipeline {
  const limits: PipelineLimits = { ...PIPELINE_LIMITS, ...lowered }
  const run = serialQueue()
  const settings = pipelineSettings(platform)
  const refusal = storageRefusal(platform, limits)
  const parts: PipelineParts = {
    platform,
    limits,
    scopes: scopeLoader(() => platform.now()),
    pending: pendingWrites(),
    settings,
    refusal,
    writes: writeBatcher(run, (everything) => writePending(parts, everything), () => refusal.retryDelay, platform.log),
    scrub: storeScrubber(settings),
    nextSeq: captureSeqs(),
    writePending: (everything) => writePending(parts, everything),
  }
  return {
    submit: (update) => run(() => takeUpdate(parts, update)),
    flush: () => run(() => parts.writes.now()),
    expire: (now) => run(() => expireScopes(parts, now)),
    settingsChanged: () => run(() => rejudgeAll(parts)),
    importHar: (name, text) => run(() => importHar(parts, name, text)),
    sentCaptures: (scope, seqs) =>
      run(async () => {
        const recent = parts.scopes.states.get(scope)?.recent.bySeq
        return recent === undefined ? [] : seqs.flatMap((seq) => recent.get(seq) ?? [])
      }),
    forgetTab: (tabId) => run(() => forgetTab(parts, tabId)),
    clearScope: (scope) => run(() => clearScope(parts, scope)),
  }
}
