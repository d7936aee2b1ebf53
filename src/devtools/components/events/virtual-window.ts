/** Which rows of a fixed-height list are worth rendering for a scroll position. Pure, O(1). */

export interface RowWindow {
  /** First rendered row index. */
  start: number
  /** One past the last rendered row index. */
  end: number
}

export function rowWindow(count: number, scrollTop: number, viewportHeight: number, rowHeight: number, overscan: number): RowWindow {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight)
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1
  const start = Math.max(0, Math.min(first, count) - overscan)
  const end = Math.min(count, first + visible + overscan)
  return { start, end: Math.max(start, end) }
}

/** The scroll position that brings a row fully into view, or undefined when it already is. */
export function scrollToReveal(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number | undefined {
  const top = index * rowHeight
  const bottom = top + rowHeight
  if (top < scrollTop) return top
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight)
  return undefined
}

/** Where a navigation key moves selection: arrows by one row, Page keys by a screenful, Home/End to the ends. */
export function targetRow(key: string, current: number, count: number, pageRows: number): number | undefined {
  if (count === 0) return undefined
  const page = Math.max(1, pageRows - 1)
  const target =
    key === 'ArrowDown' ? current + 1
    : key === 'ArrowUp' ? current - 1
    : key === 'PageDown' ? current + page
    : key === 'PageUp' ? current - page
    : key === 'Home' ? 0
    : key === 'End' ? count - 1
    : undefined
  return target === undefined ? undefined : Math.min(count - 1, Math.max(0, target))
}
