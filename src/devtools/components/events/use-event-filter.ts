/** The filters bar's state, with the free-text search applied only once typing pauses. */
import { useEffect, useMemo, useState } from 'preact/hooks'
import type { EventRecord } from '../../../store/records'
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
  const applied = useMemo(() => ({ ...filter, search: appliedSearch }), [filter.severity, filter.rule, filter.type, filter.protocol, filter.onlyProblems, appliedSearch])
  return {
    filter,
    applied,
    update: (patch) => setFilter((previous) => ({ ...previous, ...patch })),
    clear: () => setFilter(NO_FILTER),
  }
}

function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs)
    return () => clearTimeout(timer)
  }, [value, delayMs])
  return settled
}

/** Events whose search text is built per idle slice: a few milliseconds of work. */
const WARM_CHUNK = 1000

/**
 * Builds every event's search text in idle slices after a list loads, so the first search over 50,000 events
 * does not stall the panel building them all at once.
 */
export function useSearchWarmup(events: readonly EventRecord[]): void {
  useEffect(() => {
    let next = 0
    let handle: number | undefined
    const idle = typeof requestIdleCallback === 'function'
    const step = () => {
      const end = Math.min(events.length, next + WARM_CHUNK)
      for (; next < end; next++) searchTextOf(events[next]!)
      if (next < events.length) schedule()
    }
    const schedule = () => {
      handle = idle ? requestIdleCallback(step) : (setTimeout(step, 0) as unknown as number)
    }
    if (events.length > 0) schedule()
    return () => {
      if (handle === undefined) return
      if (idle) cancelIdleCallback(handle)
      else clearTimeout(handle)
    }
  }, [events])
}
