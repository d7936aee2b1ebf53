/** Conditions several rules share. */
import { readingOf } from '../../protocols/tracking-event'
import type { TrackingEvent } from '../../protocols/tracking-event'
import type { EventTransition } from './rule'
import { explainsRejection } from './videosdk/checks'

/**
 * True when the vendor applied the event to a live session. Rules about playback, ads, chapters and timing
 * stay quiet otherwise: an event for a closed or unknown session already has its own finding.
 */
export function appliedToLiveSession({ before, after }: EventTransition): boolean {
  if (before === null || after.state === 'expired' || after.state === 'rejected') return false
  return before.state === 'active' || before.state === 'completed' || (before.state === 'pending' && after.state === 'active')
}

/**
 * True when the request's own faults, which a protocol's own rules report, explain why the vendor refused it (a
 * VideoSDK token, prefix, body or roomId): the shared rules about refusals then stay quiet.
 */
export function rejectionExplained(event: TrackingEvent): boolean {
  const reading = readingOf(event, 'videosdk')
  return reading !== undefined && explainsRejection(reading)
}

export function severest(severities: ReadonlyArray<'error' | 'warning' | 'info'>): 'error' | 'warning' | 'info' {
  return severities.includes('error') ? 'error' : severities.includes('warning') ? 'warning' : 'info'
}
