import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks'
import type { Severity } from '../../session/finding'
import type { EventRecord } from '../../store/records'
import { formatOffset } from '../../ui/format-duration'
import { SeverityMark } from '../../ui/SeverityMark'
import { eventKey, indexOfKey } from './events/event-index'
import { rowWindow, scrollToReveal, targetRow } from './events/virtual-window'
import { SelectableRow } from './SelectableRow'
import './events/EventGrid.css'

export { eventKey }

/** Must match the row height in EventGrid.css: rows are placed by arithmetic, never measured. */
export const ROW_HEIGHT = 22
/** Rows rendered beyond each edge of the viewport, so fast scrolling does not show blank space. */
const OVERSCAN = 12
/** Until the scroller is measured (and in test DOMs that do no layout). */
const FALLBACK_VIEWPORT = 20 * ROW_HEIGHT

interface Props {
  /** In the order the session applied them. */
  events: readonly EventRecord[]
  sessionStart: number
  selectedId: string | undefined
  onSelect: (id: string) => void
  /** The worst severity of the findings on an event, if any. */
  markerOf: (event: EventRecord) => Severity | undefined
  /** When this changes (new filters), the list starts again from the top unless the selected event is in it. */
  scrollResetKey?: unknown
}

/**
 * The selected session's events: the timeline a rule replayed. Virtualized: only the rows in view (plus some
 * overscan, plus the selected row so focus survives scrolling) are in the DOM, placed absolutely on a fixed
 * row grid, so a 50,000-event session costs the same per scroll frame as a 50-event one.
 */
export function EventTable({ events, sessionStart, selectedId, onSelect, markerOf, scrollResetKey }: Props) {
  const scroller = useRef<HTMLDivElement>(null)
  // The first row in view, not the raw scroll offset: scrolling within a row renders nothing.
  const [topRow, setTopRow] = useState(0)
  const [viewport, setViewport] = useState(FALLBACK_VIEWPORT)
  // Set when a row interaction (key, click, focus) changes the selection: the newly selected row takes focus.
  const focusPending = useRef(false)

  // Once per selection or list change, never per scroll frame.
  const selectedIndex = useMemo(() => indexOfKey(events, selectedId), [events, selectedId])

  useLayoutEffect(() => {
    const element = scroller.current
    if (!element) return
    // The sticky header covers the top row's worth of the scroller.
    const measure = () => setViewport(element.clientHeight > ROW_HEIGHT ? element.clientHeight - ROW_HEIGHT : FALLBACK_VIEWPORT)
    measure()
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  const resetKey = useRef(scrollResetKey)
  useLayoutEffect(() => {
    if (resetKey.current === scrollResetKey) return
    resetKey.current = scrollResetKey
    const element = scroller.current
    if (!element || selectedIndex >= 0) return
    element.scrollTop = 0
    setTopRow(0)
  }, [scrollResetKey, selectedIndex])

  // A selection made elsewhere (a finding, the chart) or a filter that moved the selected row: bring it into view.
  useLayoutEffect(() => {
    const element = scroller.current
    if (!element || selectedIndex < 0) return
    const next = scrollToReveal(selectedIndex, element.scrollTop, viewport, ROW_HEIGHT)
    if (next !== undefined) {
      element.scrollTop = next
      setTopRow(Math.floor(next / ROW_HEIGHT))
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a resized viewport keeps the reader's scroll position
  }, [selectedId, selectedIndex])

  useLayoutEffect(() => {
    if (!focusPending.current || selectedIndex < 0) return
    focusPending.current = false
    const row = scroller.current?.querySelector<HTMLElement>(`[data-index="${selectedIndex}"]`)
    if (row && row !== document.activeElement) row.focus({ preventScroll: true })
  })

  function selectFromRow(index: number) {
    const event = events[index]
    if (!event) return
    focusPending.current = true
    onSelect(eventKey(event))
  }

  function navigate(key: string, from: number): boolean {
    const target = targetRow(key, from, events.length, Math.floor(viewport / ROW_HEIGHT))
    if (target === undefined) return false
    selectFromRow(target)
    return true
  }

  const { start, end } = rowWindow(events.length, topRow * ROW_HEIGHT, viewport, ROW_HEIGHT, OVERSCAN)
  const rendered: number[] = []
  if (selectedIndex >= 0 && selectedIndex < start) rendered.push(selectedIndex)
  for (let i = start; i < end; i++) rendered.push(i)
  if (selectedIndex >= end) rendered.push(selectedIndex)
  const tabbableIndex = selectedIndex >= 0 ? selectedIndex : start

  return (
    <div class="events-scroll" ref={scroller} onScroll={(e) => setTopRow(Math.floor((e.currentTarget as HTMLElement).scrollTop / ROW_HEIGHT))}>
      <div class="event-grid" role="grid" aria-label="Events of the session, in applied order" aria-readonly="true" aria-rowcount={events.length + 1} aria-colcount={6}>
        <div role="rowgroup" class="event-grid-head">
          <div role="row" class="event-grid-row" aria-rowindex={1}>
            <div role="columnheader" class="col-marker">
              <span class="visually-hidden">Findings</span>
            </div>
            <div role="columnheader" class="col-num">#</div>
            <div role="columnheader" class="col-num" title="Observed time since the session started">Time</div>
            <div role="columnheader">Type</div>
            <div role="columnheader" class="col-num">Playhead</div>
            <div role="columnheader" class="col-num" title="The client's own timestamp (UTC)">Client time</div>
          </div>
        </div>
        <div role="rowgroup" class="event-grid-body" style={{ height: `${events.length * ROW_HEIGHT}px` }}>
          {rendered.map((i) => {
            const event = events[i]!
            const id = eventKey(event)
            const marker = markerOf(event)
            return (
              <SelectableRow
                key={id}
                element="div"
                data={{ 'data-testid': 'event-row', 'data-capture': event.capture, 'data-ordinal': event.ordinal, 'data-type': event.type, 'data-index': i }}
                class={`event-grid-row${marker ? ` marked-${marker}` : ''}`}
                style={{ top: `${i * ROW_HEIGHT}px` }}
                rowIndex={i + 2}
                selected={i === selectedIndex}
                tabbable={i === tabbableIndex}
                onSelect={() => selectFromRow(i)}
                navigate={(key) => navigate(key, i)}
                revealOnSelect={false}
              >
                <div role="gridcell" class="col-marker">
                  {marker && <SeverityMark severity={marker} text="icon" />}
                </div>
                <div role="gridcell" class="col-num">{event.position}</div>
                <div role="gridcell" class="col-num mono">{formatOffset(event.observedAt - sessionStart)}</div>
                <div role="gridcell" class="col-type">{event.type}</div>
                <div role="gridcell" class="col-num mono">{formatPlayhead(event.playhead)}</div>
                <div role="gridcell" class="col-num mono" title={isoTime(event.clientTime, 'full')}>
                  {isoTime(event.clientTime, 'time')}
                </div>
              </SelectableRow>
            )
          })}
        </div>
      </div>
    </div>
  )
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
