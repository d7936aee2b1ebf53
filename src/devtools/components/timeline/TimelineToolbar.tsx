import { formatDuration } from '../../../ui/format-duration'
import type { Domain } from './scale'

interface Props {
  zoomed: Domain | null
  view: Domain
  full: Domain
  /** Offsets on the time axis count from it. */
  origin: number
  onZoom(factor: number): void
  onReset(): void
}

/** What range the chart shows, its legend, and the zoom buttons. */
export function TimelineToolbar({ zoomed, view, full, origin, onZoom, onReset }: Props) {
  return (
    <div class="timeline-toolbar">
      <span class="timeline-range muted" aria-live="polite">
        {zoomed ? `Showing ${formatDuration(view.start - origin)}–${formatDuration(view.end - origin)} of ${formatDuration(full.end - origin)}` : 'Whole session'}
      </span>
      <ul class="timeline-legend" aria-label="Legend">
        <li class="legend-ad-break">Ad break</li>
        <li class="legend-chapter">Chapter</li>
        <li class="legend-pause">Paused</li>
        <li class="legend-buffer">Buffering</li>
        <li class="legend-ping">Ping</li>
      </ul>
      <button type="button" data-testid="zoom-in" aria-label="Zoom in" title="Zoom in (+)" onClick={() => onZoom(0.5)}>
        +
      </button>
      <button type="button" data-testid="zoom-out" aria-label="Zoom out" title="Zoom out (-)" disabled={!zoomed} onClick={() => onZoom(2)}>
        −
      </button>
      <button type="button" data-testid="zoom-reset" aria-label="Show the whole session" title="Whole session (0)" disabled={!zoomed} onClick={onReset}>
        Reset
      </button>
    </div>
  )
}
