import { useEffect, useMemo } from 'preact/hooks'
import { foldRepeats } from '../../../report/fold-repeats'
import type { Finding } from '../../../session/finding'
import type { EventRecord, Scope, SessionRecord } from '../../../store/records'
import type { DataSource } from '../../../ui/data-source'
import { useAppended } from '../../../ui/use-appended'
import type { ScopeData } from '../../../ui/use-scope-data'
import type { SessionEvents } from '../../../ui/use-session-events'
import { useSessionEvents } from '../../../ui/use-session-events'
import { useThrottledList } from '../../../ui/use-throttled-list'
import type { FilterOptions } from '../events/event-filter'
import { eventValues, filterEvents, withRules } from '../events/event-filter'
import type { EventIndex } from '../events/event-index'
import { eventIndexAppender } from '../events/event-index'
import type { EventFilterState } from '../events/use-event-filter'
import { useEventFilter, useSearchWarmup } from '../events/use-event-filter'

const NO_EVENTS: readonly EventRecord[] = []
const CHART_EVERY_MS = 500

/** The selected session's events and findings, indexed, filtered and followed by the chart. */
export interface SessionView {
  events: SessionEvents
  /** How many events the session has: while it loads, its stored count. */
  eventTotal: number
  findings: readonly Finding[]
  /** People count a repeated finding once (it is one item of the list). */
  findingCount: number
  index: EventIndex
  chartEvents: readonly EventRecord[]
  eventFilter: EventFilterState
  options: FilterOptions
  shownEvents: readonly EventRecord[]
}

export function useSessionView(dataSource: DataSource, scope: Scope, selected: SessionRecord | undefined, version: number, data: ScopeData | undefined): SessionView {
  // Read in pages: the first rows show at once, the rest of a long session is appended chunk by chunk.
  const events = useSessionEvents(dataSource, scope, selected?.key, version, selected?.events ?? 0)
  const allEvents = events.list
  // While a long session loads, its stored count is the truth; the list is caught up with it.
  const eventTotal = events.complete ? allEvents.length : Math.max(allEvents.length, selected?.events ?? 0)
  const selectedKey = selected?.key
  const findings = useMemo(() => (selectedKey !== undefined && data?.findings.get(selectedKey)) || [], [selectedKey, data])
  const findingCount = useMemo(() => foldRepeats(findings).length, [findings])
  // Extended chunk by chunk, so every lookup (markers, findings, filters, the selection) is constant time.
  const indexAppender = useMemo(() => eventIndexAppender(findings), [findings])
  const index = useAppended(allEvents, [indexAppender], indexAppender)

  // The chart follows a loading session twice a second, in tasks apart from the reads.
  const chartEvents = useThrottledList(allEvents, CHART_EVERY_MS)

  const eventFilter = useEventFilter()
  // After the reading: building search texts while chunks arrive would compete with them for the main thread.
  useSearchWarmup(events.complete ? allEvents : NO_EVENTS)
  const { clear } = eventFilter
  useEffect(() => clear(), [clear, selectedKey])
  const values = useAppended(allEvents, [], eventValues)
  const options = useMemo(() => withRules(values, index), [values, index])
  const shownEvents = useMemo(() => filterEvents(allEvents, eventFilter.applied, index), [allEvents, eventFilter.applied, index])
  return { events, eventTotal, findings, findingCount, index, chartEvents, eventFilter, options, shownEvents }
}
