import './EventsLoading.css'

/** How far the reading of a long session has got; the list and the chart grow as it goes. */
export function EventsLoading({ loaded, total }: { loaded: number; total: number }) {
  return (
    <p class="events-loading muted" role="status" data-testid="events-loading">
      {`Loading events… ${loaded.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`}
      <progress max={Math.max(total, 1)} value={loaded} aria-hidden="true" />
    </p>
  )
}
