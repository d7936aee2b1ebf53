import { useState } from 'preact/hooks'
import { redactText } from '../../report/redact'
import type { EventRecord } from '../../store/records'

/**
 * The selected event's decoded fields, as JSON text (page data is never rendered as HTML). Tokens, cookies and
 * passwords are hidden as in exports, unless the user asks to see them.
 */
export function EventDetails({ event }: { event: EventRecord | undefined }) {
  const [showSecrets, setShowSecrets] = useState(false)
  if (!event) return <p class="placeholder">Select an event to see its decoded fields.</p>
  const text = prettyJson(event.details)
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
        <label class="show-secrets">
          <input type="checkbox" data-testid="show-secrets" checked={showSecrets} onChange={(e) => setShowSecrets((e.currentTarget as HTMLInputElement).checked)} />
          Show secrets
        </label>
      </div>
      <pre class="event-details mono" data-testid="event-details">
        {showSecrets ? text : redactText(text)}
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
