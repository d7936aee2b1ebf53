import { formatDuration } from '../../../ui/format-duration'
import type { Band, Segment } from './intervals'
import { AXIS_LABEL_Y, MARKER_Y, PING_BOTTOM, PING_TOP, PLOT_BOTTOM, PLOT_LEFT, PLOT_TOP, SEGMENT_HEIGHT, SEGMENT_TOP } from './layout'
import type { Marker } from './markers'
import { visibleMarkers } from './markers'
import type { TimelineModel } from './model'
import type { Plot } from './paths'
import { linePath, roundPx, tickPath } from './paths'
import type { PixelSpan } from './pixel-spans'
import { pixelSpans } from './pixel-spans'
import { timeTicks, valueTicks } from './scale'

interface Props {
  model: TimelineModel
  plot: Plot
  /** Right edge of the plot, in chart pixels. */
  right: number
  clipId: string
  hatchId: string
  onSelectMarker(eventId: string): void
}

type Numbered<T> = T & { n: number }

/**
 * Everything that changes only with the data, the zoom window or the width: the parent memoizes it, so
 * hovering and selecting do not re-render thousands of elements.
 */
export function ChartLayers({ model, plot, right, clipId, hatchId, onSelectMarker }: Props) {
  const { x, y } = plot
  const view = { start: plot.start, end: plot.end }
  const origin = model.origin
  const numbered = <T,>(items: readonly T[]): Array<Numbered<T>> => items.map((item, i) => ({ ...item, n: i + 1 }))
  const spans = <T extends { start: number; end: number }>(items: readonly T[]) => pixelSpans(numbered(items), x, PLOT_LEFT, right)
  const range = (items: ReadonlyArray<{ start: number; end: number }>) => `${formatDuration(items[0]!.start - origin)}–${formatDuration(items.at(-1)!.end - origin)}`

  const band = (kind: 'ad-break' | 'chapter', place: PixelSpan<Numbered<Band>>) => {
    const { items } = place
    const open = items.filter((item) => !item.closed).length
    const noun = kind === 'ad-break' ? 'Ad break' : 'Chapter'
    const name = items.length === 1 ? `${noun} ${items[0]!.n}` : `${items.length} ${noun.toLowerCase()}s`
    const hatched = kind === 'ad-break' && open > 0
    return (
      <rect
        key={`${kind}-${items[0]!.n}`}
        data-testid={`${kind}-band`}
        data-closed={String(open === 0)}
        data-count={items.length}
        class={`timeline-band timeline-${kind}${open > 0 ? ' timeline-not-closed' : ''}`}
        x={place.x}
        y={PLOT_TOP}
        width={place.width}
        height={PLOT_BOTTOM - PLOT_TOP}
        // Inline, since the class's fill would win over a fill attribute.
        style={hatched ? { fill: `url(#${hatchId})` } : undefined}
      >
        <title>{`${name}${open === 0 ? '' : items.length === 1 ? ' (not closed)' : ` (${open} not closed)`}: ${range(items)}`}</title>
      </rect>
    )
  }
  const segment = (kind: 'pause' | 'buffer', place: PixelSpan<Numbered<Segment>>) => {
    const { items } = place
    const noun = kind === 'pause' ? 'Paused' : 'Buffering'
    const name = items.length === 1 ? noun : `${noun} ${items.length} times`
    const open = items.some((item) => !item.closed)
    return (
      <rect key={`${kind}-${items[0]!.n}`} data-testid={`${kind}-segment`} data-count={items.length} class={`timeline-${kind}`} x={place.x} y={SEGMENT_TOP} width={place.width} height={SEGMENT_HEIGHT} rx={1}>
        <title>{`${name}${open ? ' (still at the end of the capture)' : ''}: ${range(items)}`}</title>
      </rect>
    )
  }

  const { adBreaks, chapters, pauses, buffers } = model.intervals
  return (
    <>
      {spans(chapters).map((place) => band('chapter', place))}
      {spans(adBreaks).map((place) => band('ad-break', place))}
      {timeTicks(view, origin, Math.max(2, Math.floor((right - PLOT_LEFT) / 90))).map((tick) => (
        <g key={`t${tick.value}`} class="timeline-axis">
          <line class="timeline-grid" x1={x(tick.value)} x2={x(tick.value)} y1={PLOT_TOP} y2={PLOT_BOTTOM} />
          <text x={x(tick.value)} y={AXIS_LABEL_Y} text-anchor="middle">
            {tick.label}
          </text>
        </g>
      ))}
      {valueTicks(model.playheads, 4).map((tick) => (
        <g key={`p${tick.value}`} class="timeline-axis">
          <line class="timeline-grid" x1={PLOT_LEFT} x2={right} y1={y(tick.value)} y2={y(tick.value)} />
          <text x={PLOT_LEFT - 4} y={y(tick.value) + 3} text-anchor="end">
            {`${tick.label}s`}
          </text>
        </g>
      ))}
      <g clip-path={`url(#${clipId})`}>
        <path data-testid="playhead-path" class="timeline-playhead" d={linePath(model.playhead, plot)} />
        <path data-testid="ping-ticks" class="timeline-pings" d={tickPath(model.pings, plot, PING_TOP, PING_BOTTOM)} />
        {spans(pauses).map((place) => segment('pause', place))}
        {spans(buffers).map((place) => segment('buffer', place))}
      </g>
      {visibleMarkers(model.findings, view, x).map((marker, i) => (
        <FindingMarker key={i} marker={marker} x={roundPx(Math.min(right, Math.max(PLOT_LEFT, x(marker.time))))} onSelect={onSelectMarker} />
      ))}
    </>
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
