/**
 * SVG path data for the series that can hold tens of thousands of points: the playhead line and the ping
 * ticks. Each is one path, decimated to the pixels it can show. Pure.
 */
import { lowerBound } from './time-index'

/** Points of one series, sorted by x (time); y in data units. */
export interface Series {
  xs: Float64Array
  ys: Float64Array
}

export function series(points: ReadonlyArray<{ x: number; y: number }>): Series {
  const xs = new Float64Array(points.length)
  const ys = new Float64Array(points.length)
  points.forEach((point, i) => {
    xs[i] = point.x
    ys[i] = point.y
  })
  return { xs, ys }
}

export interface Plot {
  /** Data → pixel. */
  x: (value: number) => number
  y: (value: number) => number
  /** Visible time window. */
  start: number
  end: number
}

/**
 * The indices of `s` to draw in the window: every point when they fit, otherwise the lowest and highest of
 * each pixel column in the order they occur, which keeps every jump and stall of the line visible. One point
 * either side of the window is kept so the line runs to the edges.
 */
export function decimate(s: Series, plot: Plot): number[] {
  const first = Math.max(0, lowerBound(s.xs, plot.start) - 1)
  const last = Math.min(s.xs.length - 1, lowerBound(s.xs, plot.end))
  if (last < first) return []
  const columns = Math.max(1, Math.abs(plot.x(plot.end) - plot.x(plot.start)))
  const kept: number[] = []
  if (last - first + 1 <= 2 * columns) {
    for (let i = first; i <= last; i++) kept.push(i)
    return kept
  }
  let column = Number.NaN
  let low = -1
  let high = -1
  const flush = () => {
    if (low < 0) return
    if (low === high) kept.push(low)
    else kept.push(Math.min(low, high), Math.max(low, high))
  }
  for (let i = first; i <= last; i++) {
    const c = Math.floor(plot.x(s.xs[i]!))
    if (c !== column) {
      flush()
      column = c
      low = high = i
    } else {
      if (s.ys[i]! < s.ys[low]!) low = i
      if (s.ys[i]! > s.ys[high]!) high = i
    }
  }
  flush()
  return kept
}

/** One polyline through the decimated points, in pixels rounded to a tenth. */
export function linePath(s: Series, plot: Plot): string {
  const parts: string[] = []
  for (const i of decimate(s, plot)) parts.push(`${parts.length === 0 ? 'M' : 'L'}${roundPx(plot.x(s.xs[i]!))},${roundPx(plot.y(s.ys[i]!))}`)
  return parts.join('')
}

/**
 * Vertical ticks from `top` to `bottom` at each time in the window, one per pixel column at most. After each tick
 * the times that fall in the same column are skipped by binary search, so 50,000 pings cost a few hundred steps.
 */
export function tickPath(times: Float64Array, plot: Plot, top: number, bottom: number): string {
  const parts: string[] = []
  const x0 = plot.x(plot.start)
  const pxPerMs = plot.end > plot.start ? (plot.x(plot.end) - x0) / (plot.end - plot.start) : 0
  let previous = Number.NaN
  let i = lowerBound(times, plot.start)
  while (i < times.length && times[i]! <= plot.end) {
    const x = Math.round(plot.x(times[i]!))
    i++
    if (x === previous) continue
    previous = x
    parts.push(`M${x},${top}V${bottom}`)
    // The first time that rounds past this column (a hair early: the check above catches any that do not).
    if (pxPerMs > 0) i = Math.max(i, lowerBound(times, plot.start + (x + 0.5 - 1e-6 - x0) / pxPerMs, i))
  }
  return parts.join('')
}

/** Tenths of a pixel are as fine as a path needs to be, and keep path data short. */
export function roundPx(value: number): number {
  return Math.round(value * 10) / 10
}
