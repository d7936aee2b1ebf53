/** Everything the timeline draws, derived once per event list (zooming and hovering reuse it). Pure. */
import type { Finding } from '../../../session/finding'
import type { EventRecord } from '../../../store/records'
import type { Appender } from '../../../ui/use-appended'
import type { Intervals, IntervalTracker } from './intervals'
import { intervalTracker } from './intervals'
import type { FindingPlacer, PlacedFinding } from './markers'
import { findingPlacer } from './markers'
import type { Series } from './paths'
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
  const appender = timelineAppender(findings)
  const builder = appender.start()
  appender.add(builder, index.order.map((i) => events[i]!), 0, events.length)
  return { ...appender.read(builder), index }
}

interface Builder {
  /** The list as last given; read again whole if it turns out not to be in time order. */
  events: readonly TimelineEvent[]
  inOrder: boolean
  order: number[]
  times: number[]
  xs: number[]
  ys: number[]
  pings: number[]
  low: number
  high: number
  intervals: IntervalTracker
  placer: FindingPlacer
}

/**
 * The model built as a session's events arrive, each event taken in once, so a 50,000-event session loaded in
 * chunks never costs one long task. Events arrive in applied order, which is time order but for the odd late
 * arrival: then the model is built from the whole list, sorted, as `timelineModel` does.
 */
export function timelineAppender(findings: readonly Finding[]): Appender<TimelineEvent, Builder, TimelineModel> {
  return {
    start: () => ({ events: [], inOrder: true, order: [], times: [], xs: [], ys: [], pings: [], low: 0, high: 1, intervals: intervalTracker(), placer: findingPlacer(findings) }),
    add(builder, list, from, to) {
      builder.events = list
      for (let i = from; i < to && builder.inOrder; i++) {
        const event = list[i]!
        const { observedAt, playhead } = event
        if (builder.times.length > 0 && observedAt < builder.times[builder.times.length - 1]!) {
          builder.inOrder = false
          break
        }
        builder.order.push(i)
        builder.times.push(observedAt)
        if (playhead !== null && Number.isFinite(playhead)) {
          builder.xs.push(observedAt)
          builder.ys.push(playhead)
          if (playhead < builder.low) builder.low = playhead
          if (playhead > builder.high) builder.high = playhead
        }
        if (event.type === 'ping') builder.pings.push(observedAt)
        builder.intervals.add(event)
        builder.placer.add(event)
      }
    },
    read(builder) {
      if (!builder.inOrder) return timelineModel(builder.events, findings)
      const origin = builder.times[0] ?? 0
      const last = builder.times.at(-1) ?? origin
      const full = { start: origin, end: Math.max(last, origin + MIN_SPAN_MS) }
      return {
        index: { order: builder.order.slice(), times: Float64Array.from(builder.times) },
        origin,
        full,
        playheads: { start: builder.low, end: builder.high },
        playhead: { xs: Float64Array.from(builder.xs), ys: Float64Array.from(builder.ys) },
        pings: Float64Array.from(builder.pings),
        intervals: builder.intervals.intervals(),
        findings: builder.placer.placed(full.end),
      }
    },
  }
}
