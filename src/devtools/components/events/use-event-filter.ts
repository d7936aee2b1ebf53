/** The filters bar's state, with the free-text search applied only once typing pauses. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks'
import type { EventRecord } from '../../../store/records'
import { extendsList } from '../../../ui/use-appended'
import type { EventFilter } from './event-filter'
import { NO_FILTER, searchTextOf } from './event-filter'

/** Long enough to skip the keystrokes of a word, short enough to feel immediate. */
export const SEARCH_DELAY_MS = 150

export interface EventFilterState {
  /** What the controls show. */
  filter: EventFilter
  /** What the list applies: the same, with the search text as of the last pause in typing. */
  applied: EventFilter
  update(patch: Partial<EventFilter>): void
  clear(): void
}

export function useEventFilter(): EventFilterState {
  const [filter, setFilter] = useState<EventFilter>(NO_FILTER)
  const search = useDebounced(filter.search, SEARCH_DELAY_MS)
  // Emptying the search box shows everything at once: there is nothing to wait for.
  const appliedSearch = filter.search.trim() === '' ? '' : search
  // A new object only when what the list applies changes: typing alone changes nothing until it pauses.
  const { severity, rule, type, protocol, onlyProblems } = filter
  const applied = useMemo(() => ({ severity, rule, type, protocol, onlyProblems, search: appliedSearch }), [severity, rule, type, protocol, onlyProblems, appliedSearch])
  const update = useCallback((patch: Partial<EventFilter>) => setFilter((previous) => ({ ...previous, ...patch })), [])
  const clear = useCallback(() => setFilter(NO_FILTER), [])
  return { filter, applied, update, clear }
}

function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs)
    return () => clearTimeout(timer)
  }, [value, delayMs])
  return settled
}

/** How long one idle slice of warm-up may run: short enough to never delay a frame much. */
const WARM_SLICE_MS = 8
/** Events between clock reads. */
const WARM_BATCH = 50

/**
 * Builds every event's search text in idle slices after a list loads, so the first search over 50,000 events
 * does not stall the panel building them all at once. A list that grows (a long session arriving in chunks)
 * continues where the warm-up got to.
 */
export function useSearchWarmup(events: readonly EventRecord[]): void {
  const progress = useRef<{ list: readonly EventRecord[]; next: number }>({ list: [], next: 0 })
  useEffect(() => {
    let next = extendsList(progress.current.list, events) ? progress.current.next : 0
    progress.current = { list: events, next }
    let handle: number | undefined
    const idle = typeof requestIdleCallback === 'function'
    const step = (deadline?: IdleDeadline) => {
      const until = performance.now() + Math.min(WARM_SLICE_MS, deadline ? deadline.timeRemaining() : WARM_SLICE_MS)
      do {
        const end = Math.min(events.length, next + WARM_BATCH)
        for (; next < end; next++) searchTextOf(events[next]!)
      } while (next < events.length && performance.now() < until)
      progress.current = { list: events, next }
      if (next < events.length) schedule()
    }
    const schedule = () => {
      handle = idle ? requestIdleCallback(step) : (setTimeout(step, 0) as unknown as number)
    }
    if (next < events.length) schedule()
    return () => {
      if (handle === undefined) return
      if (idle) cancelIdleCallback(handle)
      else clearTimeout(handle)
    }
  }, [events])
}
