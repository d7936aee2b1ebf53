import { useContext, useMemo, useState } from 'preact/hooks'
import { redactValue } from '../../report/redact'
import type { EventRecord } from '../../store/records'
import { RedactionContext } from '../../ui/redaction-context'
import { copyText } from '../../ui/save-file'
import { eventKey } from './events/event-index'
import { JsonTree } from './events/JsonTree'
import { unpackDetails } from '../../ui/packed-details'

interface Props {
  event: EventRecord | undefined
  /** Puts text on the clipboard; the system clipboard unless a test hands in its own. */
  copy?: (text: string) => Promise<void>
}

/**
 * The selected event's decoded fields, as a JSON tree of text (page data is never rendered as HTML). Tokens,
 * cookies, passwords and the user's extra secret names are hidden as in exports, in the tree and in what is
 * copied, unless the user asks to see them (or chose on the options page to see them by default).
 */
export function EventDetails({ event, copy = copyText }: Props) {
  const redaction = useContext(RedactionContext)
  /** The user's tick or untick; until then the options page's default, followed as it loads or changes. */
  const [chosen, setShowSecrets] = useState<boolean | null>(null)
  const showSecrets = chosen ?? redaction.showSecretsByDefault
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null)
  const details = useMemo(() => unpackDetails(event?.details), [event])
  const shown = useMemo(() => (showSecrets ? details : redactValue(details, redaction.extraSecretNames)), [details, showSecrets, redaction.extraSecretNames])
  if (!event) return <p class="placeholder">Select an event to see its decoded fields.</p>

  function onCopy(text: string, what: string) {
    copy(text).then(
      () => setStatus({ text: `Copied ${what}.`, error: false }),
      (error: unknown) => setStatus({ text: `Could not copy: ${error instanceof Error ? error.message : String(error)}`, error: true }),
    )
  }

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
      {shown === undefined ? (
        <p class="placeholder" data-testid="event-details">
          (no decoded fields)
        </p>
      ) : (
        <JsonTree value={shown} onCopy={onCopy} resetKey={eventKey(event)} />
      )}
      <p class={`copy-status${status?.error ? ' copy-status-error' : ''}`} data-testid="copy-status" role="status">
        {status?.text}
      </p>
    </>
  )
}
