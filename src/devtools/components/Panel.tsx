import { useEffect, useMemo, useState } from 'preact/hooks'
import type { Counts, Finding, Severity } from '../../session/finding'
import { countFindings, ZERO_COUNTS } from '../../session/finding'
import type { EventRecord, Scope, SessionRecord } from '../../store/records'
import type { DataSource } from '../../ui/data-source'
import { useChangeVersion } from '../../ui/use-change-version'
import { useLoaded } from '../../ui/use-loaded'
import { useScopeData } from '../../ui/use-scope-data'
import { SessionFacts } from '../../ui/SessionFacts'
import { worstSeverity } from '../../ui/worst-finding'
import { EventDetails } from './EventDetails'
import { EventTable, eventKey } from './EventTable'
import { FindingList } from './FindingList'
import { PanelHeader } from './PanelHeader'
import { SessionTable } from './SessionTable'

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

  const events = useLoaded(
    async () => (selected ? { key: selected.key, list: await dataSource.eventsOf(scope, selected.key) } : null),
    [dataSource, scope, selected?.key, version],
  )
  const shownEvents = selected && events.value?.key === selected.key ? events.value.list : []

  const [chosenEvent, setChosenEvent] = useState<{ session: string; id: string } | null>(null)
  const selectedEventId = chosenEvent && chosenEvent.session === selected?.key ? chosenEvent.id : undefined
  const selectedEvent = shownEvents.find((event) => eventKey(event) === selectedEventId)
  function selectEvent(id: string) {
    if (selected) setChosenEvent({ session: selected.key, id })
  }

  const findings = (selected && data.value?.findings.get(selected.key)) || []
  const loose = data.value?.loose ?? []
  const byEvent = useMemo(() => findingsByEvent(findings, shownEvents), [findings, shownEvents])

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

  const ready = (data.value !== undefined || data.error !== null) && (!selected || events.value?.key === selected.key || events.error !== null)
  const error = actionError ?? data.error ?? events.error

  return (
    <div class="panel" data-testid="panel" data-ready={ready ? 'true' : 'false'}>
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
                  Findings <span class="muted">{findings.length}</span>
                </h2>
                {findings.length === 0 ? (
                  <p class="placeholder">No findings for this session.</p>
                ) : (
                  <FindingList
                    findings={findings}
                    label="Findings of the selected session"
                    canReveal={(finding) => eventOf(finding, shownEvents) !== undefined}
                    onReveal={(finding) => {
                      const event = eventOf(finding, shownEvents)
                      if (event) selectEvent(eventKey(event))
                    }}
                    isCurrent={(finding) => selectedEvent !== undefined && eventOf(finding, [selectedEvent]) !== undefined}
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
                Events <span class="muted">{shownEvents.length}</span>
              </h2>
              <div class="events-scroll">
                <EventTable
                  events={shownEvents}
                  sessionStart={selected.startedAt}
                  selectedId={selectedEventId}
                  onSelect={selectEvent}
                  markerOf={(event) => byEvent.get(eventKey(event))}
                />
              </div>
              <section class="details-pane" aria-label="Decoded fields of the selected event">
                <EventDetails event={selectedEvent} />
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

/** The event a finding points at; a finding about a whole request points at that request's first event. */
function eventOf(finding: Finding, events: readonly EventRecord[]): EventRecord | undefined {
  const at = finding.at
  if (at === null) return undefined
  return events.find((event) => event.capture === at.capture && (at.ordinal === null || event.ordinal === at.ordinal))
}

/** The worst severity among the findings on each event, by event key. */
function findingsByEvent(findings: readonly Finding[], events: readonly EventRecord[]): Map<string, Severity> {
  const marks = new Map<string, Severity>()
  for (const event of events) {
    const severity = worstSeverity(findings.filter((finding) => eventOf(finding, [event]) !== undefined))
    if (severity) marks.set(eventKey(event), severity)
  }
  return marks
}

function totals(sessions: readonly SessionRecord[], loose: readonly Finding[]): Counts {
  let counts = countFindings(ZERO_COUNTS, loose)
  for (const session of sessions) {
    counts = { errors: counts.errors + session.counts.errors, warnings: counts.warnings + session.counts.warnings, infos: counts.infos + session.counts.infos }
  }
  return counts
}
