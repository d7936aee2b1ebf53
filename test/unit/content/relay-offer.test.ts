// @vitest-environment happy-dom
/**
 * The relay injected before the page hook (Chrome runs both at document_start, in an order the extension cannot
 * choose): its first offer finds no taker and is withdrawn, the hook's announcement gets it one more offer, and
 * nobody announcing later (a page script) gets another. (The hook-first order is relay-batching.test.ts's setup;
 * the hook's side of the exchange, and a page's attempts on it, run in Chromium in forged-messages.e2e.test.ts.)
 */
import { expect, it, vi } from 'vitest'
import { HOOK_READY_EVENT, RELAY_PORT_EVENT } from '../../../src/shared/hook-messages'

it('offers its port once more when the hook announces itself after it, and never again', async () => {
  vi.stubGlobal('chrome', { runtime: { sendMessage: async () => {} } })
  const unanswered: MessagePort[] = []
  const countOffers = (event: Event): void => void unanswered.push(...(event as MessageEvent).ports)
  document.addEventListener(RELAY_PORT_EVENT, countOffers, true)
  await import('../../../src/content/relay')
  document.removeEventListener(RELAY_PORT_EVENT, countOffers, true)
  expect(unanswered).toHaveLength(1)

  const taken: MessagePort[] = []
  document.addEventListener(RELAY_PORT_EVENT, (event) => {
    taken.push(...(event as MessageEvent).ports)
    event.preventDefault()
  }, true)
  document.dispatchEvent(new Event(HOOK_READY_EVENT))
  document.dispatchEvent(new Event(HOOK_READY_EVENT))
  expect(taken).toHaveLength(1)
  expect(taken[0]).not.toBe(unanswered[0])
})
