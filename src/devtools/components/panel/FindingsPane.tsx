import type { Finding } from '../../../session/finding'
import type { EventRecord, FindingRecord, SessionRecord } from '../../../store/records'
import type { EventIndex } from '../events/event-index'
import { eventKey, eventOfFinding, findingIsOn } from '../events/event-index'
import { FindingList } from '../FindingList'

interface Props {
  selected: SessionRecord | undefined
  findings: readonly Finding[]
  findingCount: number
  loose: readonly FindingRecord[]
  index: EventIndex
  selectedEvent: EventRecord | undefined
  onReveal(id: string): void
}

/** The selected session's findings, then those attached to no session. */
export function FindingsPane({ selected, findings, findingCount, loose, index, selectedEvent, onReveal }: Props) {
  return (
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
                if (event) onReveal(eventKey(event))
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
  )
}
