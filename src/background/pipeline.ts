/**
 * The ingest pipeline of the service worker: capture update → merged capture → session engine → store.
 * Browser APIs come in through `Platform`, so the whole pipeline runs in unit tests on fake-indexeddb.
 * Updates are processed strictly in arrival order; writes are batched and land in one transaction.
 */
import { decodeCapture } from '../protocols'
import { eventId } from '../protocols/tracking-event'
import type { EventResult } from '../session/engine'
import { createEngine, nextExpiry } from '../session/engine'
import type { Counts, Finding } from '../session/finding'
import { ZERO_COUNTS } from '../session/finding'
import type { EngineSettings } from '../session/settings'
import type { Session } from '../session/session'
import { database } from '../store/db'
import type { CaptureDrops, CaptureRecord, FrameTally, Scope, ScopeRecord, SerializedEngine, SessionRecord } from '../store/records'
import { capturesOf, earliestExpiry, lastCaptureSeq, listScopes, recentCaptures, scopesDueBy, sessionsOf } from '../store/queries'
import type { ScopeWrite } from '../store/writes'
import { rewriteCaptures } from '../store/scrub'
import { deleteScope, isQuotaError, writeChanges, writeScopeRecords } from '../store/writes'
import { fromHar } from '../report/from-har'
import type { AtRest, AtRestChoice } from './at-rest'
import { atRestForm, DEFAULT_AT_REST_CHOICE } from './at-rest'
import type { CaptureUpdate } from './capture-update'
import type { CaptureBounds, DropCause } from './drops'
import { bodyChars, CAPTURE_BOUNDS, dropFrame, droppedText, frameChars, frameRefusal, HELD_PER_CAPTURE, noDrops } from './drops'
import { emptyRecent, IN_FLIGHT_LIMIT, mergeUpdate, remember, socketOf } from './merge'
import type { Applied, ScopeState } from './scope-engine'
import { advance, alreadyStaged, applyCapture, applySocket, noteFrames, rejudge, scopeState, settle, signatureOf } from './scope-engine'
import { serialQueue } from './serial-queue'

/** Batches writes for this long, so a burst of requests costs one transaction. */
const FLUSH_DELAY_MS = 25
/**
 * After applying and writing a scope's socket frames, the scope waits this many times as long as that took before
 * its next application: a page flooding a socket gets at most a quarter of the worker's time, other tabs the rest.
 */
const BUSY_SHARE_FACTOR = 3
const RECENT_ON_LOAD = 500
/** After the browser refused a write for lack of space, the next try waits this long, doubling up to the max. */
const STORAGE_RETRY_MS = 1000
const STORAGE_RETRY_MAX_MS = 60_000

export interface Platform {
  settings(): Promise<EngineSettings>
  /** Whether the store may keep secrets, and the user's extra secret names; absent: secrets are redacted on disk. */
  secretsAtRest?(): Promise<AtRestChoice>
  now(): number
  /** Title and URL of a tab, when the browser tells; for requests of no tab (tabId -1), of the origin that made them. */
  tabInfo(tabId: number, origin?: string): Promise<{ title: string; url: string } | null>
  /**
   * The scope of a tab: tab ids restart with the browser, so scopes carry the browser session too. Requests of no tab
   * (tabId -1) have a scope per `origin` that initiated them.
   */
  scopeOfTab(tabId: number, origin?: string): Promise<Scope>
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
  /**
   * The captures of `seqs` with the values they were sent with, those memory still holds (an open tab's recent
   * captures), in no particular order. The store holds them redacted unless secrets are kept on disk (at-rest.ts).
   */
  sentCaptures(scope: Scope, seqs: readonly number[]): Promise<CaptureRecord[]>
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
export interface PipelineLimits extends CaptureBounds {
  /** Requests of one tab waiting for a report (response, frames) that memory holds before forgetting the oldest. */
  inFlight: number
  /**
   * Frame data of a socket applied and stored per write at most (at least one frame); a backlog goes over several
   * writes. Every tab's captures wait behind a write's transaction, and 5 MiB of frames with their events took a
   * loaded machine's IndexedDB over a second.
   */
  frameCharsPerWrite: number
}

export const PIPELINE_LIMITS: PipelineLimits = { ...CAPTURE_BOUNDS, inFlight: IN_FLIGHT_LIMIT, frameCharsPerWrite: 2 ** 20 }

export function createPipeline(platform: Platform, lowered: Partial<PipelineLimits> = {}): Pipeline {
  const limits: PipelineLimits = { ...PIPELINE_LIMITS, ...lowered }
  const run = serialQueue()
  const scopes = new Map<Scope, ScopeState>()
  const pendingCaptures = new Map<number, CaptureRecord>()
  const pendingScopes = new Map<Scope, PendingScope>()
  let seq: number | null = null
  let settings: EngineSettings | null = null
  let atRest: AtRest | null = null
  /** The at-rest choice the store was last brought in line with (null: not known since the worker started). */
  let scrubbedFor: string | null = null
  let flushTimer: ReturnType<typeof setTimeout> | null = null
  /** When the timer fires (performance.now()). */
  let flushAt = Number.POSITIVE_INFINITY
  /** Since when writes are refused for lack of space (null: they succeed), and how long the next try waits. */
  let refusedSince: number | null = null
  let retryDelay = 0
  /** While writes are refused: characters of bodies and frames held since, and HELD_PER_CAPTURE per new capture. */
  let heldChars = 0

  async function currentSettings(): Promise<EngineSettings> {
    settings ??= await platform.settings()
    return settings
  }

  async function currentAtRest(): Promise<AtRest> {
    atRest ??= atRestForm((await platform.secretsAtRest?.()) ?? DEFAULT_AT_REST_CHOICE)
    return atRest
  }

  /**
   * Applies a capture as the store will hold it (at-rest.ts); the engine judges that form, so what it derives holds
   * no more than the store does. Null: not a tracking capture.
   */
  async function applyAtRest(state: ScopeState, capture: CaptureRecord, apply: typeof applyCapture = applyCapture): Promise<ReturnType<typeof applyCapture>> {
    return apply(state, (await currentAtRest()).capture(capture), await currentSettings())
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
    const state = scopeState(record, engine, recent)
    for (const capture of recent.bySeq.values()) {
      // A stored socket's frames were applied before they were stored, and what it dropped is counted on.
      noteFrames(state, capture)
      if (capture.drops) state.drops.set(capture.seq, structuredClone(capture.drops))
    }
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
    for (const result of applied.events) if (!alreadyStaged(state, result, applied.clearFrom)) pending.events.set(eventId(result.event.origin), result)
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

  /** Writes what is pending after `delay` ms, or sooner if a write is due sooner already. */
  function scheduleFlush(delay = FLUSH_DELAY_MS + retryDelay): void {
    const at = performance.now() + delay
    if (flushTimer !== null && flushAt <= at) return
    cancelFlush()
    flushAt = at
    flushTimer = setTimeout(() => {
      flushTimer = null
      flushAt = Number.POSITIVE_INFINITY
      run(() => writePending(false)).catch(platform.log)
    }, delay)
  }

  function cancelFlush(): void {
    if (flushTimer !== null) clearTimeout(flushTimer)
    flushTimer = null
    flushAt = Number.POSITIVE_INFINITY
  }

  /**
   * Applies what waits in each scope: sockets' new frames (once for all of them) and captures that changed since the
   * last write (see `settle`). A scope whose sockets took long to apply waits its turn, unless `everything` must go.
   */
  async function settleChanges(everything: boolean): Promise<Set<Scope>> {
    const settings = await currentSettings()
    const flooded = new Set<Scope>()
    for (const state of scopes.values()) {
      if (state.changed.size === 0 && state.grown.size === 0) continue
      const began = performance.now()
      if (!everything && began < state.notBefore) {
        scheduleFlush(Math.max(FLUSH_DELAY_MS, state.notBefore - began))
        continue
      }
      const sockets = await applyGrown(state, settings, everything ? Number.POSITIVE_INFINITY : limits.frameCharsPerWrite)
      const applied = await settle(state, settings, () => logOf(state.record.scope))
      if (applied) stage(state, applied)
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
  async function applyGrown(state: ScopeState, settings: EngineSettings, chars: number): Promise<boolean> {
    const grown = [...state.grown].sort((a, b) => a - b)
    state.grown.clear()
    let sockets = false
    for (const seq of grown) {
      const latest = state.recent.bySeq.get(seq)
      if (!latest) continue
      const capture = withDrops(state, latest)
      const part = capture.frames === undefined ? capture : framesUpTo(state, capture, chars)
      const result = await applyAtRest(state, part, part.frames === undefined ? applyCapture : applySocket)
      // Not a tracking socket (yet): its frames so far were looked at all the same.
      noteFrames(state, part)
      if (part !== capture) {
        state.grown.add(seq)
        scheduleFlush()
      }
      if (!result) continue
      sockets ||= part.frames !== undefined
      // What was applied is stored; memory keeps every frame that came, as sent.
      pendingCaptures.set(seq, result.capture)
      const kept = { ...capture, signature: result.capture.signature }
      for (const forgotten of remember(state.recent, kept, limits.inFlight)) await markDropped(state, forgotten)
      stage(state, result.applied)
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

  /** The capture with what it lost at the bounds so far: counted in `drops`, in words in `dropped`. */
  function withDrops(state: ScopeState, capture: CaptureRecord): CaptureRecord {
    const drops = state.drops.get(capture.seq)
    const text = drops === undefined ? undefined : droppedText(drops, limits)
    return text === undefined || text === capture.dropped ? capture : { ...capture, dropped: text, drops: structuredClone(drops) }
  }

  function dropsOf(state: ScopeState, seq: number): CaptureDrops {
    let drops = state.drops.get(seq)
    if (!drops) state.drops.set(seq, (drops = noDrops()))
    return drops
  }

  /**
   * Applies and writes what is pending. Scopes whose sockets took frames are written after the others, in a
   * transaction of their own: a socket's backlog must not hold up other tabs' captures.
   */
  async function writePending(everything: boolean): Promise<void> {
    const sockets = await settleChanges(everything)
    if (pendingCaptures.size === 0 && pendingScopes.size === 0) return
    const captures = [...pendingCaptures.values()]
    const held = [...pendingScopes.values()]
    pendingCaptures.clear()
    pendingScopes.clear()
    const parts = [false, true].map((flooded) => ({
      captures: captures.filter((capture) => sockets.has(capture.scope) === flooded),
      scopes: held.filter((pending) => sockets.has(pending.state.record.scope) === flooded),
    }))
    for (const [index, part] of parts.entries()) {
      if (part.captures.length === 0 && part.scopes.length === 0) continue
      try {
        await writePart(part.captures, part.scopes, sockets)
      } catch (error) {
        if (!isQuotaError(error)) throw error
        // Nothing of this part was stored, and the next is not tried: all of it stays.
        const rest = parts.slice(index)
        await holdRefused(error, rest.flatMap((p) => p.captures), rest.flatMap((p) => p.scopes))
        return
      }
    }
    if (refusedSince !== null) {
      refusedSince = null
      retryDelay = 0
      heldChars = 0
      for (const state of scopes.values()) state.overflow = null
    }
    platform.scheduleExpiry(await earliestExpiry())
  }

  /** Writes captures and the scopes they belong to in one transaction. Throws when the browser refuses it. */
  async function writePart(captures: CaptureRecord[], held: PendingScope[], sockets: ReadonlySet<Scope>): Promise<void> {
    const settings = await currentSettings()
    const now = platform.now()
    const writes: ScopeWrite[] = held.map((pending) => {
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
    const frameRanges = new Map(captures.flatMap((capture) => (capture.frames === undefined ? [] : [[capture.seq, { from: framesStored(capture), to: capture.frames.length }] as const])))
    const writing = performance.now()
    await writeChanges(captures, writes, (capture) => frameRanges.get(capture.seq)!)
    const written = performance.now()
    for (const capture of captures) {
      const range = frameRanges.get(capture.seq)
      if (range !== undefined) scopes.get(capture.scope)?.framesStored.set(capture.seq, Math.max(range.from, range.to))
    }
    // The write took its share of the worker too: a socket's scope waits for it as for its application.
    for (const { state } of held) if (sockets.has(state.record.scope)) state.notBefore += BUSY_SHARE_FACTOR * (written - writing)
    platform.changed(writes.map((write) => write.record))
  }

  /**
   * The browser refused the write for lack of space: nothing of it was stored. Everything stays pending (capture
   * goes on in memory), retention is asked to free space, the scopes show a notice if even that small record
   * can be written, and the write is tried again later, less often the longer it fails.
   */
  async function holdRefused(error: unknown, captures: CaptureRecord[], heldScopes: PendingScope[]): Promise<void> {
    if (refusedSince === null) {
      platform.log(error)
      // From now on what is held in memory is counted, starting with what this write would have stored.
      heldChars = captures.reduce((sum, capture) => sum + HELD_PER_CAPTURE + bodyChars(capture) + frameChars(capture, framesStored(capture)), 0)
    }
    refusedSince ??= platform.now()
    retryDelay = Math.min(Math.max(retryDelay * 2, STORAGE_RETRY_MS), STORAGE_RETRY_MAX_MS)
    for (const capture of captures) if (!pendingCaptures.has(capture.seq)) pendingCaptures.set(capture.seq, capture)
    for (const pending of heldScopes) pendingScopes.set(pending.state.record.scope, pending)
    const notice = { since: refusedSince, held: pendingCaptures.size }
    const records = heldScopes.map((pending) => ({ ...pending.state.record, storageNotice: notice }))
    platform.storageFull?.()
    try {
      await writeScopeRecords(records)
      platform.changed(records)
    } catch {
      // Not even a scope record fits; the retry will tell.
    }
    scheduleFlush()
  }

  /** How many of a socket's frames the store holds already. */
  function framesStored(capture: CaptureRecord): number {
    return scopes.get(capture.scope)?.framesStored.get(capture.seq) ?? capture.storedFrames ?? 0
  }

  async function handle(update: CaptureUpdate): Promise<void> {
    const nextSeq = await nextSeqReady()
    const origin = 'origin' in update ? update.origin : undefined
    const scope = await platform.scopeOfTab(update.tabId, origin)
    const fresh = !scopes.has(scope)
    const state = await loadScope(scope, update.tabId)
    if (update.kind === 'socket-frame') return takeFrame(state, update, nextSeq)
    const held = holdable(state, update, mergeUpdate(state.recent, scope, update, nextSeq))
    if (!held) return
    const known = state.recent.bySeq.get(held.seq)
    const merged = withinTabBodies(state, known, held)
    const forgotten = remember(state.recent, merged, limits.inFlight)
    const result = await applyAtRest(state, merged)
    if (result) {
      // What the tab keeps in bodies: this tracking capture's now, in place of what its earlier version kept.
      state.record.bodyChars = (state.record.bodyChars ?? 0) + bodyChars(merged) - (known?.signature === undefined ? 0 : bodyChars(known))
      // Memory keeps it as sent: later reports merge into it, and "Show secrets" reads it (sentCaptures).
      forgotten.push(...remember(state.recent, { ...merged, signature: result.capture.signature }, limits.inFlight))
      pendingCaptures.set(result.capture.seq, result.capture)
      if (fresh || state.record.url === '') await describeTab(state, update.tabId, origin)
      stage(state, result.applied)
    }
    for (const capture of forgotten) await markDropped(state, capture)
  }

  /**
   * A socket's frame: appended (the socket is applied at the next write, once for all frames since), or dropped and
   * counted when it is past the socket's or the tab's limit, or would be held while the disk refuses writes.
   */
  async function takeFrame(state: ScopeState, update: Extract<CaptureUpdate, { kind: 'socket-frame' }>, nextSeq: () => number): Promise<void> {
    const socket = socketOf(state.recent, update)
    if (socket?.frames === undefined) return
    const { data, truncatedFrom } = update.message
    // The page hook leaves a frame's data out once its socket relayed as much as the worker keeps.
    const leftOut = data === '' && truncatedFrom !== undefined
    const chars = leftOut ? truncatedFrom : data.length
    const keptChars = state.socketChars.get(socket.seq) ?? frameChars(socket)
    const tab: FrameTally = (state.record.frames ??= { count: 0, chars: 0 })
    let refused: DropCause | null = leftOut ? 'socket' : frameRefusal(limits, tab, socket.frames.length, keptChars, chars)
    if (refused === null && refusedSince !== null) {
      if (heldChars + chars > limits.heldChars) refused = 'storage'
      else heldChars += chars
    }
    state.grown.add(socket.seq)
    scheduleFlush()
    if (refused !== null) return dropFrame(dropsOf(state, socket.seq), refused, chars)
    const grown = mergeUpdate(state.recent, state.record.scope, update, nextSeq)!
    state.socketChars.set(socket.seq, keptChars + chars)
    tab.count++
    tab.chars += chars
    for (const forgotten of remember(state.recent, grown, limits.inFlight)) await markDropped(state, forgotten)
  }

  /**
   * What of a merged capture memory may hold. While the disk refuses writes, bodies and new captures are held up to
   * the bound; past it, a new body is dropped (and counted on its capture), and so is a new request, counted on the
   * first request of the tab that came past the bound, which is kept without its bodies and headers. Null: nothing
   * to keep.
   */
  function holdable(state: ScopeState, update: CaptureUpdate, merged: CaptureRecord | null): CaptureRecord | null {
    if (merged === null || refusedSince === null) return merged
    const known = state.recent.bySeq.get(merged.seq)
    const added = known === undefined ? HELD_PER_CAPTURE + bodyChars(merged) : bodyChars(merged) - bodyChars(known)
    // The mark of what was not held takes no body later either.
    if (merged.seq !== state.overflow && heldChars + added <= limits.heldChars) {
      heldChars += Math.max(0, added)
      return merged
    }
    if (known === undefined && state.overflow !== null) {
      // The page hook's report of a request webRequest reports too: counted once, as webRequest's.
      if (update.kind === 'hook-request') return null
      dropsOf(state, state.overflow).requests++
      state.grown.add(state.overflow)
      scheduleFlush()
      return null
    }
    const kept = withoutNewBodies(state, known, merged, 'storage')
    if (known === undefined) state.overflow = merged.seq
    return withDrops(state, known === undefined ? { ...kept, requestHeaders: [] } : kept)
  }

  /** The capture without bodies it did not have before once the tab keeps its limit of bodies. */
  function withinTabBodies(state: ScopeState, known: CaptureRecord | undefined, merged: CaptureRecord): CaptureRecord {
    if ((state.record.bodyChars ?? 0) < limits.tabBodyChars) return merged
    return withDrops(state, withoutNewBodies(state, known, merged, 'tab'))
  }

  /** `merged` with the bodies of `known` (its version before, if any) in place of new ones; counts the drop. */
  function withoutNewBodies(state: ScopeState, known: CaptureRecord | undefined, merged: CaptureRecord, cause: CaptureDrops['bodies'][number]): CaptureRecord {
    const response = merged.response && { ...merged.response, body: known?.response?.body ?? null }
    const kept: CaptureRecord = { ...merged, requestBody: known?.requestBody ?? null, response }
    if (bodyChars(merged) > bodyChars(kept)) {
      const drops = dropsOf(state, merged.seq)
      if (!drops.bodies.includes(cause)) drops.bodies.push(cause)
    }
    return kept
  }

  /**
   * A tracking capture forgotten while still waiting for reports: whatever comes for it later is lost, so
   * the capture says so (rule capture-dropped) instead of silently missing its response or frames.
   */
  async function markDropped(state: ScopeState, capture: CaptureRecord): Promise<void> {
    // Not a tracking request (yet): nothing of it is stored, and nothing is there to mark.
    if (capture.signature === undefined) return
    const latest = withDrops(state, pendingCaptures.get(capture.seq) ?? capture)
    const inFlight = `more than ${limits.inFlight} requests of this tab were waiting for their responses at once, so later reports about this one were dropped`
    const dropped = latest.dropped === undefined ? inFlight : `${latest.dropped}; ${inFlight}`
    const result = await applyAtRest(state, { ...latest, dropped })
    if (!result) return
    pendingCaptures.set(result.capture.seq, result.capture)
    stage(state, result.applied)
  }

  /** Every capture of a scope: stored, plus those still waiting to be written. */
  async function logOf(scope: Scope): Promise<CaptureRecord[]> {
    return (await capturesOf(scope)).concat([...pendingCaptures.values()].filter((capture) => capture.scope === scope))
  }

  /**
   * Once secrets may no longer be kept on disk (or the secret names grew), what is stored and waits to be is
   * brought in line: the replay that follows a settings change then derives everything anew from it.
   */
  async function scrubStore(): Promise<void> {
    const form = await currentAtRest()
    const choice = JSON.stringify((await platform.secretsAtRest?.()) ?? DEFAULT_AT_REST_CHOICE)
    if (form.keepsSecrets || choice === scrubbedFor) return
    await writePending(true)
    const { hosts } = await currentSettings()
    // A capture's signature is what it decoded to, values included: it is taken again from the redacted form.
    const scrubbed = (capture: CaptureRecord): CaptureRecord => {
      const redacted = form.capture(capture)
      return capture.signature?.startsWith('{') ? { ...redacted, signature: signatureOf(decodeCapture(redacted, hosts)) } : redacted
    }
    for (const state of scopes.values()) Object.assign(state.record, { url: form.text(state.record.url), title: form.text(state.record.title) })
    await rewriteCaptures({ capture: scrubbed, frame: form.frame, text: form.text })
    scrubbedFor = choice
  }

  async function describeTab(state: ScopeState, tabId: number, origin: string | undefined): Promise<void> {
    const info = await platform.tabInfo(tabId, origin).catch(() => null)
    if (info) {
      const form = await currentAtRest()
      state.record.title = form.text(info.title)
      state.record.url = form.text(info.url)
    }
  }

  return {
    submit: (update) => run(() => handle(update)),
    flush: () =>
      run(async () => {
        cancelFlush()
        await writePending(true)
      }),
    expire: (now) =>
      run(async () => {
        await settleChanges(true)
        for (const record of await scopesDueBy(now)) {
          const state = await loadScope(record.scope, record.tabId)
          const applied = advance(state, now, await currentSettings())
          if (applied.sessions.size > 0) stage(state, applied)
        }
        cancelFlush()
        await writePending(true)
        platform.scheduleExpiry(await earliestExpiry())
      }),
    settingsChanged: () =>
      run(async () => {
        settings = null
        atRest = null
        const fresh = await currentSettings()
        await scrubStore()
        for (const record of await listScopes()) {
          const state = await loadScope(record.scope, record.tabId)
          stage(state, rejudge(state, await logOf(record.scope), fresh))
          // A tab's clock is now; an import's stopped when it was captured.
          const now = record.kind === 'import' ? record.observedUntil : platform.now()
          if (now != null) stage(state, advance(state, now, fresh))
        }
        cancelFlush()
        await writePending(true)
      }),
    importHar: (name, text) =>
      run(async () => {
        const har = fromHar(text)
        const settings = await currentSettings()
        const nextSeq = await nextSeqReady()
        const now = platform.now()
        const scope = `import:${platform.newId()}`
        const record: ScopeRecord = {
          scope, kind: 'import', tabId: null, title: name, url: '', createdAt: now, updatedAt: now, observedUntil: har.observedUntil,
          engine: { ids: [], windows: [], loose: ZERO_COUNTS }, counts: ZERO_COUNTS, sessions: 0, nextExpiry: null, lastCapture: -1,
        }
        const state = scopeState(record, createEngine(), emptyRecent())
        scopes.set(scope, state)
        for (const capture of har.captures) {
          const record: CaptureRecord = { ...capture, seq: nextSeq(), scope, sources: ['har'], entry: capture.seq }
          const result = await applyAtRest(state, record)
          if (!result) continue
          pendingCaptures.set(result.capture.seq, result.capture)
          stage(state, result.applied)
        }
        await settleChanges(true)
        if (har.observedUntil !== null) stage(state, advance(state, har.observedUntil, settings))
        // Even a file without tracking requests becomes a visible (empty) import.
        pendingFor(state)
        cancelFlush()
        await writePending(true)
        return scope
      }),
    sentCaptures: (scope, seqs) =>
      run(async () => {
        const recent = scopes.get(scope)?.recent.bySeq
        return recent === undefined ? [] : seqs.flatMap((seq) => recent.get(seq) ?? [])
      }),
    forgetTab: (tabId) =>
      run(async () => {
        const scope = await platform.scopeOfTab(tabId)
        if (!scopes.has(scope)) return
        cancelFlush()
        await writePending(true)
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

