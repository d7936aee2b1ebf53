import type { SessionRecord } from '../../../store/records'
import type { DataSource } from '../../../ui/data-source'
import { EventDetails } from '../EventDetails'
import { EventTable } from '../EventTable'
import { eventKey } from '../events/event-index'
import { EventsLoading } from '../events/EventsLoading'
import { FilterBar } from '../events/FilterBar'
import { SessionTimeline } from '../timeline/SessionTimeline'
import type { EventSelection } from './use-event-selection'
import type { SessionView } from './use-session-view'

interface Props {
  selected: SessionRecord
  view: SessionView
  selection: EventSelection
  eventsComplete: boolean
  sentDetails: DataSource['sentDetails']
}

/** The selected session's events: the chart, the filters, the list and the chosen event's decoded fields. */
export function EventsPane({ selected, view, selection, eventsComplete, sentDetails }: Props) {
  const { events, eventTotal, findings, index, chartEvents, eventFilter, options, shownEvents } = view
  const { selectedEventId, selectedEvent } = selection
  return (
    <section class="events-pane" aria-labelledby="events-heading">
      <h2 class="pane-heading" id="events-heading">
        Events <span class="muted">{eventTotal}</span>
      </h2>
      {events.started && !eventsComplete && <EventsLoading loaded={events.list.length} total={eventTotal} />}
      {/* The whole session, whatever the filters; choosing an event in it clears filters that hide it. */}
      <SessionTimeline key={selected.key} events={chartEvents} findings={findings} selectedId={selectedEventId} onSelect={selection.revealEvent} />
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
        onSelect={selection.selectEvent}
        markerOf={(event) => index.marks.get(eventKey(event))}
        scrollResetKey={eventFilter.applied}
      />
      <section class="details-pane" aria-label="Decoded fields of the selected event">
        <EventDetails event={selectedEvent} sentDetails={sentDetails} />
      </section>
    </section>
  )
}
