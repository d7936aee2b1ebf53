/**
 * Isolated-world relay: answers the page hook's questions (which traffic is tracking) and forwards its reports to
 * the service worker. Both go over a private MessagePort (hook-messages.ts says how hook and relay exchange it
 * before page scripts run); each report is made a HookMessage here (hook-reports.ts) and checked against the
 * schema, and the worker takes tab and frame from the sender, never from the message.
 *
 * Reports are sent in batches, one runtime message per short window: every runtime message crosses the browser
 * process to reach the worker, and a page may fire a thousand tracking requests a second.
 */
import { browser } from '../platform/browser'
import type { HookMessage, RelayBatch } from '../shared/hook-messages'
import { HOOK_READY_EVENT, MAX_BATCH_MESSAGES, parseHookMessage, RELAY_PORT_EVENT } from '../shared/hook-messages'
import { answerTrackingQueries, messageFromReport } from './hook-reports'
import { socketBudget } from './socket-budget'

/**
 * At most one batch per this many ms (about a frame). A report after a quiet spell goes at once; those that follow
 * within the window gather and go when it ends. Sparse tracking (a ping every few seconds) is never delayed, and a
 * burst costs about 60 runtime messages a second, whatever its rate.
 */
const BATCH_WINDOW_MS = 16
/**
 * Characters a batch may carry before it goes at once. Chrome refuses runtime messages over 64 MiB of JSON; a
 * character takes up to 6 bytes there (a control character escaped as \u00XX), so 8 Mi characters stay clear of it.
 */
const MAX_BATCH_CHARS = 8 * 1024 * 1024

let batch: HookMessage[] = []
let batchChars = 0
let timer: ReturnType<typeof setTimeout> | null = null
let lastSentAt = Number.NEGATIVE_INFINITY
const withinSocketBudget = socketBudget()

if (!offerPort()) {
  // The hook is not there yet: offer once more when it announces itself, and never again after that.
  document.addEventListener(
    HOOK_READY_EVENT,
    function hookReady() {
      document.removeEventListener(HOOK_READY_EVENT, hookReady, true)
      offerPort()
    },
    true,
  )
}
// A page going away (or frozen) must not take the last reports with it, such as its unload beacon.
addEventListener('pagehide', send, true)
document.addEventListener('freeze', send, true)

/** Offers a fresh port to the hook; true when the hook took it (it cancels the offer). */
function offerPort(): boolean {
  const channel = new MessageChannel()
  const taken = !document.dispatchEvent(new MessageEvent(RELAY_PORT_EVENT, { ports: [channel.port2], cancelable: true }))
  if (taken) {
    // The hook dispatches its questions on the port it took, which this world still holds too.
    answerTrackingQueries(channel.port2, () => document.baseURI)
    channel.port1.onmessage = (event) => forward(messageFromReport(event.data, document.baseURI))
  } else {
    channel.port1.close()
  }
  return taken
}

function forward(data: unknown): void {
  const parsed = parseHookMessage(data)
  if (parsed === null) return
  const message = withinSocketBudget(parsed)
  const chars = charsOf(message)
  if (batch.length > 0 && batchChars + chars > MAX_BATCH_CHARS) send()
  batch.push(message)
  batchChars += chars
  if (batch.length >= MAX_BATCH_MESSAGES || batchChars >= MAX_BATCH_CHARS) return send()
  // Already waiting for the window to end: this report goes with the others then.
  if (timer !== null) return
  const wait = lastSentAt + BATCH_WINDOW_MS - performance.now()
  if (wait <= 0) send()
  else timer = setTimeout(send, wait)
}

function send(): void {
  if (timer !== null) clearTimeout(timer)
  timer = null
  if (batch.length === 0) return
  const messages = batch
  lastSentAt = performance.now()
  batch = []
  batchChars = 0
  try {
    browser.runtime.sendMessage({ type: 'hook-batch', messages } satisfies RelayBatch).catch(() => {})
  } catch {
    // The extension was reloaded or removed: this page's relay is orphaned.
  }
}

/** The report's size where it can be large: URL, bodies, frames and headers. */
function charsOf(message: HookMessage): number {
  switch (message.kind) {
    case 'request':
      return message.url.length + (message.body?.text.length ?? 0)
    case 'response':
      return message.headers.reduce((sum, [name, value]) => sum + name.length + value.length, 0) + (message.body?.text.length ?? 0)
    case 'ws-open':
      return message.url.length
    case 'ws-frame':
      return message.data.length
  }
}
