import { useCallback, useId, useMemo, useRef, useState } from 'preact/hooks'
import type { Finding } from '../../../session/finding'
import type { EventRecord } from '../../../store/records'
import { useAppended } from '../../../ui/use-appended'
import { eventKey, indexOfKey } from '../events/event-index'
import { EventTooltip } from './EventTooltip'
import type { TimelineModel } from './model'
import { timelineAppender } from './model'
import { invertScale, linearScale, reveal } from './scale'
import { PLOT_LEFT, PLOT_RIGHT_GAP } from './layout'
import { onTimelineKey } from './timeline-keys'
import { TimelineChart } from './TimelineChart'
import { TimelineToolbar } from './TimelineToolbar'
import { useChartPointer } from './use-chart-pointer'
import { useTimelineZoom } from './use-timeline-zoom'
import { useWidth } from './use-width'
import './timeline.css'

interface Props {
  events: readonly EventRecord[]
  findings: readonly Finding[]
  /** `eventKey` of the selected event. */
  selectedId: string | undefined
  onSelect(id: string): void
}

/**
 * A session as a picture: playhead against wall-clock time, ad breaks and chapters as bands, pauses and
 * buffering along the bottom, pings as ticks and findings as markers. Hover names the nearest event, click
 * selects it; drag across, the buttons or + - 0 zoom; arrow keys move the selection.
 */
export function SessionTimeline({ events, findings, selectedId, onSelect }: Props) {
  // Built as the session's events arrive: each chunk of a long session costs only its own events.
  const appender = useMemo(() => timelineAppender(findings), [findings])
  const model = useAppended(events, [appender], appender)
  const container = useRef<HTMLDivElement>(null)
  const width = useWidth(container, 800)
  const { zoomed, view, setZoomed, zoom: zoomAt } = useTimelineZoom(model.full)
  const [focused, setFocused] = useState(false)
  const keysId = useId()

  const plotRight = width - PLOT_RIGHT_GAP
  const toTime = invertScale(view, PLOT_LEFT, plotRight)
  const toX = linearScale(view, PLOT_LEFT, plotRight)
  const { index } = model
  // Numbers compared, not keys built: a scan of 50,000 events takes well under a millisecond.
  const selectedPosition = useMemo(() => {
    const listIndex = indexOfKey(events, selectedId)
    return listIndex < 0 ? -1 : index.order.indexOf(listIndex)
  }, [index, events, selectedId])

  const selectAt = (position: number) => {
    const event = events[index.order[position]!]
    if (!event) return
    onSelect(eventKey(event))
    if (zoomed) setZoomed(reveal(zoomed, model.full, event.observedAt))
  }
  const zoom = (factor: number) => zoomAt(factor, selectedPosition >= 0 ? index.times[selectedPosition]! : Number.NaN)
  const pointer = useChartPointer({ width, index, full: model.full, toTime, onZoom: setZoomed, onPick: selectAt })
  // Stable, so the memoized chart layers survive a parent that passes a new onSelect every render.
  const latestOnSelect = useRef(onSelect)
  latestOnSelect.current = onSelect
  const { dragged } = pointer
  const selectMarker = useCallback((id: string) => {
    dragged.current = false
    latestOnSelect.current(id)
  }, [dragged])
  const onKeyDown = (event: KeyboardEvent) =>
    onTimelineKey(event, { index, view, selectedPosition, selectAt, zoom, resetZoom: () => setZoomed(null), cancelDrag: pointer.cancelDrag })

  const tooltipPosition = pointer.hover >= 0 ? pointer.hover : focused ? selectedPosition : -1
  const tooltipEvent = tooltipPosition >= 0 ? events[index.order[tooltipPosition]!] : undefined

  return (
    <div class="timeline" data-testid="timeline">
      <TimelineToolbar zoomed={zoomed} view={view} full={model.full} origin={model.origin} onZoom={zoom} onReset={() => setZoomed(null)} />
      <div
        ref={container}
        class="timeline-chart"
        role="group"
        tabIndex={0}
        aria-label={timelineSummary(model, findings.length)}
        aria-describedby={keysId}
        onKeyDown={onKeyDown}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
      >
        <TimelineChart
          model={model}
          view={view}
          width={width}
          x={toX}
          selectedTime={selectedPosition >= 0 ? index.times[selectedPosition] : undefined}
          selectedPlayhead={selectedPosition >= 0 ? events[index.order[selectedPosition]!]!.playhead : null}
          drag={pointer.drag}
          onSelectMarker={selectMarker}
          handlers={pointer.handlers}
        />
        {tooltipEvent && <EventTooltip event={tooltipEvent} origin={model.origin} left={toX(tooltipEvent.observedAt)} width={width} />}
      </div>
      <p id={keysId} class="visually-hidden">
        Left and right arrows select the previous or next event, plus and minus zoom, 0 shows the whole session; drag across the chart to zoom to a range.
      </p>
    </div>
  )
}

function timelineSummary(model: TimelineModel, findings: number): string {
  const { adBreaks, chapters } = model.intervals
  const open = adBreaks.filter((band) => !band.closed).length
  return (
    `Timeline: ${plural(adBreaks.length, 'ad break')}${open > 0 ? ` (${open} not closed)` : ''}, ` +
    `${plural(chapters.length, 'chapter')}, ${plural(findings, 'finding')}`
  )
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}
