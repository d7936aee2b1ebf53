import { useContext, useEffect, useMemo, useState } from 'preact/hooks'
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
  /** The event's fields as sent, when the store holds them redacted (DataSource.sentDetails). */
  sentDetails?: (event: EventRecord) => Promise<{ details: unknown } | undefined>
}

/** What "Show secrets" has of the selected event when the store holds it redacted. */
type Sent = { event: EventRecord; details: unknown } | { event: EventRecord; gone: true } | null

/**
 * The selected event's decoded fields, as a JSON tree of text (page data is never rendered as HTML). Tokens,
 * cookies, passwords and the user's extra secret names are hidden as in exports, in the tree and in what is
 * copied, unless the user asks to see them (or chose on the options page to see them by default). Unless secrets
 * are kept on disk, the store holds the event redacted, and its real values come from the worker's memory, which
 * keeps them while the tab is open; after that, the panel says they are gone.
 */
export function EventDetails({ event, copy = copyText, sentDetails }: Props) {
  const redaction = useContext(RedactionContext)
  /** The user's tick or untick; until then the options page's default, followed as it loads or changes. */
  const [chosen, setShowSecrets] = useState<boolean | null>(null)
  const showSecrets = chosen ?? redaction.showSecretsByDefault
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null)
  const details = useMemo(() => unpackDetails(event?.details), [event])
  const askWorker = showSecrets && event !== undefined && sentDetails !== undefined && !redaction.keepSecretsOnDisk
  const [sent, setSent] = useState<Sent>(null)
  useEffect(() => {
    if (!askWorker) return
    let current = true
    sentDetails(event).then(
      (found) => current && setSent(found === undefined ? { event, gone: true } : { event, details: found.details }),
      () => current && setSent({ event, gone: true }),
    )
    return () => {
      current = false
    }
  }, [askWorker, event, sentDetails])
  const sentNow = askWorker && sent?.event === event ? sent : null
  const shown = useMemo(
    () => (!showSecrets ? redactValue(details, redaction.extraSecretNames) : sentNow !== null && 'details' in sentNow ? sentNow.details : details),
    [details, showSecrets, sentNow, redaction.extraSecretNames],
  )
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
          <input type="checkbox" data-testid="show-secrets" checked={showSecrets} onChange={(e) => setShowSecrets(e.currentTarget.checked)} />
          Show secrets
        </label>
      </div>
      {sentNow !== null && 'gone' in sentNow && (
        <p class="secrets-gone" data-testid="secrets-gone" role="note">
          The values this request was sent with are no longer known: they stay in memory only while the tab is open, and the store keeps requests with secrets removed (Options: Keep secrets on disk).
        </p>
      )}
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
