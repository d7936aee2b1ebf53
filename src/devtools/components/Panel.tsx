import type { Counts, Finding } from '../../session/finding'
import { addCounts, countFindings, ZERO_COUNTS } from '../../session/finding'
import type { Scope, SessionRecord } from '../../store/records'
import type { DataSource } from '../../ui/data-source'
import { useChangeVersion } from '../../ui/use-change-version'
import { useClearScope } from '../../ui/use-clear-scope'
import { useScopeData } from '../../ui/use-scope-data'
import { SessionFacts } from '../../ui/SessionFacts'
import { EventsPane } from './panel/EventsPane'
import { FindingsPane } from './panel/FindingsPane'
import { useEventSelection } from './panel/use-event-selection'
import { useSelectedSession } from './panel/use-selected-session'
import { useSessionView } from './panel/use-session-view'
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
  const { selected, choose } = useSelectedSession(sessions, data.value)
  const view = useSessionView(dataSource, scope, selected, version, data.value)
  const { events } = view
  const loose = data.value?.loose ?? []
  const selection = useEventSelection(selected, view.index, view.eventFilter)
  const { clearing, actionError, clear } = useClearScope(dataSource, scope, reload, () => {
    choose(null)
    selection.forget()
  })

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
          <SessionTable sessions={sessions} selectedKey={selected?.key} onSelect={choose} />
        </div>
      )}
      {selected?.summary.facts && (
        <div class="session-facts-pane" aria-label="Facts of the selected session">
          <SessionFacts facts={selected.summary.facts} />
        </div>
      )}
      {(selected || loose.length > 0) && (
        <div class="session-view">
          <FindingsPane
            selected={selected}
            findings={view.findings}
            findingCount={view.findingCount}
            loose={loose}
            index={view.index}
            selectedEvent={selection.selectedEvent}
            onReveal={selection.revealEvent}
          />
          {selected && <EventsPane selected={selected} view={view} selection={selection} eventsComplete={eventsComplete} sentDetails={dataSource.sentDetails} />}
        </div>
      )}
    </div>
  )
}

function totals(sessions: readonly SessionRecord[], loose: readonly Finding[]): Counts {
  let counts = countFindings(ZERO_COUNTS, loose)
  for (const session of sessions) {
    counts = addCounts(counts, session.counts)
  }
  return counts
}
