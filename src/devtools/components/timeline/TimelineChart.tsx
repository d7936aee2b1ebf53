import type { SVGAttributes } from 'preact'
import { useId, useMemo } from 'preact/hooks'
import { formatDuration } from '../../../ui/format-duration'
import type { Band, Segment } from './intervals'
import type { Marker } from './markers'
import { visibleMarkers } from './markers'
import type { TimelineModel } from './model'
import type { Plot } from './paths'
import { linePath, roundPx, tickPath } from './paths'
import type { Domain } from './scale'
import { linearScale, timeTicks, valueTicks } from './scale'

export type ChartHandlers = Pick<SVGAttributes<SVGSVGElement>, 'onPointerDown' | 'onPointerMove' | 'onPointerUp' | 'onPointerLeave' | 'onClick'>

export const CHART_HEIGHT = 140
export const PLOT_LEFT = 44
export const PLOT_RIGHT_GAP = 12
const MARKER_Y = 7
const PLOT_TOP = 16
const PLOT_BOTTOM = 96
const PING_TOP = 98
const PING_BOTTOM = 104
const SEGMENT_TOP = 107
const SEGMENT_HEIGHT = 6
const AXIS_LABEL_Y = 130

interface Props {
  model: TimelineModel
  view: Domain
  width: number
  x: (time: number) => number
  selectedTime: number | undefined
  selectedPlayhead: number | null
  /** A range being dragged, in chart pixels. */
  drag: { from: number; to: number } | null
  onSelectMarker(eventId: string): void
  handlers: ChartHandlers
}

/** The SVG itself: layers from the back (bands) to the front (markers, selection). */
export function TimelineChart({ model, view, width, x, selectedTime, selectedPlayhead, drag, onSelectMarker, handlers }: Props) {
  const ids = useId()
  const clipId = `${ids}-clip`
  const hatchId = `${ids}-hatch`
  const right = width - PLOT_RIGHT_GAP
  const y = linearScale(model.playheads, PLOT_BOTTOM, PLOT_TOP)
  const plot: Plot = { x, y, start: view.start, end: view.end }
  const { adBreaks, chapters, pauses, buffers } = model.intervals

  // The heavy layers depend on the window and width only, not on hover or selection.
  const heavy = useMemo(
    () => ({
      playhead: linePath(model.playhead, plot),
      pings: tickPath(model.pings, plot, PING_TOP, PING_BOTTOM),
      markers: visibleMarkers(model.findings, view, x),
    }),
    [model, view.start, view.end, width],
  )
  const timeAxis = timeTicks(view, model.origin, Math.max(2, Math.floor((right - PLOT_LEFT) / 90)))
  const playheadAxis = valueTicks(model.playheads, 4)
  const span = (start: number, end: number) => {
    const from = Math.max(PLOT_LEFT, x(start))
    const to = Math.min(right, x(end))
    return to < PLOT_LEFT || from > right ? null : { x: from, width: Math.max(1, to - from) }
  }
  const band = (kind: 'ad-break' | 'chapter', item: Band, n: number) => {
    const place = span(item.start, item.end)
    if (!place) return null
    const name = kind === 'ad-break' ? `Ad break ${n}` : `Chapter ${n}`
    const fill = kind === 'ad-break' && !item.closed ? `url(#${hatchId})` : undefined
    return (
      <rect
        key={`${kind}-${n}`}
        data-testid={`${kind}-band`}
        data-closed={String(item.closed)}
        class={`timeline-band timeline-${kind}${item.closed ? '' : ' timeline-not-closed'}`}
        x={place.x}
        y={PLOT_TOP}
        width={place.width}
        height={PLOT_BOTTOM - PLOT_TOP}
        // Inline, since the class's fill would win over a fill attribute.
        style={fill ? { fill } : undefined}
      >
        <title>{`${name}${item.closed ? '' : ' (not closed)'}: ${formatDuration(item.start - model.origin)}–${formatDuration(item.end - model.origin)}`}</title>
      </rect>
    )
  }
  const segment = (kind: 'pause' | 'buffer', item: Segment, n: number) => {
    const place = span(item.start, item.end)
    if (!place) return null
    const name = kind === 'pause' ? 'Paused' : 'Buffering'
    return (
      <rect key={`${kind}-${n}`} data-testid={`${kind}-segment`} class={`timeline-${kind}`} x={place.x} y={SEGMENT_TOP} width={place.width} height={SEGMENT_HEIGHT} rx={1}>
        <title>{`${name}${item.closed ? '' : ' (still at the end of the capture)'}: ${formatDuration(item.start - model.origin)}–${formatDuration(item.end - model.origin)}`}</title>
      </rect>
    )
  }

  return (
    <svg class="timeline-svg" width="100%" height={CHART_HEIGHT} viewBox={`0 0 ${width} ${CHART_HEIGHT}`} preserveAspectRatio="none" aria-hidden="true" {...handlers}>
      <defs>
        <clipPath id={clipId}>
          <rect x={PLOT_LEFT} y={0} width={Math.max(0, right - PLOT_LEFT)} height={CHART_HEIGHT} />
        </clipPath>
        <pattern id={hatchId} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect class="timeline-hatch-bg" width="6" height="6" />
          <line class="timeline-hatch-line" x1="0" y1="0" x2="0" y2="6" />
        </pattern>
      </defs>
      <rect class="timeline-plot" x={PLOT_LEFT} y={PLOT_TOP} width={Math.max(0, right - PLOT_LEFT)} height={PLOT_BOTTOM - PLOT_TOP} />
      {chapters.map((item, i) => band('chapter', item, i + 1))}
      {adBreaks.map((item, i) => band('ad-break', item, i + 1))}
      {timeAxis.map((tick) => (
        <g key={`t${tick.value}`} class="timeline-axis">
          <line class="timeline-grid" x1={x(tick.value)} x2={x(tick.value)} y1={PLOT_TOP} y2={PLOT_BOTTOM} />
          <text x={x(tick.value)} y={AXIS_LABEL_Y} text-anchor="middle">
            {tick.label}
          </text>
        </g>
      ))}
      {playheadAxis.map((tick) => (
        <g key={`p${tick.value}`} class="timeline-axis">
          <line class="timeline-grid" x1={PLOT_LEFT} x2={right} y1={y(tick.value)} y2={y(tick.value)} />
          <text x={PLOT_LEFT - 4} y={y(tick.value) + 3} text-anchor="end">
            {`${tick.label}s`}
          </text>
        </g>
      ))}
      <g clip-path={`url(#${clipId})`}>
        <path data-testid="playhead-path" class="timeline-playhead" d={heavy.playhead} />
        <path data-testid="ping-ticks" class="timeline-pings" d={heavy.pings} />
        {pauses.map((item, i) => segment('pause', item, i))}
        {buffers.map((item, i) => segment('buffer', item, i))}
        {selectedTime !== undefined && (
          <g class="timeline-selected">
            <line x1={x(selectedTime)} x2={x(selectedTime)} y1={PLOT_TOP} y2={SEGMENT_TOP + SEGMENT_HEIGHT} />
            {selectedPlayhead !== null && Number.isFinite(selectedPlayhead) && <circle cx={x(selectedTime)} cy={y(selectedPlayhead)} r={3.5} />}
          </g>
        )}
      </g>
      {heavy.markers.map((marker, i) => (
        <FindingMarker key={i} marker={marker} x={roundPx(Math.min(right, Math.max(PLOT_LEFT, x(marker.time))))} onSelect={onSelectMarker} />
      ))}
      {drag && Math.abs(drag.to - drag.from) > 0 && (
        <rect class="timeline-drag" x={Math.min(drag.from, drag.to)} y={PLOT_TOP} width={Math.abs(drag.to - drag.from)} height={PLOT_BOTTOM - PLOT_TOP} />
      )}
    </svg>
  )
}

/** Shape as well as colour tells severities apart: error ◆, warning ▲, info ●. */
function FindingMarker({ marker, x, onSelect }: { marker: Marker; x: number; onSelect(id: string): void }) {
  const shape =
    marker.severity === 'error'
      ? `M${x},${MARKER_Y - 5}l5,5l-5,5l-5,-5z`
      : marker.severity === 'warning'
        ? `M${x},${MARKER_Y - 5}l5,9h-10z`
        : `M${x - 4},${MARKER_Y}a4,4 0 1,0 8,0a4,4 0 1,0 -8,0`
  const [first] = marker.findings
  const title =
    marker.findings.length === 1 && first
      ? `${first.severity}: ${first.rule}: ${first.message}`
      : `${marker.findings.length} findings, the worst ${marker.severity}`
  return (
    <path
      data-testid="finding-marker"
      data-severity={marker.severity}
      data-count={marker.findings.length}
      class={`timeline-marker timeline-marker-${marker.severity}`}
      d={shape}
      onClick={(event) => {
        event.stopPropagation()
        if (marker.eventId) onSelect(marker.eventId)
      }}
      onPointerDown={(event) => event.stopPropagation()}
    >
      <title>{title}</title>
    </path>
  )
}
