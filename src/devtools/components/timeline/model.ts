/** Everything the timeline draws, derived once per event list (zooming and hovering reuse it). Pure. */
import type { Finding } from '../../../session/finding'
import type { EventRecord } from '../../../store/records'
import type { Intervals } from './intervals'
import { deriveIntervals } from './intervals'
import type { PlacedFinding } from './markers'
import { placeFindings } from './markers'
import type { Series } from './paths'
import { series } from './paths'
import type { Domain } from './scale'
import type { TimeIndex } from './time-index'
import { timeIndex } from './time-index'

export type TimelineEvent = Pick<EventRecord, 'capture' | 'ordinal' | 'type' | 'observedAt' | 'playhead'>

export interface TimelineModel {
  index: TimeIndex
  /** Observed time of the first event: offsets on the time axis count from it. */
  origin: number
  /** The whole session in observed time (at least a second wide, so a lone event has room). */
  full: Domain
  /** Playhead range shown, always including 0. */
  playheads: Domain
  playhead: Series
  pings: Float64Array
  intervals: Intervals
  findings: PlacedFinding[]
}

const MIN_SPAN_MS = 1000

export function timelineModel(events: readonly TimelineEvent[], findings: readonly Finding[]): TimelineModel {
  const index = timeIndex(events)
  const sorted = index.order.map((i) => events[i]!)
  const origin = sorted[0]?.observedAt ?? 0
  const last = sorted.at(-1)?.observedAt ?? origin
  const full = { start: origin, end: Math.max(last, origin + MIN_SPAN_MS) }
  const points: Array<{ x: number; y: number }> = []
  let low = 0
  let high = 1
  for (const { observedAt, playhead } of sorted) {
    if (playhead === null || !Number.isFinite(playhead)) continue
    points.push({ x: observedAt, y: playhead })
    if (playhead < low) low = playhead
    if (playhead > high) high = playhead
  }
  return {
    index,
    origin,
    full,
    playheads: { start: low, end: high },
    playhead: series(points),
    pings: new Float64Array(sorted.filter((event) => event.type === 'ping').map((event) => event.observedAt)),
    intervals: deriveIntervals(sorted),
    findings: placeFindings(findings, events, full.end),
  }
}
