import { useState } from 'preact/hooks'
import type { Domain } from './scale'
import { zoomAround } from './scale'

export interface TimelineZoom {
  /** The zoomed window, or null for the whole session. */
  zoomed: Domain | null
  /** What the chart shows. */
  view: Domain
  setZoomed(window: Domain | null): void
  /** Zooms by `factor` around `selectedTime` when the view shows it (NaN: nothing selected), else around the middle. */
  zoom(factor: number, selectedTime: number): void
}

export function useTimelineZoom(full: Domain): TimelineZoom {
  const [zoomWindow, setZoomed] = useState<Domain | null>(null)
  // A window outside the session (another session was chosen) is no zoom; a live session growing keeps it.
  const zoomed = zoomWindow && zoomWindow.start >= full.start && zoomWindow.end <= full.end ? zoomWindow : null
  const view = zoomed ?? full
  const zoom = (factor: number, selectedTime: number) => {
    const anchor = selectedTime >= view.start && selectedTime <= view.end ? selectedTime : (view.start + view.end) / 2
    const next = zoomAround(view, full, factor, anchor)
    setZoomed(next.start <= full.start && next.end >= full.end ? null : next)
  }
  return { zoomed, view, setZoomed, zoom }
}
