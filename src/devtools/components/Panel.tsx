import { useEffect, useMemo, useState } from 'preact/hooks'
import type { Counts, Finding } from '../../session/finding'
import { addCounts, countFindings, ZERO_COUNTS } from '../../session/finding'
import type { EventRecord, Scope, SessionRecord } from '../../store/records'
import type { DataSource } from '../../ui/data-source'
import { useChangeVersion } from '../../ui/use-change-version'
import { useAppended } from '../../ui/use-appended'
import { useScopeData } from '../../ui/use-scope-data'
import { useSessionEvents } from '../../ui/use-session-events'
import { useThrottledList } from '../../ui/use-throttled-list'
import { SessionFacts } from '../../ui/SessionFacts'
import { EventDetails } from './EventDetails'
import { EventTable } from './EventTable'
import { eventMatcher, eventValues, filterEvents, withRules } from './events/event-filter'
import { eventIndexAppender, eventKey, eventOfFinding, findingIsOn } from './events/event-index'
import { EventsLoading } from './events/EventsLoading'
import { FilterBar } from './events/FilterBar'
import { SessionTimeline } from './timeline/SessionTimeline'
import { useEventFilter, useSearchWarmup } from './events/use-event-filter'
import { foldRepeats } from '../../report/fold-repeats'
import { FindingList } from './FindingList'
import { PanelHeader } from './PanelHeader'
import { SessionTable } from './SessionTable'

const NO_EVENTS: readonly EventRecord[] = []
const CHART_EVERY_MS = 500

interface Props {
  dataSource: DataSource
  scope: Scope
}

/** The DevTools panel: the tab's sessions, and the selected one's findings, events and decoded fields. */
export function Panel({ dataSource, scope }: Props) {
  const [version, reload] = useChangeVersion(dataSource, scope)
  const data = useScopeData(dataSource, scope, version)
  const sessions = data.value?.sessions ?? []

  const [chosenKey, setChosenKey] = useState<string | null>(null)
  const selected = sessions.find((session) => session.key === chosenKey) ?? defaultSession(sessions)
  useEffect(() => {
    // Pin the default, so sessions that arrive later do not pull the selection away from the user.
    if (selected?.key !== chosenKey && data.value) setChosenKey(selected?.key ?? null)
  }, [selected?.key, chosenKey, data.value])

  // Read in pages: the first rows show at once, the rest of a long session is appended chunk by chunk.
  const events = useSessionEvents(dataSource, scope, selected?.key, version, selected?.events ?? 0)
  const allEvents = events.list
  // While a long session loads, its stored count is the truth; the list is caught up with it.
  const eventTotal = events.complete ? allEvents.length : Math.max(allEvents.length, selected?.events ?? 0)
  const findings = useMemo(() => (selected && data.value?.findings.get(selected.key)) || [], [selected?.key, data.value])
  // People count a repeated finding once (it is one item of the list).
  const findingCount = useMemo(() => foldRepeats(findings).length, [findings])
  const loose = data.value?.loose ?? []
  // Extended chunk by chunk, so every lookup below (markers, findings, filters, the selection) is constant time.
  const indexAppender = useMemo(() => eventIndexAppender(findings), [findings])
  const index = useAppended(allEvents, [indexAppender], indexAppender)

  // The chart follows a loading session twice a second, in tasks apart from the reads.
  const chartEvents = useThrottledList(allEvents, CHART_EVERY_MS)

  const eventFilter = useEventFilter()
  // After the reading: building search texts while chunks arrive would compete with them for the main thread.
  useSearchWarmup(events.complete ? allEvents : NO_EVENTS)
  useEffect(() => eventFilter.clear(), [selected?.key])
  const values = useAppended(allEvents, [], eventValues)
  const options = useMemo(() => withRules(values, index), [values, index])
  const shownEvents = useMemo(() => filterEvents(allEvents, eventFilter.applied, index), [allEvents, eventFilter.applied, index])

  const [chosenEvent, setChosenEvent] = useState<{ session: string; id: string } | null>(null)
  const selectedEventId = chosenEvent && chosenEvent.session === selected?.key ? chosenEvent.id : undefined
  const selectedEvent = selectedEventId === undefined ? undefined : index.byKey.get(selectedEventId)
  function selectEvent(id: string) {
    if (selected) setChosenEvent({ session: selected.key, id })
  }
  /** Selects an event from outside the list (a finding, the chart); filters that hide it are cleared. */
  function revealEvent(id: string) {
    const event = index.byKey.get(id)
    if (!event) return
    if (!eventMatcher(eventFilter.applied, index)(event)) eventFilter.clear()
    selectEvent(id)
  }

  const [clearing, setClearing] = useState(false)
  const [actionError, setActionError] = useState<string | null>(null)
  async function clear() {
    setClearing(true)
    setActionError(null)
    try {
      await dataSource.clearScope(scope)
      setChosenKey(null)
      setChosenEvent(null)
    } catch (error) {
      setActionError(`Could not clear: ${error instanceof Error ? error.message : String(error)}`)
    } finally {
      setClearing(false)
      reload()
    }
  }

  const dataIn = data.value !== undefined || data.error !== null
  const ready = dataIn && (!selected || events.started)
  const eventsComplete = dataIn && (!selected || events.complete || events.error !== null)
  const error = actionError ?? data.error ?? events.error

  return (
    <div class="panel" data-testid="panel" data-ready={ready ? 'true' : 'false'} data-events-complete={eventsComplete ? 'true' : 'false'}>
      <PanelHeader record={data.value?.record} sessions={sessions.length} counts={totals(sessions, loose)} clearing={clearing} onClear={clear} />
      {error && (
        <p class="panel-error" role="alert">
          {error}
        </p>
      )}
      {data.value && sessions.length === 0 && (
        <p class="panel-hint" data-testid="panel-empty">
          No tracking sessions captured in this tab yet. Sessionscope captures in the background, so sessions appear
          even if DevTools was opened later.
        </p>
      )}
      {sessions.length > 0 && (
        <div class="session-pane">
          <SessionTable sessions={sessions} selectedKey={selected?.key} onSelect={setChosenKey} />
        </div>
      )}
      {selected?.summary.facts && (
        <div class="session-facts-pane" aria-label="Facts of the selected session">
          <SessionFacts facts={selected.summary.facts} />
        </div>
      )}
      {(selected || loose.length > 0) && (
        <div class="session-view">
          <section class="findings-pane" aria-labelledby="findings-heading">
            {selected && (
              <>
                <h2 class="pane-heading" id="findings-heading">
                  Findings <span class="muted">{findingCount}</span>
                </h2>
                {findings.length === 0 ? (
                  <p class="placeholder">No findings for this session.</p>
                ) : (
                  <FindingList
                    findings={findings}
                    label="Findings of the selected session"
                    canReveal={(finding) => eventOfFinding(finding, index) !== undefined}
                    onReveal={(finding) => {
                      const event = eventOfFinding(finding, index)
                      if (event) revealEvent(eventKey(event))
                    }}
                    isCurrent={(finding) => selectedEvent !== undefined && findingIsOn(finding, selectedEvent)}
                  />
                )}
              </>
            )}
            {loose.length > 0 && (
              <>
                <h2 class="pane-heading" id={selected ? undefined : 'findings-heading'}>
                  Not attached to a session <span class="muted">{loose.length}</span>
                </h2>
                <FindingList findings={loose} label="Findings not attached to a session" />
              </>
            )}
          </section>
          {selected && (
            <section class="events-pane" aria-labelledby="events-heading">
              <h2 class="pane-heading" id="events-heading">
                Events <span class="muted">{eventTotal}</span>
              </h2>
              {events.started && !eventsComplete && <EventsLoading loaded={allEvents.length} total={eventTotal} />}
              {/* The whole session, whatever the filters; choosing an event in it clears filters that hide it. */}
              <SessionTimeline key={selected.key} events={chartEvents} findings={findings} selectedId={selectedEventId} onSelect={revealEvent} />
              <FilterBar
                filter={eventFilter.filter}
                options={options}
                shown={shownEvents.length}
                total={eventTotal}
                onChange={eventFilter.update}
                onClear={eventFilter.clear}
              />
              <EventTable
                events={shownEvents}
                sessionStart={selected.startedAt}
                selectedId={selectedEventId}
                onSelect={selectEvent}
                markerOf={(event) => index.marks.get(eventKey(event))}
                scrollResetKey={eventFilter.applied}
              />
              <section class="details-pane" aria-label="Decoded fields of the selected event">
                <EventDetails event={selectedEvent} sentDetails={dataSource.sentDetails} />
              </section>
            </section>
          )}
        </div>
      )}
    </div>
  )
}

/** The first session with errors is what the user came for; otherwise the one that started last. */
function defaultSession(sessions: readonly SessionRecord[]): SessionRecord | undefined {
  return (
    sessions.find((session) => session.counts.errors > 0) ??
    sessions.reduce<SessionRecord | undefined>((latest, session) => (!latest || session.startedAt >= latest.startedAt ? session : latest), undefined)
  )
}

function totals(sessions: readonly SessionRecord[], loose: readonly Finding[]): Counts {
  let counts = countFindings(ZERO_COUNTS, loose)
  for (const session of sessions) {
    counts = addCounts(counts, session.counts)
  }
  return counts
}
