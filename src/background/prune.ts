/**
 * Retention in the worker: gathers what the stored scopes are, lets `decideRetention` choose, deletes through
 * the pipeline (the same path as the Clear button, so the in-memory engine forgets them too) and records
 * what went, for the UI to say.
 */
import type { RetentionSettings } from '../session/user-settings'
import { retentionOf } from '../session/user-settings'
import type { RetentionReport } from '../shared/retention-report'
import { saveRetentionReport } from '../shared/retention-report'
import { browser } from '../platform/browser'
import { loadUserSettings } from '../shared/settings-storage'
import { captureCount, listScopes } from '../store/queries'
import type { Scope } from '../store/records'
import type { Pipeline } from './pipeline'
import type { RetentionDecision } from './retention'
import { decideRetention } from './retention'
import { serialQueue } from './serial-queue'

export const RETENTION_ALARM = 'sessionscope-retention'
const RETENTION_PERIOD_MINUTES = 60

export interface RetentionFacts {
  settings(): Promise<RetentionSettings>
  /** Scopes of the tabs the browser has open now. */
  openScopes(): Promise<ReadonlySet<Scope>>
  /** Called once per clean-up that deleted something. */
  record(report: RetentionReport): Promise<void>
}

/** Deletes what retention says must go as of `now`; returns what it deleted. */
export async function prune(pipeline: Pipeline, facts: RetentionFacts, now: number): Promise<RetentionDecision[]> {
  await pipeline.flush()
  const [settings, open, records] = await Promise.all([facts.settings(), facts.openScopes(), listScopes()])
  const candidates = await Promise.all(
    records.map(async (record) => ({ scope: record.scope, kind: record.kind, updatedAt: record.updatedAt, captures: await captureCount(record.scope), open: open.has(record.scope) })),
  )
  const decisions = decideRetention(candidates, now, settings)
  for (const decision of decisions) await pipeline.clearScope(decision.scope)
  if (decisions.length > 0) await facts.record({ at: now, scopes: decisions.length, captures: decisions.reduce((sum, decision) => sum + decision.captures, 0) })
  return decisions
}

/** `prune` for one pipeline, one clean-up at a time (startup, the alarm and a settings change may coincide). */
export function createPruner(pipeline: Pipeline, facts: RetentionFacts): (now: number) => Promise<RetentionDecision[]> {
  const run = serialQueue()
  return (now) => run(() => prune(pipeline, facts, now))
}

export function browserRetentionFacts(scopeOfTab: (tabId: number) => Promise<Scope>): RetentionFacts {
  return {
    settings: async () => retentionOf(await loadUserSettings()),
    async openScopes() {
      const tabs = await browser.tabs.query({})
      return new Set(await Promise.all(tabs.flatMap((tab) => (tab.id === undefined ? [] : [scopeOfTab(tab.id)]))))
    },
    record: saveRetentionReport,
  }
}

/** Wakes the worker hourly to prune; an existing alarm keeps its schedule when the worker starts again. */
export async function scheduleRetention(): Promise<void> {
  if (await browser.alarms.get(RETENTION_ALARM)) return
  await browser.alarms.create(RETENTION_ALARM, { periodInMinutes: RETENTION_PERIOD_MINUTES, delayInMinutes: RETENTION_PERIOD_MINUTES })
}
