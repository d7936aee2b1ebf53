/**
 * The private channel between page hook and relay, in happy-dom: the real scripts are imported in either
 * injection order (Chrome runs both at document_start, before page scripts, in an order the tests should not
 * rely on), then the "page" tries to join the channel. Shared by the two order-specific test files, since
 * each needs a fresh window.
 */
import { expect, it, vi } from 'vitest'
import { HOOK_READY_EVENT, RELAY_PORT_EVENT } from '../../../src/shared/hook-messages'

const TRACKED = 'https://edge.adobedc.net/ee/va/v1/play?configId=unit'

export function channelTests(order: 'hook first' | 'relay first'): void {
  const sent: unknown[] = []

  async function install(): Promise<void> {
    vi.stubGlobal('chrome', { runtime: { sendMessage: async (message: unknown) => void sent.push(message) } })
    // The page's network: answered locally, so the hook's wrapper has something to wrap.
    window.fetch = async () => new Response('{"handle":[]}', { status: 200 })
    const scripts = ['../../../src/content/page-hook', '../../../src/content/relay']
    for (const script of order === 'hook first' ? scripts : scripts.reverse()) await import(script)
  }

  const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 30))
  /** What reached the worker, report by report: the relay sends them in batches. */
  const reports = (): unknown[] => sent.flatMap((envelope) => (envelope as { type: string; messages: unknown[] }).messages.map((message) => ({ type: 'hook', message })))

  it(`${order}: the hook's reports reach the worker through the relay, each once`, async () => {
    await install()
    await (await window.fetch(TRACKED, { method: 'POST', body: '{"events":[]}' })).text()
    await settle()
    expect(sent.every((envelope) => (envelope as { type: string }).type === 'hook-batch')).toBe(true)
    expect(reports()).toEqual([
      { type: 'hook', message: expect.objectContaining({ kind: 'request', url: TRACKED, method: 'POST', body: { text: '{"events":[]}' } }) },
      { type: 'hook', message: expect.objectContaining({ kind: 'response', status: 200, body: { text: '{"handle":[]}' } }) },
    ])
  })

  it(`${order}: a page script gets no port, plants none, reads no report and cannot post one`, async () => {
    sent.length = 0
    const offered: MessagePort[] = []
    document.addEventListener(RELAY_PORT_EVENT, (event) => offered.push(...(event as MessageEvent).ports), true)
    document.dispatchEvent(new Event(HOOK_READY_EVENT))
    document.dispatchEvent(new Event(HOOK_READY_EVENT))
    expect(offered).toEqual([])

    // A port of the page's own, offered to the hook as if from the relay: not taken, and hears nothing.
    const planted = new MessageChannel()
    const heard: unknown[] = []
    planted.port1.onmessage = (event) => heard.push(event.data)
    expect(document.dispatchEvent(new MessageEvent(RELAY_PORT_EVENT, { ports: [planted.port2], cancelable: true }))).toBe(true)

    // Snooping on every port's postMessage, and the old event channel.
    const snooped: unknown[] = []
    // The prototype of the ports in use (in happy-dom, MessageChannel is Node's, not happy-dom's MessagePort).
    const prototype = Object.getPrototypeOf(planted.port1) as MessagePort
    const original = prototype.postMessage
    prototype.postMessage = function (this: MessagePort, ...args: Parameters<MessagePort['postMessage']>) {
      snooped.push(args[0])
      return original.apply(this, args)
    } as MessagePort['postMessage']
    document.dispatchEvent(new CustomEvent('__sessionscope_hook__', { detail: JSON.stringify({ kind: 'request', id: 'forged', via: 'fetch', url: TRACKED, method: 'POST', body: null, time: 1 }) }))

    await (await window.fetch(TRACKED, { method: 'POST', body: 'real' })).text()
    await settle()
    prototype.postMessage = original
    expect(heard).toEqual([])
    expect(snooped).toEqual([])
    expect(reports().map((message) => (message as { message: { kind: string } }).message.kind)).toEqual(['request', 'response'])
  })
}
