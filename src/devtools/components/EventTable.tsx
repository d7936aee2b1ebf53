import type { Severity } from '../../session/finding'
import type { EventRecord } from '../../store/records'
import { formatOffset } from '../../ui/format-duration'
import { SeverityMark } from '../../ui/SeverityMark'
import { SelectableRow } from './SelectableRow'

interface Props {
  /** In the order the session applied them. */
  events: readonly EventRecord[]
  sessionStart: number
  selectedId: string | undefined
  onSelect: (id: string) => void
  /** The worst severity of the findings on an event, if any. */
  markerOf: (event: EventRecord) => Severity | undefined
}

/** The selected session's events: the timeline a rule replayed. */
export function EventTable({ events, sessionStart, selectedId, onSelect, markerOf }: Props) {
  const anySelected = events.some((event) => eventKey(event) === selectedId)
  return (
    <table class="grid event-table" role="grid" aria-label="Events of the session, in applied order" aria-readonly="true">
      <thead>
        <tr role="row">
          <th role="columnheader" class="col-marker">
            <span class="visually-hidden">Findings</span>
          </th>
          <th role="columnheader" class="col-num">#</th>
          <th role="columnheader" class="col-num" title="Observed time since the session started">Time</th>
          <th role="columnheader">Type</th>
          <th role="columnheader" class="col-num">Playhead</th>
          <th role="columnheader" class="col-num" title="The client's own timestamp (UTC)">Client time</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event, i) => {
          const id = eventKey(event)
          const marker = markerOf(event)
          return (
            <SelectableRow
              key={id}
              data={{ 'data-testid': 'event-row', 'data-capture': event.capture, 'data-ordinal': event.ordinal, 'data-type': event.type }}
              class={marker ? `marked-${marker}` : undefined}
              selected={id === selectedId}
              tabbable={anySelected ? id === selectedId : i === 0}
              onSelect={() => onSelect(id)}
            >
              <td role="gridcell" class="col-marker">
                {marker && <SeverityMark severity={marker} text="icon" />}
              </td>
              <td role="gridcell" class="col-num">{event.position}</td>
              <td role="gridcell" class="col-num mono">{formatOffset(event.observedAt - sessionStart)}</td>
              <td role="gridcell" class="col-type">{event.type}</td>
              <td role="gridcell" class="col-num mono">{formatPlayhead(event.playhead)}</td>
              <td role="gridcell" class="col-num mono" title={isoTime(event.clientTime, 'full')}>
                {isoTime(event.clientTime, 'time')}
              </td>
            </SelectableRow>
          )
        })}
      </tbody>
    </table>
  )
}

/** Identifies an event within a scope: its capture and its index among that capture's events. */
export function eventKey(event: { capture: number; ordinal: number }): string {
  return `${event.capture}:${event.ordinal}`
}

function formatPlayhead(playhead: number | null): string {
  if (playhead === null || !Number.isFinite(playhead)) return '—'
  return Number.isInteger(playhead) ? String(playhead) : playhead.toFixed(3).replace(/0+$/, '')
}

/** The client's clock comes from the page and may be absurd; a date that cannot be shown reads as its number. */
function isoTime(ms: number | null, part: 'time' | 'full'): string {
  if (ms === null) return part === 'time' ? '—' : 'No client timestamp'
  const date = new Date(ms)
  if (Number.isNaN(date.getTime())) return String(ms)
  const iso = date.toISOString()
  return part === 'time' ? iso.slice(11, 23) : iso
}
