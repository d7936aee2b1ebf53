import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Platform } from '../../../src/background/pipeline'
import { createPipeline } from '../../../src/background/pipeline'
import type { RetentionFacts } from '../../../src/background/prune'
import { createPruner } from '../../../src/background/prune'
import { DEFAULT_SETTINGS } from '../../../src/session/settings'
import { RETENTION_DEFAULTS } from '../../../src/session/user-settings'
import type { RetentionReport } from '../../../src/shared/retention-report'
import { closeDatabase, database } from '../../../src/store/db'
import { capturesOf, getScope, listScopes } from '../../../src/store/queries'
import type { ScopeRecord } from '../../../src/store/records'
import { writeChanges } from '../../../src/store/writes'

const DAY = 24 * 60 * 60 * 1000
const T0 = Date.parse('2026-01-15T02:00:00.000Z')
const HAR = 'adobe-media-edge/event-after-session-end.har'
const fixture = (name: string): string => readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', name), 'utf8')

let now = T0
let ids = 0
const cleared: string[] = []

const platform: Platform = {
  settings: async () => DEFAULT_SETTINGS,
  now: () => now,
  tabInfo: async () => null,
  scopeOfTab: async (tabId) => `tab:${tabId}@test`,
  changed: () => {},
  cleared: (scope) => void cleared.push(scope),
  newId: () => `id${++ids}`,
  scheduleExpiry: () => {},
  log: (error) => {
    throw error
  },
}

function facts(open: string[], reports: RetentionReport[], settings = RETENTION_DEFAULTS): RetentionFacts {
  return { settings: async () => settings, openScopes: async () => new Set(open), record: async (report) => void reports.push(report) }
}

/** A tab scope last updated at `at`, holding `count` (non-tracking) captures. */
async function storeTab(scope: string, at: number, count: number): Promise<void> {
  const base = (await (await database()).count('captures')) + 1000
  const captures = Array.from({ length: count }, (_, i) => ({
    seq: base + i, scope, sources: ['webRequest' as const], url: `https://example.com/${i}`, method: 'GET',
    requestHeaders: [], requestBody: null, response: null, observedAt: at, tabId: 1, frameId: 0,
  }))
  const record: ScopeRecord = {
    scope, kind: 'tab', tabId: 1, title: '', url: '', createdAt: at, updatedAt: at,
    engine: { ids: [], windows: [], loose: { errors: 0, warnings: 0, infos: 0 } }, counts: { errors: 0, warnings: 0, infos: 0 }, sessions: 0, nextExpiry: null, lastCapture: -1,
  }
  await writeChanges(captures, [{ record, sessions: [], removedSessions: [], events: [], problems: new Map(), clearFrom: null }])
}

beforeEach(async () => {
  await closeDatabase()
  indexedDB.deleteDatabase('sessionscope')
  now = T0
  cleared.length = 0
})
afterEach(closeDatabase)

describe('pruning the store', () => {
  it('deletes an import older than the retention days with all it derived, keeps a recent one, and says how many captures went', async () => {
    const pipeline = createPipeline(platform)
    now = T0 - 2 * DAY
    const old = await pipeline.importHar('old.har', fixture(HAR))
    now = T0
    const recent = await pipeline.importHar('recent.har', fixture(HAR))
    const oldCaptures = (await capturesOf(old)).length
    expect(oldCaptures).toBeGreaterThan(0)
    const derived = async (store: 'events' | 'findings'): Promise<number> =>
      (await (await database()).getAllFromIndex(store, 'byScope', IDBKeyRange.bound([old, -Infinity], [old, Infinity]))).length
    expect(await derived('events')).toBeGreaterThan(0)
    expect(await derived('findings')).toBeGreaterThan(0)

    const reports: RetentionReport[] = []
    const decisions = await createPruner(pipeline, facts([], reports, { ...RETENTION_DEFAULTS, days: 1 }))(T0)

    expect(decisions).toEqual([{ scope: old, reason: 'age', captures: oldCaptures }])
    expect(await getScope(old)).toBeUndefined()
    expect(await capturesOf(old)).toEqual([])
    expect(await derived('events')).toBe(0)
    expect(await derived('findings')).toBe(0)
    expect((await (await database()).getAllFromIndex('sessions', 'byScope', old)).length).toBe(0)
    expect((await listScopes()).map((s) => s.scope)).toEqual([recent])
    expect((await capturesOf(recent)).length).toBe(oldCaptures)
    expect(cleared).toEqual([old])
    expect(reports).toEqual([{ at: T0, scopes: 1, captures: oldCaptures }])
  })

  it('keeps an open tab however old, deletes a closed one, and records nothing when nothing went', async () => {
    const pipeline = createPipeline(platform)
    await storeTab('tab:1@test', T0 - 30 * DAY, 3)
    await storeTab('tab:2@test', T0 - 30 * DAY, 2)
    const reports: RetentionReport[] = []
    const prune = createPruner(pipeline, facts(['tab:1@test'], reports))
    expect(await prune(T0)).toEqual([{ scope: 'tab:2@test', reason: 'age', captures: 2 }])
    expect((await listScopes()).map((s) => s.scope)).toEqual(['tab:1@test'])
    expect(await prune(T0)).toEqual([])
    expect(reports).toHaveLength(1)
  })

  it('clears a tab over the per-tab limit through the pipeline', async () => {
    const pipeline = createPipeline(platform)
    await storeTab('tab:1@test', T0, 150)
    const reports: RetentionReport[] = []
    await createPruner(pipeline, facts(['tab:1@test'], reports, { ...RETENTION_DEFAULTS, maxCapturesPerTab: 100 }))(T0)
    expect(await capturesOf('tab:1@test')).toEqual([])
    expect(reports).toEqual([{ at: T0, scopes: 1, captures: 150 }])
  })
})
