/** Events ordered by observed time, for finding what lies under the pointer without scanning 50,000 events. Pure. */

export interface TimeIndex {
  /** Indices into the event list, by observed time (ties keep list order). */
  order: number[]
  /** Observed time of `order[i]`. */
  times: Float64Array
}

export function timeIndex(events: ReadonlyArray<{ observedAt: number }>): TimeIndex {
  const order = Array.from({ length: events.length }, (_, i) => i)
  // Sessions are applied in time order but for the odd late arrival: sort only when needed.
  let sorted = true
  for (let i = 1; i < events.length && sorted; i++) sorted = events[i - 1]!.observedAt <= events[i]!.observedAt
  if (!sorted) order.sort((a, b) => events[a]!.observedAt - events[b]!.observedAt || a - b)
  const times = new Float64Array(order.length)
  for (let i = 0; i < order.length; i++) times[i] = events[order[i]!]!.observedAt
  return { order, times }
}

/** The first position in sorted `times`, from `from` on, whose value is at least `value` (times.length when none). */
export function lowerBound(times: ArrayLike<number>, value: number, from = 0): number {
  let low = from
  let high = times.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if (times[mid]! < value) low = mid + 1
    else high = mid
  }
  return low
}

/** Position in the index of the event observed nearest to `time` (the earlier one on a tie); -1 when empty. */
export function nearestPosition(index: TimeIndex, time: number): number {
  const { times } = index
  if (times.length === 0) return -1
  const after = lowerBound(times, time)
  if (after === 0) return 0
  if (after === times.length) return times.length - 1
  return time - times[after - 1]! <= times[after]! - time ? after - 1 : after
}
