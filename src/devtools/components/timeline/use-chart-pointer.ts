import { useRef, useState } from 'preact/hooks'
import type { Domain } from './scale'
import { dragRange } from './scale'
import type { TimeIndex } from './time-index'
import { nearestPosition } from './time-index'

/** Below this many pixels a press and release is a click, not a drag to zoom. */
const DRAG_THRESHOLD_PX = 4

export interface ChartDrag {
  from: number
  to: number
}

export interface ChartPointer {
  /** The position (in time order) of the event nearest the pointer, or -1. */
  hover: number
  drag: ChartDrag | null
  /** Whether the pointer moved far enough since it was pressed to make a drag, not a click. */
  dragged: { current: boolean }
  cancelDrag(): void
  handlers: {
    onPointerDown(event: PointerEvent): void
    onPointerMove(event: PointerEvent): void
    onPointerUp(event: PointerEvent): void
    onPointerLeave(): void
    onClick(event: MouseEvent): void
  }
}

interface Chart {
  width: number
  index: TimeIndex
  full: Domain
  /** Chart pixels to observed time. */
  toTime(x: number): number
  /** A drag across the chart zooms to its range. */
  onZoom(range: Domain): void
  /** A click selects the event nearest it, by its position in time order. */
  onPick(position: number): void
}

/** The pointer on the chart: hover names the nearest event, a click selects it, a drag across zooms. */
export function useChartPointer({ width, index, full, toTime, onZoom, onPick }: Chart): ChartPointer {
  const [hover, setHover] = useState<number>(-1)
  const [drag, setDrag] = useState<ChartDrag | null>(null)
  const dragged = useRef(false)

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
    const range = dragged.current ? dragRange(toTime(drag.from), toTime(chartX(event)), full) : null
    if (range) onZoom(range)
    setDrag(null)
  }
  const onClick = (event: MouseEvent) => {
    // The click that ends a drag is not a selection.
    if (dragged.current) {
      dragged.current = false
      return
    }
    const position = nearestPosition(index, toTime(chartX(event)))
    if (position >= 0) onPick(position)
  }
  return { hover, drag, dragged, cancelDrag: () => setDrag(null), handlers: { onPointerDown, onPointerMove, onPointerUp, onPointerLeave: () => setHover(-1), onClick } }
}
