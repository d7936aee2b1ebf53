import type { SVGAttributes } from 'preact'
import { useId, useMemo } from 'preact/hooks'
import { ChartLayers } from './ChartLayers'
import { CHART_HEIGHT, PLOT_BOTTOM, PLOT_LEFT, PLOT_RIGHT_GAP, PLOT_TOP, SEGMENT_HEIGHT, SEGMENT_TOP } from './layout'
import type { TimelineModel } from './model'
import type { Domain } from './scale'
import { linearScale } from './scale'

export type ChartHandlers = Pick<SVGAttributes<SVGSVGElement>, 'onPointerDown' | 'onPointerMove' | 'onPointerUp' | 'onPointerLeave' | 'onClick'>

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

/** The SVG: the memoized data layers, then what follows the pointer and the selection. */
export function TimelineChart({ model, view, width, x, selectedTime, selectedPlayhead, drag, onSelectMarker, handlers }: Props) {
  const ids = useId()
  const clipId = `${ids}-clip`
  const hatchId = `${ids}-hatch`
  const right = width - PLOT_RIGHT_GAP
  const y = linearScale(model.playheads, PLOT_BOTTOM, PLOT_TOP)
  // The same vnode on re-render lets Preact skip the layers: hover and selection leave them alone.
  const layers = useMemo(
    () => <ChartLayers model={model} plot={{ x, y, start: view.start, end: view.end }} right={right} clipId={clipId} hatchId={hatchId} onSelectMarker={onSelectMarker} />,
    // x, y and right follow from the model, the view and the width; the ids are the component's own for its life.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- x and y are fresh functions of the inputs listed
    [model, view.start, view.end, width, onSelectMarker],
  )

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
      {layers}
      {selectedTime !== undefined && selectedTime >= view.start && selectedTime <= view.end && (
        <g class="timeline-selected">
          <line x1={x(selectedTime)} x2={x(selectedTime)} y1={PLOT_TOP} y2={SEGMENT_TOP + SEGMENT_HEIGHT} />
          {selectedPlayhead !== null && Number.isFinite(selectedPlayhead) && <circle cx={x(selectedTime)} cy={y(selectedPlayhead)} r={3.5} />}
        </g>
      )}
      {drag && Math.abs(drag.to - drag.from) > 0 && (
        <rect class="timeline-drag" x={Math.min(drag.from, drag.to)} y={PLOT_TOP} width={Math.abs(drag.to - drag.from)} height={PLOT_BOTTOM - PLOT_TOP} />
      )}
    </svg>
  )
}
