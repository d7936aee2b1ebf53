/** Scales, ticks and zoom windows for the timeline. Pure. */
import { formatDuration, formatOffset } from '../../../ui/format-duration'

export interface Domain {
  start: number
  end: number
}

export interface Tick {
  value: number
  label: string
}

/** Maps `domain` linearly onto [from, to]; an empty domain maps everything to `from`. */
export function linearScale(domain: Domain, from: number, to: number): (value: number) => number {
  const span = domain.end - domain.start
  if (!(span > 0)) return () => from
  const k = (to - from) / span
  return (value) => from + (value - domain.start) * k
}

/** Inverse of `linearScale`. */
export function invertScale(domain: Domain, from: number, to: number): (position: number) => number {
  if (to === from) return () => domain.start
  const k = (domain.end - domain.start) / (to - from)
  return (position) => domain.start + (position - from) * k
}

const TIME_STEPS_MS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000]

/** At most `max` ticks over `domain`, on round offsets from `origin` (the session start), labelled "1:30". */
export function timeTicks(domain: Domain, origin: number, max: number): Tick[] {
  const span = domain.end - domain.start
  if (!(span > 0) || max < 1) return [{ value: domain.start, label: formatDuration(domain.start - origin) }]
  const fits = (step: number) => countOnSteps(domain.start - origin, domain.end - origin, step) <= max
  const step = TIME_STEPS_MS.find(fits) ?? Math.ceil(span / max / 86_400_000) * 86_400_000
  const first = origin + Math.ceil((domain.start - origin) / step) * step
  const ticks: Tick[] = []
  for (let value = first; value <= domain.end; value += step) {
    const offset = value - origin
    ticks.push({ value, label: step < 1000 ? formatOffset(offset) : formatDuration(offset) })
  }
  return ticks
}

/** At most `max` ticks on 1-2-5 multiples over `domain` (playhead seconds). */
export function valueTicks(domain: Domain, max: number): Tick[] {
  const span = domain.end - domain.start
  if (!(span > 0) || max < 1) return [{ value: domain.start, label: formatNumber(domain.start) }]
  const magnitude = 10 ** Math.floor(Math.log10(span / max))
  const step = [1, 2, 5, 10, 20, 50].map((m) => m * magnitude).find((candidate) => countOnSteps(domain.start, domain.end, candidate) <= max) ?? 100 * magnitude
  const ticks: Tick[] = []
  for (let value = Math.ceil(domain.start / step) * step; value <= domain.end + step * 1e-9; value += step) {
    ticks.push({ value, label: formatNumber(value) })
  }
  return ticks
}

/** How many multiples of `step` lie in [start, end]. */
function countOnSteps(start: number, end: number, step: number): number {
  return Math.floor(end / step) - Math.ceil(start / step) + 1
}

function formatNumber(value: number): string {
  return String(Math.round(value * 1000) / 1000)
}

/** Narrowest window the zoom allows: below this the chart shows single milliseconds. */
export const MIN_SPAN_MS = 20

/**
 * `view` scaled by `factor` (0.5 zooms in twice) around `anchor`, kept inside `full`. Zooming out past `full`
 * gives `full`.
 */
export function zoomAround(view: Domain, full: Domain, factor: number, anchor: number): Domain {
  const span = Math.max(MIN_SPAN_MS, (view.end - view.start) * factor)
  const ratio = view.end > view.start ? (anchor - view.start) / (view.end - view.start) : 0.5
  return clampDomain({ start: anchor - span * ratio, end: anchor - span * ratio + span }, full)
}

/** `view` moved and shrunk as little as needed to lie within `full`. */
export function clampDomain(view: Domain, full: Domain): Domain {
  const span = Math.min(view.end - view.start, full.end - full.start)
  if (span <= 0 || view.end - view.start >= full.end - full.start) return { ...full }
  const start = Math.min(Math.max(view.start, full.start), full.end - span)
  return { start, end: start + span }
}

/** A range dragged across the chart, ordered and clamped; null when it is too narrow to mean a zoom. */
export function dragRange(a: number, b: number, full: Domain): Domain | null {
  const start = Math.max(full.start, Math.min(a, b))
  const end = Math.min(full.end, Math.max(a, b))
  return end - start >= MIN_SPAN_MS ? { start, end } : null
}

/** `view` panned just enough that `value` is inside it. */
export function reveal(view: Domain, full: Domain, value: number): Domain {
  if (value >= view.start && value <= view.end) return view
  const span = view.end - view.start
  const start = value < view.start ? value - span * 0.1 : value - span * 0.9
  return clampDomain({ start, end: start + span }, full)
}
