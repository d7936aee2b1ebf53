/**
 * Runs the session engine over one scope's capture log as captures arrive and change. A capture can change
 * after later ones were applied (the sessionStart response body arrives after the next request was seen);
 * then the engine is rewound to a checkpoint and the captures since are replayed, so the live verdict always
 * equals a replay of the finished capture log (what the CLI computes from an export).
 */
import type { Decoded } from '../protocols/adapter'
import { decodeCapture } from '../protocols'
import { eventId } from '../protocols/tracking-event'
import type { EngineState, EventResult } from '../session/engine'
import { cloneEngine, createEngine, ingest, tick } from '../session/engine'
import type { Finding } from '../session/finding'
import type { EngineSettings } from '../session/settings'
import type { CaptureRecord, ScopeRecord } from '../store/records'
import type { RecentCaptures } from './merge'

/** Checkpoints kept per scope; a change to an older capture replays the whole log instead. */
const HISTORY_LIMIT = 200

interface HistoryEntry {
  seq: number
  before: EngineState
  decoded: Decoded
}

export interface ScopeState {
  record: ScopeRecord
  engine: EngineState
  history: HistoryEntry[]
  recent: RecentCaptures
}

/** What an application changed, for the store. */
export interface Applied {
  events: EventResult[]
  /** Findings about whole captures, replacing any earlier ones of the same capture. */
  problems: Map<number, Finding[]>
  sessions: Set<string>
  removedSessions: Set<string>
  /** Stored events and findings of captures at or after this seq are stale and must go first. */
  clearFrom: number | null
}

export function emptyApplied(): Applied {
  return { events: [], problems: new Map(), sessions: new Set(), removedSessions: new Set(), clearFrom: null }
}

/** A stable summary of what a capture decodes to. */
export function signatureOf(decoded: Decoded): string {
  return JSON.stringify(decoded)
}

/**
 * Applies a new or changed capture. Returns null when the capture is not a tracking request (nothing to
 * store). `loadLog` gives every stored capture of the scope, for the rare full replay.
 */
export async function applyCapture(
  state: ScopeState,
  capture: CaptureRecord,
  settings: EngineSettings,
  loadLog: () => Promise<CaptureRecord[]>,
): Promise<{ capture: CaptureRecord; applied: Applied } | null> {
  const decoded = decodeCapture(capture, settings.hosts)
  const signature = signatureOf(decoded)
  const previous = capture.signature
  const isTracking = decoded.events.length > 0 || decoded.problems.length > 0
  if (!isTracking && previous === undefined) return null
  const updated: CaptureRecord = { ...capture, signature }
  if (signature === previous) return { capture: updated, applied: emptyApplied() }

  if (previous === undefined && capture.seq > state.record.lastCapture) {
    const applied = emptyApplied()
    state.history.push({ seq: capture.seq, before: cloneEngine(state.engine), decoded })
    if (state.history.length > HISTORY_LIMIT) state.history.shift()
    collect(applied, capture.seq, ingest(state.engine, decoded, settings))
    state.record.lastCapture = capture.seq
    return { capture: updated, applied }
  }
  const first = state.history[0]
  if (first !== undefined && first.seq <= capture.seq) return { capture: updated, applied: rewind(state, capture.seq, decoded, settings) }
  const log = await loadLog()
  return { capture: updated, applied: rebuild(state, mergeLog(log, state.recent, updated), settings) }
}

/** Lets the scope's clock reach `now`. */
export function advance(state: ScopeState, now: number, settings: EngineSettings): Applied {
  const applied = emptyApplied()
  const result = tick(state.engine, now, settings)
  for (const key of result.sessions) applied.sessions.add(key)
  // Keep checkpoints consistent: a replay after this point must not undo the expiry.
  state.history = []
  return applied
}

function rewind(state: ScopeState, seq: number, decoded: Decoded, settings: EngineSettings): Applied {
  let at = state.history.findIndex((entry) => entry.seq >= seq)
  if (at === -1) at = state.history.length
  const entry = state.history[at]
  const engine = cloneEngine(entry?.before ?? state.engine)
  if (entry?.seq === seq) entry.decoded = decoded
  else state.history.splice(at, 0, { seq, before: engine, decoded })
  return replayFrom(state, at, engine, settings, seq)
}

/** Replays a scope's whole capture log, e.g. with new settings. */
export function rejudge(state: ScopeState, log: CaptureRecord[], settings: EngineSettings): Applied {
  return rebuild(state, [...log].sort((a, b) => a.seq - b.seq), settings)
}

function rebuild(state: ScopeState, log: CaptureRecord[], settings: EngineSettings): Applied {
  state.history = log.map((capture) => ({ seq: capture.seq, before: createEngine(), decoded: decodeCapture(capture, settings.hosts) }))
  const applied = replayFrom(state, 0, createEngine(), settings, Number.NEGATIVE_INFINITY)
  state.history = state.history.slice(-HISTORY_LIMIT)
  return applied
}

function replayFrom(state: ScopeState, at: number, engine: EngineState, settings: EngineSettings, clearFrom: number): Applied {
  const before = state.engine
  const applied = emptyApplied()
  applied.clearFrom = clearFrom
  const events = new Map<string, EventResult>()
  for (const entry of state.history.slice(at)) {
    entry.before = cloneEngine(engine)
    const result = ingest(engine, entry.decoded, settings)
    applied.problems.set(entry.seq, result.problems)
    for (const outcome of result.events) events.set(eventId(outcome.event.origin), outcome)
    for (const key of result.sessions) applied.sessions.add(key)
    state.record.lastCapture = Math.max(state.record.lastCapture, entry.seq)
  }
  applied.events = [...events.values()]
  for (const key of before.sessions.keys()) if (!engine.sessions.has(key)) applied.removedSessions.add(key)
  for (const key of engine.sessions.keys()) applied.sessions.add(key)
  state.engine = engine
  return applied
}

function collect(applied: Applied, seq: number, result: ReturnType<typeof ingest>): void {
  applied.events.push(...result.events)
  applied.problems.set(seq, result.problems)
  for (const key of result.sessions) applied.sessions.add(key)
}

/** The stored log with the newest in-memory versions of its captures, in seq order. */
function mergeLog(stored: CaptureRecord[], recent: RecentCaptures, changed: CaptureRecord): CaptureRecord[] {
  const bySeq = new Map(stored.map((capture) => [capture.seq, capture]))
  for (const capture of recent.bySeq.values()) if (capture.signature !== undefined) bySeq.set(capture.seq, capture)
  bySeq.set(changed.seq, changed)
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq)
}
