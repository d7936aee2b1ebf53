import type { Domain } from './scale'
import type { TimeIndex } from './time-index'
import { lowerBound } from './time-index'

interface KeyTargets {
  index: TimeIndex
  view: Domain
  /** The selected event's position in time order, or -1. */
  selectedPosition: number
  selectAt(position: number): void
  zoom(factor: number): void
  resetZoom(): void
  cancelDrag(): void
}

/** The chart's keys: arrows, Home and End select, + - 0 zoom, Escape drops a drag. Keys with a modifier are left to the browser. */
export function onTimelineKey(event: KeyboardEvent, targets: KeyTargets): void {
  const { index, view, selectedPosition, selectAt, zoom } = targets
  const last = index.order.length - 1
  const handled: Record<string, () => void> = {
    ArrowRight: () => selectAt(selectedPosition < 0 ? firstInView(index.times, view) : Math.min(last, selectedPosition + 1)),
    ArrowLeft: () => selectAt(selectedPosition < 0 ? lastInView(index.times, view) : Math.max(0, selectedPosition - 1)),
    Home: () => selectAt(0),
    End: () => selectAt(last),
    '+': () => zoom(0.5),
    '=': () => zoom(0.5),
    '-': () => zoom(2),
    _: () => zoom(2),
    '0': targets.resetZoom,
    Escape: targets.cancelDrag,
  }
  const action = handled[event.key]
  if (!action || event.ctrlKey || event.metaKey || event.altKey) return
  event.preventDefault()
  action()
}

function firstInView(times: Float64Array, view: Domain): number {
  return Math.min(times.length - 1, lowerBound(times, view.start))
}

function lastInView(times: Float64Array, view: Domain): number {
  return Math.max(0, lowerBound(times, view.end + 1) - 1)
}
