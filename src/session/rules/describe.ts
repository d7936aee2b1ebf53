/** Wording shared by rule messages, so every message names things the same way. */
import type { TrackingEvent } from '../../protocols/tracking-event'
import type { ExpiryReason, Session } from '../session'
import type { EngineSettings } from '../settings'

export function quoteId(id: string | null): string {
  if (id === null) return '(no ID)'
  return id.length > 40 ? `"${id.slice(0, 16)}…${id.slice(-8)}"` : `"${id}"`
}

export function sessionName(session: Session): string {
  return session.sessionId === null ? 'the session' : `session ${quoteId(session.sessionId)}`
}

export function eventName(event: TrackingEvent): string {
  return event.type
}

export function clock(ms: number): string {
  return new Date(ms).toISOString()
}

/** "10 min", "24 h", "3.5 s", "17 ms": the largest unit that reads naturally. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  const [value, unit] = ms >= 3_600_000 && ms % 3_600_000 === 0 ? [ms / 3_600_000, 'h'] : ms >= 60_000 ? [ms / 60_000, 'min'] : [ms / 1000, 's']
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`
}

export function expiryCause(reason: ExpiryReason, settings: EngineSettings): string {
  switch (reason) {
    case 'idle':
      return `no event for ${duration(settings.idleTimeoutMs)}`
    case 'playhead-stalled':
      return `no playhead movement for ${duration(settings.playheadStallMs)}`
    case 'too-old':
      return `it reached the maximum session age of ${duration(settings.maxSessionAgeMs)}`
  }
}
