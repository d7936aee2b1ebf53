import { reordersByTimestamp } from '../protocols'
import type { Decoded } from '../protocols/adapter'
import type { ProtocolId, TrackingEvent } from '../protocols/tracking-event'
import type { Counts, Finding } from './finding'
import { countFindings, ZERO_COUNTS } from './finding'
import type { Session } from './session'
import { isClosed } from './session'
import type { EngineSettings } from './settings'
import { problemFindings, step, stepClock } from './step'
import { expiryDue } from './transition'

/**
 * An event applied to a session, kept while the vendor's backend could still reorder it, with the session as
 * it was before: a late arrival with an earlier client timestamp is re-applied in timestamp order from there.
 */
export interface WindowEntry {
  event: TrackingEvent
  key: string
  before: Session | null
  findings: Finding[]
}

/**
 * The engine's whole state for one capture log (a browser tab or one HAR file). Serializable as-is (Maps aside).
 * `ingest` and `tick` update it in place; `cloneEngine` takes a cheap checkpoint for replays.
 */
export interface EngineState {
  sessions: Map<string, Session>
  /** `protocol␟sessionId` → session key */
  ids: Map<string, string>
  windows: Map<string, WindowEntry[]>
  /** Counts of findings attached to no session (undecodable requests, events without a session ID). */
  loose: Counts
  /** Where the capture log began: a session seen before then began before the capture. Replaced, never changed in place. */
  began: CaptureBeginning
}

/**
 * When the capture log began, and each protocol's first session start. A capture begun late (a proxy started during
 * playback, the extension installed mid-session) shows sessions without their start; these are told apart from
 * events with an ID nobody issued by coming before any start of their protocol, or by showing a session older than
 * the capture (`TrackingEvent.sessionSince`).
 */
export interface CaptureBeginning {
  /** Observed time of the earliest request of the log (tracking or not, as far as the caller notes them), null before any. */
  at: number | null
  /** Observed time of the first session start applied, per protocol. */
  starts: Partial<Record<ProtocolId, number>>
}

const NOT_BEGUN: CaptureBeginning = Object.freeze({ at: null, starts: Object.freeze({}) })

/** The decision for one event, possibly revised by a later `ingest` (reordering) — the latest one wins. */
export interface EventResult {
  event: TrackingEvent
  sessionKey: string | null
  /** 1-based place in the session's applied order (after reordering); 0 for events of no session. */
  position: number
  findings: Finding[]
}

export interface IngestResult {
  events: EventResult[]
  /** Findings about captures that decoded into no event. */
  problems: Finding[]
  /** Keys of sessions that changed. */
  sessions: Set<string>
}

export function createEngine(): EngineState {
  return { sessions: new Map(), ids: new Map(), windows: new Map(), loose: ZERO_COUNTS, began: NOT_BEGUN }
}

/** A checkpoint: later ingests into either copy leave the other untouched. */
export function cloneEngine(state: EngineState): EngineState {
  return { sessions: new Map(state.sessions), ids: new Map(state.ids), windows: new Map(state.windows), loose: state.loose, began: state.began }
}

/** Feeds one decoded capture through the session machine. Pure apart from updating `state`. */
export function ingest(state: EngineState, decoded: Decoded, settings: EngineSettings): IngestResult {
  const result: IngestResult = { events: [], problems: [], sessions: new Set() }
  for (const problem of decoded.problems) {
    const findings = problemFindings(problem)
    state.loose = countFindings(state.loose, findings)
    result.problems.push(...findings)
  }
  for (const event of decoded.events) ingestEvent(state, event, settings, result)
  return result
}

/** Lets the clock reach `now`: sessions the vendor would have closed by then expire. */
export function tick(state: EngineState, now: number, settings: EngineSettings): IngestResult {
  const result: IngestResult = { events: [], problems: [], sessions: new Set() }
  for (const [key, session] of state.sessions) {
    const { session: after, findings } = stepClock(session, now, settings)
    if (after === session) continue
    state.sessions.set(key, after)
    state.windows.delete(key)
    result.sessions.add(key)
    result.problems.push(...findings)
  }
  return result
}

/** The earliest time at which some session will expire unless an event arrives first; null if none can. */
export function nextExpiry(state: EngineState, settings: EngineSettings): number | null {
  let earliest: number | null = null
  for (const session of state.sessions.values()) {
    const due = expiryDue(session, settings)
    if (due && (earliest === null || due.at < earliest)) earliest = due.at
  }
  return earliest
}

function ingestEvent(state: EngineState, event: TrackingEvent, settings: EngineSettings, result: IngestResult): void {
  noteBeginning(state, event)
  const target = route(state, event)
  if (target === null) {
    // No session ID to route by: check the event on its own, attached to no session.
    const { findings } = step(null, event, '', settings)
    const loose = findings.map((finding) => ({ ...finding, sessionKey: null }))
    state.loose = countFindings(state.loose, loose)
    result.events.push({ event, sessionKey: null, position: 0, findings: loose })
    return
  }
  const { key } = target
  const kept = trimWindow(state.windows.get(key), event, settings)
  const at = insertionPoint(kept, event)
  let session: Session
  if (at === kept.length) {
    // Nothing overtaken, as almost always: the event simply goes last.
    session = apply(kept, target.before, event, key, settings, result, target.beganBeforeCapture)
  } else {
    const overtaken = kept.splice(at)
    session = apply(kept, overtaken[0]!.before, event, key, settings, result)
    for (const entry of overtaken) session = apply(kept, session, entry.event, key, settings, result)
  }
  state.sessions.set(key, session)
  state.windows.set(key, kept)
  // Routed by its ID to this very session, the event leaves the ID's entry as it was (the common case).
  const routedById = target.byId && session.sessionId === event.sessionId
  if (session.sessionId !== null && !routedById) rememberId(state, session.protocol, session.sessionId, key)
  if (event.batch !== undefined) state.ids.set(batchKey(event.protocol, event.batch), key)
  result.sessions.add(key)
}

/** Applies `event` to the session as it was (`before`), keeps it in the reorder window and reports the decision. */
function apply(
  kept: WindowEntry[], before: Session | null, event: TrackingEvent, key: string, settings: EngineSettings, result: IngestResult, beganBeforeCapture = false,
): Session {
  const outcome = step(before, event, key, settings, beganBeforeCapture ? BEGAN_BEFORE_CAPTURE : undefined)
  kept.push({ event, key, before, findings: outcome.findings })
  result.events.push({ event, sessionKey: key, position: outcome.session.events, findings: outcome.findings })
  return outcome.session
}

const BEGAN_BEFORE_CAPTURE = Object.freeze({ beganBeforeCapture: true })

/**
 * Notes a request of the capture log, tracking or not: a HAR holds the page's other traffic too, and the capture
 * began with the first of it.
 */
export function noteCaptured(state: EngineState, observedAt: number): void {
  const { at, starts } = state.began
  if (Number.isFinite(observedAt) && (at === null || observedAt < at)) state.began = { at: observedAt, starts }
}

/** Notes the capture's first event and each protocol's first start. */
function noteBeginning(state: EngineState, event: TrackingEvent): void {
  noteCaptured(state, event.observedAt)
  const { at, starts } = state.began
  if (event.role !== 'start' || (starts[event.protocol] !== undefined && event.observedAt >= starts[event.protocol]!)) return
  state.began = { at, starts: { ...starts, [event.protocol]: event.observedAt } }
}

/**
 * Whether a session that `event` opens (it is not a start) began before the capture: nothing the capture saw
 * contradicts it. The event shows a session older than the capture, or its protocol had no start yet when it was
 * seen. IDs made elsewhere (VideoSDK rooms, created by a back end before any page runs) are expected to be new to a
 * capture, so only the first counts for them.
 */
function beganBeforeCapture(state: EngineState, event: TrackingEvent): boolean {
  if (event.batch !== undefined) return false
  if (event.sessionSince !== undefined && state.began.at !== null && event.sessionSince < state.began.at) return true
  if (event.idIssuer === 'external') return false
  const firstStart = state.began.starts[event.protocol]
  return firstStart === undefined || event.observedAt < firstStart
}

interface Route {
  key: string
  /** null: the event opens a session. */
  before: Session | null
  /** Found through the ID index under the event's own session ID. */
  byId?: boolean
  /** The session the event opens began before the capture did. */
  beganBeforeCapture?: boolean
}

/** Which session an event belongs to; null when it names none. */
function route(state: EngineState, event: TrackingEvent): Route | null {
  if (event.batch !== undefined) {
    // An offline batch is one session, even when its start is not its first event.
    const known = state.ids.get(batchKey(event.protocol, event.batch))
    if (known !== undefined) return { key: known, before: state.sessions.get(known) ?? null }
    return { key: uniqueKey(state, `${event.protocol}:batch@${event.batch}`), before: null }
  }
  if (event.role === 'start') {
    const outcome = event.start
    if (outcome?.kind === 'issued') {
      // Sessions are keyed by the vendor's own identity: a start for an ID whose session is open joins that session
      // (a participant joining a room; a heartbeat client sending `start` again with its sid; a GameSparks client
      // reconnecting with its previous session, which the server resumes). A retired ID stays with its last
      // session (so the start is reported); after a normal end, a start begins a new session.
      const known = knownId(state, event.protocol, outcome.sessionId)
      const session = known === undefined ? undefined : state.sessions.get(known)
      if (session && (session.retired || !isClosed(session))) return { key: known!, before: session }
    }
    const base = outcome?.kind === 'issued' ? outcome.sessionId : `start@${new Date(event.observedAt).toISOString()}`
    return { key: uniqueKey(state, `${event.protocol}:${base}`), before: null }
  }
  if (event.sessionId === null) return null
  const known = knownId(state, event.protocol, event.sessionId)
  if (known !== undefined) return { key: known, before: state.sessions.get(known) ?? null, byId: true }
  const pending = adoptableStart(state, event)
  if (pending) return { key: pending.key, before: pending }
  return { key: uniqueKey(state, `${event.protocol}:${event.sessionId}`), before: null, beganBeforeCapture: beganBeforeCapture(state, event) }
}

/**
 * The most recent start of the same protocol whose response was not visible: the first unknown ID that
 * follows it is most likely the one its response carried.
 */
function adoptableStart(state: EngineState, event: TrackingEvent): Session | undefined {
  let candidate: Session | undefined
  for (const session of state.sessions.values()) {
    if (session.protocol !== event.protocol || session.state !== 'pending' || session.sessionId !== null) continue
    if (session.startedAt > event.observedAt) continue
    if (!candidate || session.startedAt >= candidate.startedAt) candidate = session
  }
  return candidate
}

/**
 * Entries the backend could still reorder against `event`: the last few seconds, at most N events. A new array
 * (the stored window may be shared with a checkpoint).
 */
function trimWindow(entries: readonly WindowEntry[] | undefined, event: TrackingEvent, settings: EngineSettings): WindowEntry[] {
  const recent: WindowEntry[] = []
  if (entries === undefined) return recent
  const cutoff = event.observedAt - settings.reorderWindowMs
  for (const entry of entries) if (entry.event.observedAt >= cutoff) recent.push(entry)
  const excess = recent.length - Math.max(0, settings.reorderWindowEvents - 1)
  if (excess > 0) recent.splice(0, excess)
  return recent
}

/** Where `event` goes in client-timestamp order; session starts are forwarded at once and never overtaken. */
function insertionPoint(entries: readonly WindowEntry[], event: TrackingEvent): number {
  let at = entries.length
  if (event.clientTime === null || event.role === 'start' || !reordersByTimestamp(event.protocol)) return at
  while (at > 0) {
    const previous = entries[at - 1]!
    if (previous.before === null || previous.event.role === 'start') break
    if (previous.event.clientTime === null || previous.event.clientTime <= event.clientTime) break
    at--
  }
  return at
}

/** The last ID found in an engine's ID index, and the index it was found in. */
interface IdLookup {
  ids: Map<string, string>
  protocol: string
  sessionId: string
  key: string
}

const lastLookup = new WeakMap<EngineState, IdLookup>()

/**
 * The session key the ID index holds for a session ID. A session's events come one after another with the same
 * ID, so the last answer is kept rather than the index key built again for each event; it holds while the index is the same map (`state.ids` replaced: asked again) and `rememberId` keeps it
 * true when the index changes.
 */
function knownId(state: EngineState, protocol: string, sessionId: string): string | undefined {
  const last = lastLookup.get(state)
  if (last !== undefined && last.ids === state.ids && last.sessionId === sessionId && last.protocol === protocol) return last.key
  const key = state.ids.get(idKey(protocol, sessionId))
  if (key !== undefined) lastLookup.set(state, { ids: state.ids, protocol, sessionId, key })
  return key
}

function rememberId(state: EngineState, protocol: string, sessionId: string, key: string): void {
  state.ids.set(idKey(protocol, sessionId), key)
  const last = lastLookup.get(state)
  if (last !== undefined && last.sessionId === sessionId && last.protocol === protocol) lastLookup.set(state, { ids: state.ids, protocol, sessionId, key })
}

function uniqueKey(state: EngineState, base: string): string {
  if (!state.sessions.has(base)) return base
  let n = 2
  while (state.sessions.has(`${base}#${n}`)) n++
  return `${base}#${n}`
}

function idKey(protocol: string, sessionId: string): string {
  return `${protocol}\u241f${sessionId}`
}

function batchKey(protocol: string, batch: string): string {
  return `${protocol}\u241fbatch\u241f${batch}`
}
