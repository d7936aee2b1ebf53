// @vitest-environment happy-dom
/**
 * The relay sends the hook's reports in batches: a burst costs a handful of runtime messages, none over the batch
 * limit, every report once and in order; a report after a quiet spell is not delayed, and a page going away sends
 * what is gathered at once. The test takes the relay's port as the hook does and posts reports on it directly.
 */
import { beforeAll, expect, it, vi } from 'vitest'
import type { HookMessage, HookReport, RelayBatch } from '../../../src/shared/hook-messages'
import { MAX_BATCH_MESSAGES, RELAY_PORT_EVENT } from '../../../src/shared/hook-messages'

const TRACKED = 'https://edge.adobedc.net/ee/va/v1/ping?configId=unit'
const sent: RelayBatch[] = []
const reports = (): HookMessage[] => sent.flatMap((batch) => batch.messages)
/** What the hook posts, and what the relay makes of it. */
const report = (n: number): HookReport => ({ kind: 'request', id: `r-${n}`, via: 'fetch', url: TRACKED, method: 'POST', body: { kind: 'text', text: `{"n":${n}}`, total: 6 + String(n).length }, time: 1_700_000_000_000 + n })
const request = (n: number): HookMessage => ({ kind: 'request', id: `r-${n}`, via: 'fetch', url: TRACKED, method: 'POST', body: { text: `{"n":${n}}` }, time: 1_700_000_000_000 + n })
/** Port messages travel through the event loop, not through timers. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
async function until(done: () => boolean): Promise<void> {
  for (let turn = 0; turn < 10_000 && !done(); turn++) await nextTurn()
}

let port: MessagePort
/** The relay's timers, held and never run unless a test runs them: the batch window ends only when a test says. */
const timers = new Map<number, () => void>()
/** The relay's clock, standing still unless a test moves it. */
let clock = 1_000

beforeAll(async () => {
  vi.stubGlobal('chrome', { runtime: { sendMessage: async (message: RelayBatch) => void sent.push(message) } })
  let lastTimer = 0
  vi.stubGlobal('setTimeout', (run: () => void) => (timers.set(++lastTimer, run), lastTimer))
  vi.stubGlobal('clearTimeout', (id: number) => void timers.delete(id))
  vi.spyOn(performance, 'now').mockImplementation(() => clock)
  document.addEventListener(RELAY_PORT_EVENT, (event) => {
    port = (event as MessageEvent).ports[0]!
    event.preventDefault()
  }, true)
  await import('../../../src/content/relay')
})

const endWindow = (): void => {
  const pending = [...timers.values()]
  timers.clear()
  for (const run of pending) run()
}

it('sends a report after a quiet spell at once, and gathers the ones that follow until the window ends', async () => {
  clock += 1_000
  port.postMessage(report(0))
  await until(() => sent.length === 1)
  expect(reports()).toEqual([request(0)])
  for (let n = 1; n <= 5; n++) port.postMessage(report(n))
  await until(() => timers.size === 1)
  for (let turn = 0; turn < 20; turn++) await nextTurn()
  expect(sent).toHaveLength(1)
  endWindow()
  expect(sent).toHaveLength(2)
  expect(reports()).toEqual([0, 1, 2, 3, 4, 5].map(request))
})

it('sends a burst of 600 reports in full batches of at most the limit, each report once, in order', async () => {
  sent.length = 0
  for (let n = 0; n < 600; n++) port.postMessage(report(n))
  await until(() => reports().length >= 2 * MAX_BATCH_MESSAGES)
  for (let turn = 0; turn < 20; turn++) await nextTurn()
  endWindow()
  expect(reports()).toEqual(Array.from({ length: 600 }, (_, n) => request(n)))
  expect(sent.map((batch) => batch.messages.length)).toEqual([MAX_BATCH_MESSAGES, MAX_BATCH_MESSAGES, 600 - 2 * MAX_BATCH_MESSAGES])
  expect(sent.every((batch) => batch.type === 'hook-batch')).toBe(true)
})

it('sends what is gathered at once when the page goes away, and drops what the schema refuses', async () => {
  sent.length = 0
  port.postMessage(report(1))
  port.postMessage({ ...report(2), via: 'carrier-pigeon' })
  port.postMessage(report(3))
  await until(() => timers.size === 1)
  for (let turn = 0; turn < 20; turn++) await nextTurn()
  expect(sent).toEqual([])
  window.dispatchEvent(new Event('pagehide'))
  expect(reports()).toEqual([request(1), request(3)])
  expect(timers.size).toBe(0)
})
