/**
 * The DevTools protocol on the extension's service worker. Playwright gives CDP sessions to pages only, so this
 * attaches to the worker's target through a page's session and speaks to it over Target.sendMessageToTarget.
 */
import type { CDPSession } from 'playwright-core'
import type { ExtensionBrowser } from '../../test/e2e/harness/browser'

export interface WorkerDevtools {
  send<T = Record<string, unknown>>(method: string, params?: Record<string, unknown>): Promise<T>
  detach(): Promise<void>
}

export async function workerDevtools(browser: ExtensionBrowser): Promise<WorkerDevtools> {
  await browser.worker()
  const page = await browser.context.newPage()
  const cdp: CDPSession = await browser.context.newCDPSession(page)
  const { targetInfos } = await cdp.send('Target.getTargets')
  const target = targetInfos.find((info) => info.type === 'service_worker' && info.url.startsWith(`chrome-extension://${browser.extensionId}/`))
  if (!target) throw new Error('the extension has no running service worker')
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })
  const pending = new Map<number, { resolve(result: unknown): void; reject(error: Error): void }>()
  let lastId = 0
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return
    const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } }
    const waiting = message.id === undefined ? undefined : pending.get(message.id)
    if (!waiting) return
    pending.delete(message.id!)
    if (message.error) waiting.reject(new Error(message.error.message))
    else waiting.resolve(message.result)
  })
  return {
    send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
      const id = ++lastId
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve, reject })
        cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject)
      })
    },
    async detach() {
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {})
      await cdp.detach()
      await page.close()
    },
  }
}
