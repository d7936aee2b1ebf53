/**
 * Spans as rectangles on screen. Spans that touch on screen share one rectangle, so a session with thousands
 * of ad breaks or pauses draws at most one element per pixel column, not one per span. Pure.
 */

export interface PixelSpan<T> {
  x: number
  width: number
  /** The spans the rectangle stands for, in time order. */
  items: T[]
}

/**
 * The rectangles of `spans` (in time order) within [left, right] pixels; spans less than `gapPx` apart on
 * screen are merged. Every rectangle is at least a pixel wide, so a brief span stays visible.
 */
export function pixelSpans<T extends { start: number; end: number }>(spans: readonly T[], x: (time: number) => number, left: number, right: number, gapPx = 1): Array<PixelSpan<T>> {
  const out: Array<PixelSpan<T>> = []
  for (const span of spans) {
    const from = Math.max(left, x(span.start))
    const to = Math.min(right, Math.max(x(span.end), x(span.start) + 1))
    if (to < left || from > right) continue
    const previous = out.at(-1)
    if (previous && from - (previous.x + previous.width) < gapPx) {
      previous.width = Math.max(previous.width, to - previous.x)
      previous.items.push(span)
    } else {
      out.push({ x: from, width: Math.max(1, to - from), items: [span] })
    }
  }
  return out
}
