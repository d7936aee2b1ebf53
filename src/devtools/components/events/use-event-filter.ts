/** The filters bar's state, with the free-text search applied only once typing pauses. */
import { useEffect, useMemo, useState } from 'preact/hooks'
import type { EventFilter } from './event-filter'
import { NO_FILTER } from './event-filter'

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
