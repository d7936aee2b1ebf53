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

/**
 * Checkpoints kept per scope; a change to an older capture replays the whole log instead. Enough for a burst
 * of requests whose responses all come back after the last of them was sent.
 */
const HISTORY_LIMIT = 2000

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
  /**
   * Applied captures that changed since (a response arrived), waiting for `settle`: a burst of responses
   * costs one replay per write instead of one per response.
   */
  changed: Map<number, { capture: CaptureRecord; decoded: Decoded }>
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
 * Applies a new capture, or notes a change to one already applied for `settle`. Returns null when the
 * capture is not a tracking request (nothing to store).
 */
export function applyCapture(state: ScopeState, capture: CaptureRecord, settings: EngineSettings): { capture: CaptureRecord; applied: Applied } | null {
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
  state.changed.set(capture.seq, { capture: updated, decoded })
  return { capture: updated, applied: emptyApplied() }
}

/**
 * Replays the scope from its earliest changed capture, once for all changes noted since the last call:
 * from a checkpoint, or the whole log (`loadLog`: every stored capture) when the change is older than them.
 */
export async function settle(state: ScopeState, settings: EngineSettings, loadLog: () => Promise<CaptureRecord[]>): Promise<Applied | null> {
  if (state.changed.size === 0) return null
  const changed = state.changed
  state.changed = new Map()
  const from = Math.min(...changed.keys())
  const first = state.history[0]
  if (first === undefined || first.seq > from) return rebuild(state, mergeLog(await loadLog(), state.recent, changed), settings)
  const index = (seq: number): number => {
    const at = state.history.findIndex((entry) => entry.seq >= seq)
    return at === -1 ? state.history.length : at
  }
  // The engine as it was before the earliest change: the checkpoint of the capture there or after it.
  const start = cloneEngine(state.history[index(from)]?.before ?? state.engine)
  for (const [seq, { decoded }] of changed) {
    const at = index(seq)
    const entry = state.history[at]
    if (entry?.seq === seq) entry.decoded = decoded
    // A capture that became tracking only now; its checkpoint is filled in by the replay.
    else state.history.splice(at, 0, { seq, before: start, decoded })
  }
  return replayFrom(state, index(from), start, settings, from)
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

/** Replays a scope's whole capture log, e.g. with new settings. */
export function rejudge(state: ScopeState, log: CaptureRecord[], settings: EngineSettings): Applied {
  state.changed = new Map()
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
function mergeLog(stored: CaptureRecord[], recent: RecentCaptures, changed: ScopeState['changed']): CaptureRecord[] {
  const bySeq = new Map(stored.map((capture) => [capture.seq, capture]))
  for (const capture of recent.bySeq.values()) if (capture.signature !== undefined) bySeq.set(capture.seq, capture)
  for (const { capture } of changed.values()) bySeq.set(capture.seq, capture)
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq)
}
