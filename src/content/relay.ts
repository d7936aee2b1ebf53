/**
 * Isolated-world relay: forwards the page hook's messages to the service worker. They arrive over a private
 * MessagePort (hook-messages.ts says how hook and relay exchange it before page scripts run); each is still
 * checked against the schema, and the worker takes tab and frame from the sender, never from the message.
 */
import type { RelayMessage } from '../shared/hook-messages'
import { HOOK_READY_EVENT, parseHookMessage, RELAY_PORT_EVENT } from '../shared/hook-messages'

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

/** Offers a fresh port to the hook; true when the hook took it (it cancels the offer). */
function offerPort(): boolean {
  const channel = new MessageChannel()
  const taken = !document.dispatchEvent(new MessageEvent(RELAY_PORT_EVENT, { ports: [channel.port2], cancelable: true }))
  if (taken) channel.port1.onmessage = (event) => forward(event.data)
  else channel.port1.close()
  return taken
}

function forward(data: unknown): void {
  const message = parseHookMessage(data)
  if (message === null) return
  try {
    chrome.runtime.sendMessage({ type: 'hook', message } satisfies RelayMessage).catch(() => {})
  } catch {
    // The extension was reloaded or removed: this page's relay is orphaned.
  }
}
