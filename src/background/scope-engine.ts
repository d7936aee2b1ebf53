/**
 * Runs the session engine over one scope's capture log as captures arrive and change. A capture can change
 * after later ones were applied (the sessionStart response body arrives after the next request was seen);
 * then the engine is rewound to a checkpoint and the captures since are replayed, so the live verdict always
 * equals a replay of the finished capture log (what the CLI computes from an export).
 *
 * A WebSocket grows frame by frame. Its frames are applied once per write, not once per frame (`grown`), and when
 * the events decoded before are unchanged, only the new ones go through the engine (`applySocket`).
 */
import type { Decoded } from '../protocols/adapter'
import { decodeCapture } from '../protocols'
import { droppedProblem } from '../protocols/capture-limits'
import { eventId } from '../protocols/tracking-event'
import type { EngineState, EventResult } from '../session/engine'
import { cloneEngine, createEngine, ingest, tick } from '../session/engine'
import type { Finding } from '../session/finding'
import { countFindings } from '../session/finding'
import type { EngineSettings } from '../session/settings'
import { problemFindings } from '../session/step'
import type { CaptureDrops, CaptureRecord, ScopeRecord } from '../store/records'
import type { RecentCaptures } from './merge'
import { sameValue } from './same-value'

/**
 * Checkpoints kept per scope; a change to an older capture replays the whole log instead. Enough for a burst
 * of requests whose responses all come back after the last of them was sent.
 */
const HISTORY_LIMIT = 2000

interface HistoryEntry {
  seq: number
  before: EngineState
  decoded: Decoded
  /**
   * A WebSocket: its frames only ever grow, so its events are never taken back, only added or revised. A replay
   * need not delete its stored events first; the changed ones are written over them.
   */
  socket: boolean
  /** For a socket: how many frames `decoded` was decoded from. */
  frames?: number
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
  /** Sockets that took frames, and captures that lost something at a bound, since the last write: applied then. */
  grown: Set<number>
  /** What each capture of the scope lost at the bounds (drops.ts). */
  drops: Map<number, CaptureDrops>
  /** Characters of frame data each socket keeps. */
  socketChars: Map<number, number>
  /** How many of each socket's frames the engine has applied (a long backlog is applied over several writes). */
  framesApplied: Map<number, number>
  /** How many frames of each socket the store holds: a write appends the rest. */
  framesStored: Map<number, number>
  /** While the disk refuses writes, the capture that counts the tab's requests not captured meanwhile. */
  overflow: number | null
  /**
   * The latest result of every event decoded from a WebSocket frame, as staged for the store: a replay writes only
   * the events whose result changed. Kept for tabs only (null for imports, which a live socket never grows).
   */
  socketResults: Map<string, EventResult> | null
  /** A scope whose last application took long waits until then before the next one (performance.now()). */
  notBefore: number
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

/** A new scope's in-memory state around its record. */
export function scopeState(record: ScopeRecord, engine: EngineState, recent: RecentCaptures): ScopeState {
  return {
    record, engine, history: [], recent, changed: new Map(), grown: new Set(), drops: new Map(), socketChars: new Map(), framesApplied: new Map(), framesStored: new Map(),
    overflow: null, socketResults: record.kind === 'tab' ? new Map() : null, notBefore: Number.NEGATIVE_INFINITY,
  }
}

/** A stable summary of what a capture decodes to. */
export function signatureOf(decoded: Decoded): string {
  return JSON.stringify(decoded)
}

/**
 * A socket's signature: what its decode depends on that can change. Frames only grow, so their count stands for
 * them; turning a long socket's every event into text on each write was as costly as decoding it.
 */
function socketSignature(capture: CaptureRecord): string {
  return `frames:${capture.frames?.length ?? 0}|${capture.dropped ?? ''}`
}

/**
 * Applies a new capture, or notes a change to one already applied for `settle`. Returns null when the
 * capture is not a tracking request (nothing to store).
 */
export function applyCapture(state: ScopeState, capture: CaptureRecord, settings: EngineSettings): { capture: CaptureRecord; applied: Applied } | null {
  const decoded = decodeCapture(capture, settings.hosts)
  const signature = signatureOf(decoded)
  if (!isTracking(decoded) && capture.signature === undefined) return null
  const updated: CaptureRecord = { ...capture, signature }
  if (signature === capture.signature) return { capture: updated, applied: emptyApplied() }
  return { capture: updated, applied: applyDecoded(state, updated, decoded, settings, capture.signature === undefined) }
}

/**
 * Applies a socket's latest state (more frames, a new count of what it dropped): decoded once for all the frames
 * since the last time. When every event decoded before is decoded the same again and the socket is the newest
 * capture applied, only its new events go through the engine; otherwise the scope is replayed from the socket
 * (`settle`). Returns null when the socket is not (yet) a tracking one.
 */
export function applySocket(state: ScopeState, capture: CaptureRecord, settings: EngineSettings): { capture: CaptureRecord; applied: Applied } | null {
  const last = state.history.at(-1)
  // Applied already, the newest capture applied, and with no replay of it pending.
  const newest = last !== undefined && last.seq === capture.seq && state.record.lastCapture === capture.seq && capture.signature !== undefined && !state.changed.has(capture.seq)
  const frames = capture.frames?.length ?? 0
  // Only its count of what was dropped changed: the frames' events are the ones already decoded.
  const decoded = newest && last.frames === frames ? withDropped(last.decoded, capture) : decodeCapture(capture, settings.hosts)
  if (!isTracking(decoded) && capture.signature === undefined) return null
  const updated: CaptureRecord = { ...capture, signature: socketSignature(capture) }
  if (!newest || !extendsEvents(last.decoded, decoded)) return { capture: updated, applied: applyDecoded(state, updated, decoded, settings, capture.signature === undefined) }
  // The engine stands right after this socket: take back its capture problems, then apply them anew with the new events.
  const applied = emptyApplied()
  state.engine.loose = countFindings(state.engine.loose, last.decoded.problems.flatMap((problem) => problemFindings(problem)), -1)
  collect(applied, capture.seq, ingest(state.engine, { events: decoded.events.slice(last.decoded.events.length), problems: decoded.problems }, settings))
  last.decoded = decoded
  last.frames = frames
  noteFrames(state, capture)
  return { capture: updated, applied }
}

/** Notes how many of a socket's frames the engine applies. */
export function noteFrames(state: ScopeState, capture: CaptureRecord): void {
  if (capture.frames !== undefined) state.framesApplied.set(capture.seq, capture.frames.length)
}

/** Ingests a capture tracking for the first time (`fresh`) after every applied one; otherwise notes it for `settle`. */
function applyDecoded(state: ScopeState, capture: CaptureRecord, decoded: Decoded, settings: EngineSettings, fresh: boolean): Applied {
  const applied = emptyApplied()
  noteFrames(state, capture)
  if (fresh && capture.seq > state.record.lastCapture) {
    state.history.push({ seq: capture.seq, before: cloneEngine(state.engine), decoded, ...socketFacts(capture) })
    if (state.history.length > HISTORY_LIMIT) state.history.shift()
    collect(applied, capture.seq, ingest(state.engine, decoded, settings))
    state.record.lastCapture = capture.seq
    return applied
  }
  state.changed.set(capture.seq, { capture, decoded })
  return applied
}

function isTracking(decoded: Decoded): boolean {
  return decoded.events.length > 0 || decoded.problems.length > 0
}

function socketFacts(capture: CaptureRecord): Pick<HistoryEntry, 'socket' | 'frames'> {
  return capture.frames === undefined ? { socket: false } : { socket: true, frames: capture.frames.length }
}

/** `decoded` with the capture's dropped problem as it is now (the problem is always the last one). */
function withDropped(decoded: Decoded, capture: CaptureRecord): Decoded {
  const protocol = decoded.events[0]?.protocol ?? decoded.problems[0]?.protocol
  const dropped = protocol === undefined ? null : droppedProblem(capture, protocol)
  const problems = decoded.problems.filter((problem) => problem.kind !== 'dropped')
  return { events: decoded.events, problems: dropped === null ? problems : [...problems, dropped] }
}

/** Whether `next` decodes every event of `previous` the same, and possibly more after them. */
function extendsEvents(previous: Decoded, next: Decoded): boolean {
  if (next.events.length < previous.events.length) return false
  for (let i = 0; i < previous.events.length; i++) if (!sameValue(previous.events[i], next.events[i])) return false
  return true
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
  for (const [seq, { capture, decoded }] of changed) {
    const at = index(seq)
    const entry = state.history[at]
    if (entry?.seq === seq) Object.assign(entry, { decoded, ...socketFacts(capture) })
    // A capture that became tracking only now; its checkpoint is filled in by the replay.
    else state.history.splice(at, 0, { seq, before: start, decoded, ...socketFacts(capture) })
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
  for (const capture of log) noteFrames(state, capture)
  state.history = log.map((capture) => ({ seq: capture.seq, before: createEngine(), decoded: decodeCapture(capture, settings.hosts), ...socketFacts(capture) }))
  const applied = replayFrom(state, 0, createEngine(), settings, Number.NEGATIVE_INFINITY)
  state.history = state.history.slice(-HISTORY_LIMIT)
  return applied
}

function replayFrom(state: ScopeState, at: number, engine: EngineState, settings: EngineSettings, clearFrom: number): Applied {
  const before = state.engine
  const applied = emptyApplied()
  const replayed = state.history.slice(at)
  // Sockets' stored events stay (their changed ones are written over them); the first other capture's go, and all after it.
  applied.clearFrom = clearFrom === Number.NEGATIVE_INFINITY ? clearFrom : (replayed.find((entry) => entry.seq >= clearFrom && !entry.socket)?.seq ?? null)
  const events = new Map<string, EventResult>()
  for (const entry of replayed) {
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

/**
 * Whether the store already holds `result` for its event: a socket's event staged before with the same result, and
 * not about to be deleted by `clearFrom`. Notes the result as the latest either way.
 */
export function alreadyStaged(state: ScopeState, result: EventResult, clearFrom: number | null): boolean {
  const { origin } = result.event
  if (origin.frame === null || state.socketResults === null) return false
  const id = eventId(origin)
  const previous = state.socketResults.get(id)
  state.socketResults.set(id, result)
  if (clearFrom !== null && origin.capture >= clearFrom) return false
  return previous !== undefined && previous.sessionKey === result.sessionKey && previous.position === result.position && sameValue(previous.findings, result.findings) && sameValue(previous.event, result.event)
}

/** The stored log with the newest in-memory versions of its captures, in seq order. */
function mergeLog(stored: CaptureRecord[], recent: RecentCaptures, changed: ScopeState['changed']): CaptureRecord[] {
  const bySeq = new Map(stored.map((capture) => [capture.seq, capture]))
  for (const capture of recent.bySeq.values()) if (capture.signature !== undefined) bySeq.set(capture.seq, capture)
  for (const { capture } of changed.values()) bySeq.set(capture.seq, capture)
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq)
}
