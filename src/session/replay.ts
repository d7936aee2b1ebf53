import { decodeCapture } from '../protocols'
import type { CapturedRequest } from '../protocols/captured-request'
import { eventId } from '../protocols/tracking-event'
import type { EngineState, EventResult } from './engine'
import { createEngine, ingest, noteCaptured, tick } from './engine'
import type { Finding } from './finding'
import type { Session } from './session'
import type { EngineSettings } from './settings'
import { DEFAULT_SETTINGS } from './settings'

/** What a report needs of a replay: everything but the decision per event. */
export interface VerdictSummary {
  /** Captures that were tracking requests. */
  requests: number
  /** Events decoded, each counted once however often reordering revised it. */
  eventCount: number
  sessions: Session[]
  /** Every finding: per capture, then per event, then about sessions as a whole. */
  findings: Finding[]
}

/** Everything the engine concluded about a capture log. */
export interface Verdict extends VerdictSummary {
  /** Final decision per event, in arrival order. */
  events: EventResult[]
}

/** A replay fed one capture at a time, so a caller streaming a large file need not hold every capture at once. */
export interface Replay {
  add(capture: CapturedRequest): void
  /** Lets the clock run to `observedUntil` (see `replay`) and concludes; add nothing afterwards. */
  finish(observedUntil: number | null): VerdictSummary
}

/**
 * Replays a capture log through decoding and the session machine, then lets the clock run to `observedUntil`
 * so sessions that went silent long enough before the capture ended count as expired. Pure.
 */
export function replay(
  captures: Iterable<CapturedRequest>,
  settings: EngineSettings = DEFAULT_SETTINGS,
  observedUntil: number | null = null,
): Verdict {
  const events = new Map<string, EventResult>()
  const run = startReplay(settings, (outcome) => events.set(eventId(outcome.event.origin), outcome))
  for (const capture of captures) run.add(capture)
  return { ...run.finish(observedUntil), events: [...events.values()] }
}

/**
 * A replay that keeps only what the report needs: the findings of each event's final decision, not the events
 * themselves, whose decoded payloads are most of a large capture's memory. `onEvent` sees every decision
 * (a reordered event's later one replaces the earlier).
 */
export function startReplay(settings: EngineSettings = DEFAULT_SETTINGS, onEvent?: (outcome: EventResult) => void): Replay {
  const engine = createEngine()
  const problems: Finding[] = []
  // Capture → ordinal → findings, for events whose final decision has any: most events have none.
  const pinned = new Map<number, Map<number, Finding[]>>()
  let requests = 0
  let eventCount = 0
  return {
    add(capture) {
      const decoded = decodeCapture(capture, settings.hosts)
      noteCaptured(engine, capture.observedAt)
      if (decoded.events.length === 0 && decoded.problems.length === 0) return
      requests++
      eventCount += decoded.events.length
      const result = ingest(engine, decoded, settings)
      for (const finding of result.problems) problems.push(finding)
      for (const outcome of result.events) {
        onEvent?.(outcome)
        const { capture: seq, ordinal } = outcome.event.origin
        let ofCapture = pinned.get(seq)
        if (outcome.findings.length > 0) {
          if (ofCapture === undefined) pinned.set(seq, (ofCapture = new Map<number, Finding[]>()))
          ofCapture.set(ordinal, outcome.findings)
        } else {
          ofCapture?.delete(ordinal)
        }
      }
    },
    finish(observedUntil) {
      if (observedUntil !== null) tick(engine, observedUntil, settings)
      const eventFindings: Finding[] = []
      for (const ofCapture of pinned.values()) for (const findings of ofCapture.values()) eventFindings.push(...findings)
      return summarize(engine, requests, eventCount, problems, eventFindings)
    },
  }
}

function summarize(engine: EngineState, requests: number, eventCount: number, problems: Finding[], eventFindings: Finding[]): VerdictSummary {
  const sessions = [...engine.sessions.values()]
  const pinned = [...problems, ...eventFindings]
  // Within a capture: by WebSocket frame (an unreadable frame sits among the events of its neighbours), then by event.
  pinned.sort((a, b) => a.at!.capture - b.at!.capture || (a.at!.frame ?? -1) - (b.at!.frame ?? -1) || (a.at!.ordinal ?? -1) - (b.at!.ordinal ?? -1))
  return { requests, eventCount, sessions, findings: [...pinned, ...sessions.flatMap((session) => session.openFindings)] }
}
