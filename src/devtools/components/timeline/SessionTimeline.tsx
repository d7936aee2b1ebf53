import { useCallback, useId, useMemo, useRef, useState } from 'preact/hooks'
import type { Finding } from '../../../session/finding'
import type { EventRecord } from '../../../store/records'
import { formatDuration } from '../../../ui/format-duration'
import { useAppended } from '../../../ui/use-appended'
import { eventKey, indexOfKey } from '../events/event-index'
import { EventTooltip } from './EventTooltip'
import { timelineAppender } from './model'
import type { Domain } from './scale'
import { dragRange, invertScale, linearScale, reveal, zoomAround } from './scale'
import { lowerBound, nearestPosition } from './time-index'
import { PLOT_LEFT, PLOT_RIGHT_GAP } from './layout'
import { TimelineChart } from './TimelineChart'
import { useWidth } from './use-width'
import './timeline.css'

interface Props {
  events: readonly EventRecord[]
  findings: readonly Finding[]
  /** `eventKey` of the selected event. */
  selectedId: string | undefined
  onSelect(id: string): void
}

/** Below this many pixels a press and release is a click, not a drag to zoom. */
const DRAG_THRESHOLD_PX = 4

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
  const [zoomWindow, setZoomed] = useState<Domain | null>(null)
  // A window outside the session (another session was chosen) is no zoom; a live session growing keeps it.
  const zoomed = zoomWindow && zoomWindow.start >= model.full.start && zoomWindow.end <= model.full.end ? zoomWindow : null
  const view = zoomed ?? model.full
  const [hover, setHover] = useState<number>(-1)
  const [focused, setFocused] = useState(false)
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null)
  const dragged = useRef(false)
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
  // Stable, so the memoized chart layers survive a parent that passes a new onSelect every render.
  const latestOnSelect = useRef(onSelect)
  latestOnSelect.current = onSelect
  const selectMarker = useCallback((id: string) => {
    dragged.current = false
    latestOnSelect.current(id)
  }, [])

  const selectAt = (position: number) => {
    const event = events[index.order[position]!]
    if (!event) return
    onSelect(eventKey(event))
    if (zoomed) setZoomed(reveal(zoomed, model.full, event.observedAt))
  }
  const zoom = (factor: number) => {
    const selectedTime = selectedPosition >= 0 ? index.times[selectedPosition]! : Number.NaN
    const anchor = selectedTime >= view.start && selectedTime <= view.end ? selectedTime : (view.start + view.end) / 2
    const next = zoomAround(view, model.full, factor, anchor)
    setZoomed(next.start <= model.full.start && next.end >= model.full.end ? null : next)
  }

  /** The pointer's x in chart pixels (happy-dom and unlaid-out charts have no box: client x is taken as is). */
  const chartX = (event: MouseEvent) => {
    const box = (event.currentTarget as Element).getBoundingClientRect()
    return box.width > 0 ? ((event.clientX - box.left) * width) / box.width : event.clientX
  }

  const onPointerDown = (event: PointerEvent) => {
    if (event.button !== 0) return
    const x = chartX(event)
    dragged.current = false
    setDrag({ from: x, to: x })
    ;(event.currentTarget as Element).setPointerCapture?.(event.pointerId)
  }
  const onPointerMove = (event: PointerEvent) => {
    const x = chartX(event)
    if (drag) {
      setDrag({ ...drag, to: x })
      if (Math.abs(x - drag.from) >= DRAG_THRESHOLD_PX) dragged.current = true
    }
    setHover(nearestPosition(index, toTime(x)))
  }
  const onPointerUp = (event: PointerEvent) => {
    if (!drag) return
    const range = dragged.current ? dragRange(toTime(drag.from), toTime(chartX(event)), model.full) : null
    if (range) setZoomed(range)
    setDrag(null)
  }
  const onClick = (event: MouseEvent) => {
    // The click that ends a drag is not a selection.
    if (dragged.current) {
      dragged.current = false
      return
    }
    const position = nearestPosition(index, toTime(chartX(event)))
    if (position >= 0) selectAt(position)
  }

  const onKeyDown = (event: KeyboardEvent) => {
    const last = index.order.length - 1
    const handled: Record<string, () => void> = {
      ArrowRight: () => selectAt(selectedPosition < 0 ? firstInView(index.times, view) : Math.min(last, selectedPosition + 1)),
      ArrowLeft: () => selectAt(selectedPosition < 0 ? lastInView(index.times, view) : Math.max(0, selectedPosition - 1)),
      Home: () => selectAt(0),
      End: () => selectAt(last),
      '+': () => zoom(0.5),
      '=': () => zoom(0.5),
      '-': () => zoom(2),
      _: () => zoom(2),
      '0': () => setZoomed(null),
      Escape: () => setDrag(null),
    }
    const action = handled[event.key]
    if (!action || event.ctrlKey || event.metaKey || event.altKey) return
    event.preventDefault()
    action()
  }

  const tooltipPosition = hover >= 0 ? hover : focused ? selectedPosition : -1
  const tooltipEvent = tooltipPosition >= 0 ? events[index.order[tooltipPosition]!] : undefined
  const { adBreaks, chapters } = model.intervals
  const open = adBreaks.filter((band) => !band.closed).length
  const summary =
    `Timeline: ${plural(adBreaks.length, 'ad break')}${open > 0 ? ` (${open} not closed)` : ''}, ` +
    `${plural(chapters.length, 'chapter')}, ${plural(findings.length, 'finding')}`

  return (
    <div class="timeline" data-testid="timeline">
      <div class="timeline-toolbar">
        <span class="timeline-range muted" aria-live="polite">
          {zoomed ? `Showing ${formatDuration(view.start - model.origin)}–${formatDuration(view.end - model.origin)} of ${formatDuration(model.full.end - model.origin)}` : 'Whole session'}
        </span>
        <ul class="timeline-legend" aria-label="Legend">
          <li class="legend-ad-break">Ad break</li>
          <li class="legend-chapter">Chapter</li>
          <li class="legend-pause">Paused</li>
          <li class="legend-buffer">Buffering</li>
          <li class="legend-ping">Ping</li>
        </ul>
        <button type="button" data-testid="zoom-in" aria-label="Zoom in" title="Zoom in (+)" onClick={() => zoom(0.5)}>
          +
        </button>
        <button type="button" data-testid="zoom-out" aria-label="Zoom out" title="Zoom out (-)" disabled={!zoomed} onClick={() => zoom(2)}>
          −
        </button>
        <button type="button" data-testid="zoom-reset" aria-label="Show the whole session" title="Whole session (0)" disabled={!zoomed} onClick={() => setZoomed(null)}>
          Reset
        </button>
      </div>
      <div
        ref={container}
        class="timeline-chart"
        role="group"
        tabIndex={0}
        aria-label={summary}
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
          drag={drag}
          onSelectMarker={selectMarker}
          handlers={{ onPointerDown, onPointerMove, onPointerUp, onPointerLeave: () => setHover(-1), onClick }}
        />
        {tooltipEvent && <EventTooltip event={tooltipEvent} origin={model.origin} left={toX(tooltipEvent.observedAt)} width={width} />}
      </div>
      <p id={keysId} class="visually-hidden">
        Left and right arrows select the previous or next event, plus and minus zoom, 0 shows the whole session; drag across the chart to zoom to a range.
      </p>
    </div>
  )
}

function firstInView(times: Float64Array, view: Domain): number {
  return Math.min(times.length - 1, lowerBound(times, view.start))
}

function lastInView(times: Float64Array, view: Domain): number {
  return Math.max(0, lowerBound(times, view.end + 1) - 1)
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}
