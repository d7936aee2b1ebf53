import type { EventRecord } from '../../../store/records'
import { formatOffset } from '../../../ui/format-duration'

interface Props {
  event: EventRecord
  /** Session start, for the time offset. */
  origin: number
  /** The event's x in chart pixels, and the chart's width, to keep the tooltip inside the chart. */
  left: number
  width: number
}

const TOOLTIP_WIDTH = 220

/** The event under the pointer. The type comes from the page, so it is only ever text. */
export function EventTooltip({ event, origin, left, width }: Props) {
  const x = Math.max(0, Math.min(width - TOOLTIP_WIDTH, left - TOOLTIP_WIDTH / 2))
  const playhead = event.playhead !== null && Number.isFinite(event.playhead) ? `${event.playhead} s` : 'none'
  return (
    <div class="timeline-tooltip" data-testid="timeline-tooltip" style={{ left: `${x}px`, maxWidth: `${TOOLTIP_WIDTH}px` }}>
      <div class="timeline-tooltip-type">{event.type}</div>
      <div class="mono">{`${formatOffset(event.observedAt - origin)} · playhead ${playhead}`}</div>
    </div>
  )
}
