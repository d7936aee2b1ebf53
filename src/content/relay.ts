/**
 * Isolated-world relay: forwards the page hook's messages to the service worker. The page can dispatch the
 * same events, so each message is validated here; the worker takes tab and frame from the sender, never
 * from the message.
 */
import type { RelayMessage } from '../shared/hook-messages'
import { HOOK_EVENT, MAX_MESSAGE_CHARS, parseHookMessage } from '../shared/hook-messages'

document.addEventListener(
  HOOK_EVENT,
  (event) => {
    const detail: unknown = (event as CustomEvent<unknown>).detail
    if (typeof detail !== 'string' || detail.length > MAX_MESSAGE_CHARS) return
    let value: unknown
    try {
      value = JSON.parse(detail)
    } catch {
      return
    }
    const message = parseHookMessage(value)
    if (message === null) return
    try {
      chrome.runtime.sendMessage({ type: 'hook', message } satisfies RelayMessage).catch(() => {})
    } catch {
      // The extension was reloaded or removed: this page's relay is orphaned.
    }
  },
  true,
)
