import { decodeCapture } from '../protocols'
import type { CapturedRequest } from '../protocols/captured-request'
import { eventId } from '../protocols/tracking-event'
import type { EngineState, EventResult } from './engine'
import { createEngine, ingest, tick } from './engine'
import type { Finding } from './finding'
import type { Session } from './session'
import type { EngineSettings } from './settings'
import { DEFAULT_SETTINGS } from './settings'

/** Everything the engine concluded about a capture log. */
export interface Verdict {
  /** Captures that were tracking requests. */
  requests: number
  /** Final decision per event, in arrival order. */
  events: EventResult[]
  sessions: Session[]
  /** Every finding: per capture, then per event, then about sessions as a whole. */
  findings: Finding[]
}

/**
 * Replays a capture log through decoding and the session machine, then lets the clock run to `observedUntil`
 * so sessions that went silent long enough before the capture ended count as expired. Pure.
 */
export function replay(
  captures: readonly CapturedRequest[],
  settings: EngineSettings = DEFAULT_SETTINGS,
  observedUntil: number | null = null,
): Verdict {
  const engine = createEngine()
  const events = new Map<string, EventResult>()
  const problems: Finding[] = []
  let requests = 0
  for (const capture of captures) {
    const decoded = decodeCapture(capture, settings.hosts)
    if (decoded.events.length === 0 && decoded.problems.length === 0) continue
    requests++
    const result = ingest(engine, decoded, settings)
    problems.push(...result.problems)
    for (const outcome of result.events) events.set(eventId(outcome.event.origin), outcome)
  }
  if (observedUntil !== null) tick(engine, observedUntil, settings)
  return verdict(engine, requests, [...events.values()], problems)
}

/** Collects the findings of an engine state into a Verdict. Pure. */
export function verdict(engine: EngineState, requests: number, events: EventResult[], problems: Finding[]): Verdict {
  const sessions = [...engine.sessions.values()]
  const pinned = [...problems, ...events.flatMap((outcome) => outcome.findings)]
  // Within a capture: by WebSocket frame (an unreadable frame sits among the events of its neighbours), then by event.
  pinned.sort((a, b) => a.at!.capture - b.at!.capture || (a.at!.frame ?? -1) - (b.at!.frame ?? -1) || (a.at!.ordinal ?? -1) - (b.at!.ordinal ?? -1))
  return { requests, events, sessions, findings: [...pinned, ...sessions.flatMap((session) => session.openFindings)] }
}
