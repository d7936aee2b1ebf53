import type { EventRecord } from '../../store/records'

/** The selected event's decoded fields, as JSON text (page data is never rendered as HTML). */
export function EventDetails({ event }: { event: EventRecord | undefined }) {
  if (!event) return <p class="placeholder">Select an event to see its decoded fields.</p>
  return (
    <>
      <div class="details-meta">
        <span>
          <span class="muted">#</span>
          {event.position} <strong>{event.type}</strong>
        </span>
        <span>
          <span class="muted">session ID </span>
          <span class="mono">{event.sessionId ?? '—'}</span>
        </span>
        {event.urlAction !== undefined && (
          <span>
            <span class="muted">URL action </span>
            <span class="mono">{event.urlAction}</span>
          </span>
        )}
        <span>
          <span class="muted">request </span>
          <span class="mono">{event.frame === null ? event.capture : `${event.capture}, frame ${event.frame}`}</span>
        </span>
      </div>
      <pre class="event-details mono" data-testid="event-details">
        {prettyJson(event.details)}
      </pre>
    </>
  )
}

function prettyJson(value: unknown): string {
  if (value === undefined) return '(no decoded fields)'
  try {
    return JSON.stringify(value, null, 2) ?? String(value)
  } catch {
    return String(value)
  }
}
