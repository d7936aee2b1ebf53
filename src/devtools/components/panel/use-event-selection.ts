import { useState } from 'preact/hooks'
import type { EventRecord, SessionRecord } from '../../../store/records'
import { eventMatcher } from '../events/event-filter'
import type { EventIndex } from '../events/event-index'
import type { EventFilterState } from '../events/use-event-filter'

export interface EventSelection {
  selectedEventId: string | undefined
  selectedEvent: EventRecord | undefined
  selectEvent(id: string): void
  /** Selects an event from outside the list (a finding, the chart); filters that hide it are cleared. */
  revealEvent(id: string): void
  forget(): void
}

/** The event chosen in the selected session; choosing another session leaves it behind. */
export function useEventSelection(selected: SessionRecord | undefined, index: EventIndex, eventFilter: EventFilterState): EventSelection {
  const [chosenEvent, setChosenEvent] = useState<{ session: string; id: string } | null>(null)
  const selectedEventId = chosenEvent && chosenEvent.session === selected?.key ? chosenEvent.id : undefined
  const selectedEvent = selectedEventId === undefined ? undefined : index.byKey.get(selectedEventId)
  function selectEvent(id: string) {
    if (selected) setChosenEvent({ session: selected.key, id })
  }
  function revealEvent(id: string) {
    const event = index.byKey.get(id)
    if (!event) return
    if (!eventMatcher(eventFilter.applied, index)(event)) eventFilter.clear()
    selectEvent(id)
  }
  return { selectedEventId, selectedEvent, selectEvent, revealEvent, forget: () => setChosenEvent(null) }
}
