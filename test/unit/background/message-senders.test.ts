/**
 * Who may feed the worker: hook messages only from our content script in a real tab's frame, with tab and
 * frame from the browser's `sender`; commands only from our extension pages. Checked on the pure sender rule
 * and on the worker's real onMessage listener, with a fake browser and pipeline.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { CaptureUpdate } from '../../../src/background/capture-update'
import { hookSource, isFromExtensionPage } from '../../../src/background/message-senders'
import type { Pipeline } from '../../../src/background/pipeline'
import type { Runtime, Tabs } from '../../../src/platform/browser'

const ID = 'abcdefghijklmnopabcdefghijklmnop'
const SELF = { id: ID, pagesUrl: `chrome-extension://${ID}/` }
/** Chrome's senders also carry the origin, which the polyfill's types leave out. */
type Sender = Runtime.MessageSender & { origin?: string }
const contentScript: Sender = { id: ID, tab: { id: 12 } as Tabs.Tab, frameId: 3, url: 'https://player.example.test/watch', origin: 'https://player.example.test' }
const panel: Sender = { id: ID, url: `chrome-extension://${ID}/src/devtools/panel.html?tabId=12`, origin: `chrome-extension://${ID}` }

describe('hookSource', () => {
  it('takes tab and frame from the sender', () => {
    expect(hookSource(contentScript, SELF)).toEqual({ tabId: 12, frameId: 3 })
    expect(hookSource({ ...contentScript, frameId: 0 }, SELF)).toEqual({ tabId: 12, frameId: 0 })
  })

  it('rejects another extension, and a sender without an id', () => {
    expect(hookSource({ ...contentScript, id: 'otherextensionotherextensionabcd' }, SELF)).toBeNull()
    expect(hookSource({ ...contentScript, id: undefined }, SELF)).toBeNull()
  })

  it('rejects senders without a tab, with no tab (-1), or without a frame', () => {
    expect(hookSource({ ...contentScript, tab: undefined }, SELF)).toBeNull()
    expect(hookSource({ ...contentScript, tab: { id: undefined } as unknown as Tabs.Tab }, SELF)).toBeNull()
    expect(hookSource({ ...contentScript, tab: { id: -1 } as Tabs.Tab }, SELF)).toBeNull()
    expect(hookSource({ ...contentScript, frameId: undefined }, SELF)).toBeNull()
    expect(hookSource({ ...contentScript, frameId: -1 }, SELF)).toBeNull()
  })

  it('rejects our own extension pages, even one open in a tab', () => {
    expect(hookSource(panel, SELF)).toBeNull()
    expect(hookSource({ ...panel, tab: { id: 12 } as Tabs.Tab, frameId: 0 }, SELF)).toBeNull()
  })
})

describe('isFromExtensionPage', () => {
  it('is true only for a page of this extension', () => {
    expect(isFromExtensionPage(panel, SELF)).toBe(true)
    expect(isFromExtensionPage(contentScript, SELF)).toBe(false)
    expect(isFromExtensionPage({ ...panel, url: 'chrome-extension://otherextensionotherextensionabcd/x.html' }, SELF)).toBe(false)
    expect(isFromExtensionPage({ ...panel, id: 'otherextensionotherextensionabcd' }, SELF)).toBe(false)
  })

  it('in Firefox, knows our pages by their per-install address, which is not the id', () => {
    const firefox = { id: 'sessionscope@sessionscope.dev', pagesUrl: 'moz-extension://6f1c1a3e-0a4b-4c6f-9d2e-1b7a5c3d9e0f/' }
    const popup: Sender = { id: firefox.id, url: `${firefox.pagesUrl}src/popup/popup.html` }
    expect(isFromExtensionPage(popup, firefox)).toBe(true)
    expect(isFromExtensionPage({ ...popup, url: 'moz-extension://0d7e4b2a-5c1f-4e3a-8b6d-2f9c0a1e7b3d/src/popup/popup.html' }, firefox)).toBe(false)
  })
})

describe("the worker's onMessage listener", () => {
  type Listener = (message: unknown, sender: Sender, respond: (answer: unknown) => void) => boolean
  type PolyfilledListener = (message: unknown, sender: Sender) => Promise<unknown> | undefined
  let onMessage: Listener
  /** The listener as Chrome calls it through webextension-polyfill: a promise is an answer to come, anything else none. */
  const asChromeCallsIt = (listener: PolyfilledListener): Listener => (message, sender, respond) => {
    const answer = listener(message, sender)
    if (!(answer instanceof Promise)) return false
    void answer.then(respond)
    return true
  }
  let submitted: CaptureUpdate[]
  let cleared: string[]
  const request = { kind: 'request', id: 'd-1', via: 'fetch', url: 'https://edge.example.test/ee/va/v1/play', method: 'POST', body: null, time: 1_700_000_000_000 }

  beforeEach(async () => {
    vi.resetModules()
    const noop = { addListener: () => {} }
    vi.stubGlobal('chrome', {
      runtime: { id: ID, getURL: (path: string) => `chrome-extension://${ID}/${path}`, onMessage: { addListener: (listener: PolyfilledListener) => void (onMessage = asChromeCallsIt(listener)) } },
      webRequest: { onBeforeRequest: noop, onBeforeSendHeaders: noop, onHeadersReceived: noop, onErrorOccurred: noop },
      alarms: { onAlarm: noop },
      tabs: { onRemoved: noop },
    })
    submitted = []
    cleared = []
    const pipeline = {
      submit: async (update: CaptureUpdate) => void submitted.push(update),
      clearScope: async (scope: string) => void cleared.push(scope),
    } as unknown as Pipeline
    const { listen } = await import('../../../src/background/listeners')
    listen(pipeline, async (tabId) => `tab:${tabId}`, () => {})
  })
  afterEach(() => vi.unstubAllGlobals())

  it("submits a valid hook message under the sender's tab and frame", () => {
    expect(onMessage({ type: 'hook', message: request }, contentScript, () => {})).toBe(false)
    expect(submitted).toEqual([{ kind: 'hook-request', tabId: 12, frameId: 3, message: request }])
  })

  it("submits a batch's valid reports one by one, in order, under the sender's tab and frame", () => {
    const response = { kind: 'response', id: 'd-1', status: 204, statusText: '', headers: [], body: null }
    expect(onMessage({ type: 'hook-batch', messages: [request, { ...request, url: 42 }, response] }, contentScript, () => {})).toBe(false)
    expect(submitted).toEqual([
      { kind: 'hook-request', tabId: 12, frameId: 3, message: request },
      { kind: 'hook-response', tabId: 12, frameId: 3, message: response },
    ])
  })

  it('drops batches that name a tab, are malformed, or come from a sender without a tab or from elsewhere', () => {
    onMessage({ type: 'hook-batch', messages: [request], tabId: 99 }, contentScript, () => {})
    onMessage({ type: 'hook-batch', messages: request }, contentScript, () => {})
    onMessage({ type: 'hook-batch', messages: [request] }, { ...contentScript, tab: undefined }, () => {})
    onMessage({ type: 'hook-batch', messages: [request] }, { ...contentScript, id: 'otherextensionotherextensionabcd' }, () => {})
    onMessage({ type: 'hook-batch', messages: [request] }, panel, () => {})
    expect(submitted).toEqual([])
  })

  it('drops hook messages that name a tab, are malformed, or come from a sender without a tab or from elsewhere', () => {
    onMessage({ type: 'hook', message: request, tabId: 99, frameId: 0 }, contentScript, () => {})
    onMessage({ type: 'hook', message: { ...request, tabId: 99 } }, contentScript, () => {})
    onMessage({ type: 'hook', message: { ...request, url: 42 } }, contentScript, () => {})
    onMessage({ type: 'hook', message: request }, { ...contentScript, tab: undefined }, () => {})
    onMessage({ type: 'hook', message: request }, { ...contentScript, id: 'otherextensionotherextensionabcd' }, () => {})
    onMessage({ type: 'hook', message: request }, panel, () => {})
    expect(submitted).toEqual([])
  })

  it('never treats a hook-typed message as a command, and takes commands only from extension pages', async () => {
    const respond = vi.fn()
    expect(onMessage({ type: 'clear-scope', scope: 'tab:1' }, contentScript, respond)).toBe(false)
    expect(onMessage({ type: 'hook', scope: 'tab:1' }, panel, respond)).toBe(false)
    expect(onMessage({ type: 'hook-batch', scope: 'tab:1' }, panel, respond)).toBe(false)
    expect(onMessage({ type: 'clear-scope', scope: 'tab:1' }, panel, respond)).toBe(true)
    await vi.waitFor(() => expect(respond).toHaveBeenCalledWith(true))
    expect(cleared).toEqual(['tab:1'])
  })

  it('survives a flood of garbage without throwing', () => {
    const garbage: unknown[] = [null, undefined, 0, 'hook', [], { type: 'hook' }, { type: 'hook', message: null }, { type: 'hook', message: { kind: 'request' } }]
    for (let i = 0; i < 10_000; i++) expect(() => onMessage(garbage[i % garbage.length], contentScript, () => {})).not.toThrow()
    expect(submitted).toEqual([])
  })
})
