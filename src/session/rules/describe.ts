/** Wording shared by rule messages, so every message names things the same way. */
import type { TrackingEvent } from '../../protocols/tracking-event'
import { durationText } from '../../protocols/time-text'
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

export function expiryCause(reason: ExpiryReason, settings: EngineSettings): string {
  switch (reason) {
    case 'idle':
      return `no event for ${durationText(settings.idleTimeoutMs)}`
    case 'playhead-stalled':
      return `no playhead movement for ${durationText(settings.playheadStallMs)}`
    case 'too-old':
      return `it reached the maximum session age of ${durationText(settings.maxSessionAgeMs)}`
  }
}
