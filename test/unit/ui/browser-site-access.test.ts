/** The popup's site access over the browser's APIs, with a stand-in `chrome` global. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Tabs } from '../../../src/platform/browser'
import { browserSiteAccess } from '../../../src/ui/browser-site-access'

type Listener = (...args: unknown[]) => void
function event() {
  const listeners = new Set<Listener>()
  return {
    listeners,
    addListener: (listener: Listener) => void listeners.add(listener),
    removeListener: (listener: Listener) => void listeners.delete(listener),
    fire: (...args: unknown[]) => listeners.forEach((listener) => listener(...args)),
  }
}

function fakeChrome({ tab, held = [], base = 'chrome-extension://abc/' }: { tab: Partial<Tabs.Tab> | Error; held?: string[]; base?: string }) {
  const fake = {
    runtime: { id: 'abc', getURL: (path: string) => `${base}${path}` },
    tabs: {
      get: vi.fn(async () => {
        if (tab instanceof Error) throw tab
        return tab
      }),
      reload: vi.fn(async () => {}),
      create: vi.fn(async () => ({})),
      onUpdated: event(),
    },
    permissions: {
      contains: vi.fn(async ({ origins }: { origins: string[] }) => origins.every((origin) => held.includes(origin))),
      request: vi.fn(async () => true),
      onAdded: event(),
      onRemoved: event(),
    },
  }
  vi.stubGlobal('chrome', fake)
  return fake
}

afterEach(() => vi.unstubAllGlobals())

describe('browserSiteAccess', () => {
  it('reads the tab, its pending address while it loads, and the host permission that covers it', async () => {
    const fake = fakeChrome({ tab: { pendingUrl: 'https://player.example/watch' }, held: ['https://player.example/*'] })
    expect(await browserSiteAccess(7).load()).toMatchObject({ kind: 'allowed', site: { host: 'player.example' } })
    expect(fake.tabs.get).toHaveBeenCalledWith(7)
    expect(fake.permissions.contains).toHaveBeenCalledWith({ origins: ['https://player.example/*'] })
  })

  it('knows nothing of a tab that is gone', async () => {
    fakeChrome({ tab: new Error('No tab with id: 7.') })
    expect(await browserSiteAccess(7).load()).toEqual({ kind: 'unknown' })
  })

  it('re-reads on permission changes and on updates of its own tab only, until stopped', async () => {
    const fake = fakeChrome({ tab: {} })
    const listener = vi.fn()
    const stop = browserSiteAccess(7).onChanged(listener)
    fake.permissions.onAdded.fire({ origins: ['https://player.example/*'] })
    fake.permissions.onRemoved.fire({ origins: ['https://player.example/*'] })
    fake.tabs.onUpdated.fire(8, {})
    fake.tabs.onUpdated.fire(7, {})
    expect(listener).toHaveBeenCalledTimes(3)
    stop()
    expect([fake.permissions.onAdded, fake.permissions.onRemoved, fake.tabs.onUpdated].map((e) => e.listeners.size)).toEqual([0, 0, 0])
  })

  it("asks for the site, reloads the tab, and opens the extension's entry in chrome://extensions", async () => {
    const fake = fakeChrome({ tab: {} })
    const access = browserSiteAccess(7)
    expect(await access.request('https://player.example/*')).toBe(true)
    expect(fake.permissions.request).toHaveBeenCalledWith({ origins: ['https://player.example/*'] })
    await access.reloadTab()
    expect(fake.tabs.reload).toHaveBeenCalledWith(7)
    expect(access.browser).toBe('chrome')
    access.openSiteSettings!()
    expect(fake.tabs.create).toHaveBeenCalledWith({ url: 'chrome://extensions/?id=abc' })
  })

  it('in Firefox, names Firefox and opens no Chrome page', () => {
    fakeChrome({ tab: {}, base: 'moz-extension://abc/' })
    const access = browserSiteAccess(7)
    expect(access.browser).toBe('firefox')
    expect(access.openSiteSettings).toBeUndefined()
  })
})
