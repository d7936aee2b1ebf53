/**
 * The ingest pipeline of the service worker: capture update → merged capture → session engine → store.
 * Browser APIs come in through `Platform`, so the whole pipeline runs in unit tests on fake-indexeddb.
 * Updates are processed strictly in arrival order; writes are batched and land in one transaction.
 */
import { eventId } from '../protocols/tracking-event'
import type { EventResult } from '../session/engine'
import { createEngine, nextExpiry } from '../session/engine'
import type { Counts, Finding } from '../session/finding'
import { ZERO_COUNTS } from '../session/finding'
import type { EngineSettings } from '../session/settings'
import type { Session } from '../session/session'
import { database } from '../store/db'
import type { CaptureRecord, Scope, ScopeRecord, SerializedEngine, SessionRecord } from '../store/records'
import { capturesOf, listScopes, sessionsOf } from '../store/queries'
import type { ScopeWrite } from '../store/writes'
import { deleteScope, earliestExpiry, isQuotaError, lastCaptureSeq, recentCaptures, scopesDueBy, writeChanges, writeScopeRecords } from '../store/writes'
import { fromHar } from '../report/from-har'
import type { CaptureUpdate } from './capture-update'
import { emptyRecent, IN_FLIGHT_LIMIT, mergeUpdate, remember } from './merge'
import type { Applied, ScopeState } from './scope-engine'
import { advance, applyCapture, rejudge, settle } from './scope-engine'
import { serialQueue } from './serial-queue'

/** Batches writes for this long, so a burst of requests costs one transaction. */
const FLUSH_DELAY_MS = 25
const RECENT_ON_LOAD = 500
/** After the browser refused a write for lack of space, the next try waits this long, doubling up to the max. */
const STORAGE_RETRY_MS = 1000
const STORAGE_RETRY_MAX_MS = 60_000

export interface Platform {
  settings(): Promise<EngineSettings>
  now(): number
  /** Title and URL of a tab, when the browser tells. */
  tabInfo(tabId: number): Promise<{ title: string; url: string } | null>
  /** The scope of a tab: tab ids restart with the browser, so scopes carry the browser session too. */
  scopeOfTab(tabId: number): Promise<Scope>
  /** Called after each write with the scopes that changed. */
  changed(scopes: readonly ScopeRecord[]): void
  /** Called after a scope and all its data were deleted. */
  cleared(scope: Scope, tabId: number | null): void
  /** A fresh unique id (for imported captures). */
  newId(): string
  /** Wake the worker at `at` to let sessions expire (null: nothing can expire). */
  scheduleExpiry(at: number | null): void
  log(error: unknown): void
  /** The browser refused a write for lack of space: free some (retention). The data is held meanwhile. */
  storageFull?(): void
}

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
}

interface PendingScope {
  state: ScopeState
  events: Map<string, EventResult>
  problems: Map<number, Finding[]>
  sessions: Set<string>
  removed: Set<string>
  clearFrom: number | null
}

/** The pipeline's bounds; tests lower them to reach them. */
export interface PipelineLimits {
  /** Requests of one tab waiting for a report (response, frames) that memory holds before forgetting the oldest. */
  inFlight: number
}

export function createPipeline(platform: Platform, limits: PipelineLimits = { inFlight: IN_FLIGHT_LIMIT }): Pipeline {
  const run = serialQueue()
  const scopes = new Map<Scope, ScopeState>()
  const pendingCaptures = new Map<number, CaptureRecord>()
  const pendingScopes = new Map<Scope, PendingScope>()
  let seq: number | null = null
  let settings: EngineSettings | null = null
  let flushTimer: ReturnType<typeof setTimeout> | null = null
  /** Since when writes are refused for lack of space (null: they succeed), and how long the next try waits. */
  let refusedSince: number | null = null
  let retryDelay = 0

  async function currentSettings(): Promise<EngineSettings> {
    settings ??= await platform.settings()
    return settings
  }

  async function nextSeqReady(): Promise<() => number> {
    seq ??= (await lastCaptureSeq()) + 1
    return () => seq!++
  }

  async function loadScope(scope: Scope, tabId: number | null): Promise<ScopeState> {
    const loaded = scopes.get(scope)
    if (loaded) return loaded
    const db = await database()
    const now = platform.now()
    const record: ScopeRecord = (await db.get('scopes', scope)) ?? {
      scope, kind: 'tab', tabId, title: '', url: '', createdAt: now, updatedAt: now,
      engine: { ids: [], windows: [], loose: ZERO_COUNTS }, counts: ZERO_COUNTS, sessions: 0, nextExpiry: null, lastCapture: -1,
    }
    const engine = createEngine()
    for (const session of await sessionsOf(scope)) engine.sessions.set(session.key, storedSession(session))
    engine.ids = new Map(record.engine.ids)
    engine.windows = new Map(record.engine.windows)
    engine.loose = record.engine.loose
    if (record.engine.began) engine.began = record.engine.began
    const recent = emptyRecent()
    for (const capture of await recentCaptures(scope, RECENT_ON_LOAD)) remember(recent, capture)
    const state: ScopeState = { record, engine, history: [], recent, changed: new Map() }
    scopes.set(scope, state)
    return state
  }

  function pendingFor(state: ScopeState): PendingScope {
    const scope = state.record.scope
    let pending = pendingScopes.get(scope)
    if (!pending) {
      pending = { state, events: new Map(), problems: new Map(), sessions: new Set(), removed: new Set(), clearFrom: null }
      pendingScopes.set(scope, pending)
    }
    return pending
  }

  function stage(state: ScopeState, applied: Applied): void {
    const pending = pendingFor(state)
    if (applied.clearFrom !== null) {
      const from = applied.clearFrom
      pending.clearFrom = pending.clearFrom === null ? from : Math.min(pending.clearFrom, from)
      for (const [id, result] of pending.events) if (result.event.origin.capture >= from) pending.events.delete(id)
      for (const capture of pending.problems.keys()) if (capture >= from) pending.problems.delete(capture)
    }
    for (const result of applied.events) pending.events.set(eventId(result.event.origin), result)
    for (const [capture, findings] of applied.problems) pending.problems.set(capture, findings)
    for (const key of applied.removedSessions) {
      pending.removed.add(key)
      pending.sessions.delete(key)
    }
    for (const key of applied.sessions) {
      pending.sessions.add(key)
      pending.removed.delete(key)
    }
    scheduleFlush()
  }

  function scheduleFlush(): void {
    flushTimer ??= setTimeout(() => {
      flushTimer = null
      run(writePending).catch(platform.log)
    }, FLUSH_DELAY_MS + retryDelay)
  }

  /** Replays every scope whose applied captures changed since the last write (see `settle`). */
  async function settleChanges(): Promise<void> {
    for (const state of scopes.values()) {
      if (state.changed.size === 0) continue
      const applied = await settle(state, await currentSettings(), () => logOf(state.record.scope))
      if (applied) stage(state, applied)
    }
  }

  async function writePending(): Promise<void> {
    await settleChanges()
    if (pendingCaptures.size === 0 && pendingScopes.size === 0) return
    const settings = await currentSettings()
    const now = platform.now()
    const writes: ScopeWrite[] = [...pendingScopes.values()].map((pending) => {
      const { state } = pending
      state.record = refreshRecord(state, settings, now)
      return {
        record: state.record,
        sessions: [...pending.sessions].flatMap((key) => state.engine.sessions.get(key) ?? []),
        removedSessions: [...pending.removed],
        events: [...pending.events.values()],
        problems: pending.problems,
        clearFrom: pending.clearFrom,
      }
    })
    const captures = [...pendingCaptures.values()]
    const held = [...pendingScopes.values()]
    pendingCaptures.clear()
    pendingScopes.clear()
    try {
      await writeChanges(captures, writes)
    } catch (error) {
      if (!isQuotaError(error)) throw error
      await holdRefused(error, captures, held)
      return
    }
    if (refusedSince !== null) {
      refusedSince = null
      retryDelay = 0
    }
    platform.changed(writes.map((write) => write.record))
    platform.scheduleExpiry(await earliestExpiry())
  }

  /**
   * The browser refused the write for lack of space: nothing of it was stored. Everything stays pending (capture
   * goes on in memory), retention is asked to free space, the scopes show a notice if even that small record
   * can be written, and the write is tried again later, less often the longer it fails.
   */
  async function holdRefused(error: unknown, captures: CaptureRecord[], held: PendingScope[]): Promise<void> {
    if (refusedSince === null) platform.log(error)
    refusedSince ??= platform.now()
    retryDelay = Math.min(Math.max(retryDelay * 2, STORAGE_RETRY_MS), STORAGE_RETRY_MAX_MS)
    for (const capture of captures) if (!pendingCaptures.has(capture.seq)) pendingCaptures.set(capture.seq, capture)
    for (const pending of held) pendingScopes.set(pending.state.record.scope, pending)
    const notice = { since: refusedSince, held: pendingCaptures.size }
    const records = held.map((pending) => ({ ...pending.state.record, storageNotice: notice }))
    platform.storageFull?.()
    try {
      await writeScopeRecords(records)
      platform.changed(records)
    } catch {
      // Not even a scope record fits; the retry will tell.
    }
    scheduleFlush()
  }

  async function handle(update: CaptureUpdate): Promise<void> {
    const nextSeq = await nextSeqReady()
    const scope = await platform.scopeOfTab(update.tabId)
    const fresh = !scopes.has(scope)
    const state = await loadScope(scope, update.tabId)
    const merged = mergeUpdate(state.recent, scope, update, nextSeq)
    if (!merged) return
    const forgotten = remember(state.recent, merged, limits.inFlight)
    const result = applyCapture(state, merged, await currentSettings())
    if (result) {
      forgotten.push(...remember(state.recent, result.capture, limits.inFlight))
      pendingCaptures.set(result.capture.seq, result.capture)
      if (fresh || state.record.url === '') await describeTab(state, update.tabId)
      stage(state, result.applied)
    }
    for (const capture of forgotten) await markDropped(state, capture)
  }

  /**
   * A tracking capture forgotten while still waiting for reports: whatever comes for it later is lost, so
   * the capture says so (rule capture-dropped) instead of silently missing its response or frames.
   */
  async function markDropped(state: ScopeState, capture: CaptureRecord): Promise<void> {
    // Not a tracking request (yet): nothing of it is stored, and nothing is there to mark.
    if (capture.signature === undefined) return
    const latest = pendingCaptures.get(capture.seq) ?? capture
    const dropped = `more than ${limits.inFlight} requests of this tab were waiting for their responses at once, so later reports about this one were dropped`
    const result = applyCapture(state, { ...latest, dropped }, await currentSettings())
    if (!result) return
    pendingCaptures.set(result.capture.seq, result.capture)
    stage(state, result.applied)
  }

  /** Every capture of a scope: stored, plus those still waiting to be written. */
  async function logOf(scope: Scope): Promise<CaptureRecord[]> {
    return (await capturesOf(scope)).concat([...pendingCaptures.values()].filter((capture) => capture.scope === scope))
  }

  async function describeTab(state: ScopeState, tabId: number): Promise<void> {
    const info = await platform.tabInfo(tabId).catch(() => null)
    if (info) {
      state.record.title = info.title
      state.record.url = info.url
    }
  }

  return {
    submit: (update) => run(() => handle(update)),
    flush: () =>
      run(async () => {
        if (flushTimer !== null) clearTimeout(flushTimer)
        flushTimer = null
        await writePending()
      }),
    expire: (now) =>
      run(async () => {
        await settleChanges()
        for (const record of await scopesDueBy(now)) {
          const state = await loadScope(record.scope, record.tabId)
          const applied = advance(state, now, await currentSettings())
          if (applied.sessions.size > 0) stage(state, applied)
        }
        if (flushTimer !== null) clearTimeout(flushTimer)
        flushTimer = null
        await writePending()
        platform.scheduleExpiry(await earliestExpiry())
      }),
    settingsChanged: () =>
      run(async () => {
        settings = null
        const fresh = await currentSettings()
        for (const record of await listScopes()) {
          const state = await loadScope(record.scope, record.tabId)
          stage(state, rejudge(state, await logOf(record.scope), fresh))
          // A tab's clock is now; an import's stopped when it was captured.
          const now = record.kind === 'import' ? record.observedUntil : platform.now()
          if (now != null) stage(state, advance(state, now, fresh))
        }
        if (flushTimer !== null) clearTimeout(flushTimer)
        flushTimer = null
        await writePending()
      }),
    importHar: (name, text) =>
      run(async () => {
        const har = fromHar(text)
        const settings = await currentSettings()
        const nextSeq = await nextSeqReady()
        const now = platform.now()
        const scope = `import:${platform.newId()}`
        const state: ScopeState = {
          record: {
            scope, kind: 'import', tabId: null, title: name, url: '', createdAt: now, updatedAt: now, observedUntil: har.observedUntil,
            engine: { ids: [], windows: [], loose: ZERO_COUNTS }, counts: ZERO_COUNTS, sessions: 0, nextExpiry: null, lastCapture: -1,
          },
          engine: createEngine(),
          history: [],
          recent: emptyRecent(),
          changed: new Map(),
        }
        scopes.set(scope, state)
        for (const capture of har.captures) {
          const record: CaptureRecord = { ...capture, seq: nextSeq(), scope, sources: ['har'], entry: capture.seq }
          const result = applyCapture(state, record, settings)
          if (!result) continue
          pendingCaptures.set(result.capture.seq, result.capture)
          stage(state, result.applied)
        }
        await settleChanges()
        if (har.observedUntil !== null) stage(state, advance(state, har.observedUntil, settings))
        // Even a file without tracking requests becomes a visible (empty) import.
        pendingFor(state)
        if (flushTimer !== null) clearTimeout(flushTimer)
        flushTimer = null
        await writePending()
        return scope
      }),
    forgetTab: (tabId) =>
      run(async () => {
        const scope = await platform.scopeOfTab(tabId)
        if (!scopes.has(scope)) return
        if (flushTimer !== null) clearTimeout(flushTimer)
        flushTimer = null
        await writePending()
        // A write the browser refused for lack of space is held with this state; it stays until stored.
        if (!pendingScopes.has(scope)) scopes.delete(scope)
      }),
    clearScope: (scope) =>
      run(async () => {
        const record = scopes.get(scope)?.record ?? (await (await database()).get('scopes', scope))
        scopes.delete(scope)
        pendingScopes.delete(scope)
        for (const [key, capture] of pendingCaptures) if (capture.scope === scope) pendingCaptures.delete(key)
        await deleteScope(scope)
        platform.cleared(scope, record?.tabId ?? null)
        platform.scheduleExpiry(await earliestExpiry())
      }),
  }
}

/** The scope record as it should be stored now: engine internals, totals and the next expiry. */
function refreshRecord(state: ScopeState, settings: EngineSettings, now: number): ScopeRecord {
  const { engine } = state
  let counts: Counts = engine.loose
  for (const session of engine.sessions.values()) counts = addCounts(counts, session.counts)
  const serialized: SerializedEngine = { ids: [...engine.ids], windows: [...engine.windows], loose: engine.loose, began: engine.began }
  // A storage notice lives only until a write succeeds: this record is what such a write stores.
  const { storageNotice: _notice, ...record } = state.record
  return { ...record, engine: serialized, counts, sessions: engine.sessions.size, nextExpiry: nextExpiry(engine, settings), updatedAt: now }
}

function addCounts(a: Counts, b: Counts): Counts {
  return { errors: a.errors + b.errors, warnings: a.warnings + b.warnings, infos: a.infos + b.infos }
}

/** A stored session as the engine holds it; records written by earlier versions lack the newer fields. */
function storedSession(record: SessionRecord): Session {
  const { id: _id, scope: _scope, ...session } = record
  return { ...session, sawStart: session.sawStart ?? session.idSource === 'issued', groups: session.groups ?? [], openTimers: session.openTimers ?? [] }
}

