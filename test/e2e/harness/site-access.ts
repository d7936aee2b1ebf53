/**
 * Chrome's site access for the extension under test, changed as the user changes it. chrome://extensions → Details →
 * Site access calls chrome.developerPrivate; the helpers call it the same way from a chrome://extensions tab. A click on
 * the toolbar icon is DevTools' Extensions.triggerAction on the tab.
 */
import type { CDPSession, Page } from 'playwright-core'
import type { ExtensionBrowser } from './browser'

type HostAccess = 'ON_CLICK' | 'ON_SPECIFIC_SITES' | 'ON_ALL_SITES'

/** The part of chrome://extensions' private API the helpers use. */
interface DeveloperPrivate {
  updateExtensionConfiguration(update: { extensionId: string; hostAccess: HostAccess }): Promise<void>
  addHostPermission(extensionId: string, host: string): Promise<void>
  getExtensionInfo(extensionId: string): Promise<{
    permissions: { runtimeHostPermissions?: { hostAccess: HostAccess; hosts: Array<{ host: string; granted: boolean }> } }
  }>
}

export interface SiteAccessSettings {
  /** Site access "On specific sites", with these sites (`http://example.test/*`) and no other. */
  onlyOn(patterns: readonly string[]): Promise<void>
  /** Adds a site, as "Add" under "On specific sites" or a grant in Chrome's dialog does. */
  allow(pattern: string): Promise<void>
  /** The sites granted now. */
  granted(): Promise<string[]>
}

/** Opens chrome://extensions in a tab of its own and keeps it for the calls. */
export async function siteAccessSettings(browser: ExtensionBrowser): Promise<SiteAccessSettings> {
  const page = await browser.context.newPage()
  await page.goto('chrome://extensions')
  const id = browser.extensionId
  // Each call names the API itself: Playwright sends only the function's source to the page.
  return {
    async onlyOn(patterns) {
      await page.evaluate(async ([extensionId, hosts]) => {
        const dev = (chrome as unknown as { developerPrivate: DeveloperPrivate }).developerPrivate
        await dev.updateExtensionConfiguration({ extensionId, hostAccess: 'ON_SPECIFIC_SITES' })
        for (const host of hosts) await dev.addHostPermission(extensionId, host)
      }, [id, [...patterns]] as const)
    },
    allow: (pattern) =>
      page.evaluate(([extensionId, host]) => (chrome as unknown as { developerPrivate: DeveloperPrivate }).developerPrivate.addHostPermission(extensionId, host), [id, pattern] as const),
    async granted() {
      const { permissions } = await page.evaluate(
        (extensionId) => (chrome as unknown as { developerPrivate: DeveloperPrivate }).developerPrivate.getExtensionInfo(extensionId),
        id,
      )
      return (permissions.runtimeHostPermissions?.hosts ?? []).filter((host) => host.granted).map((host) => host.host)
    },
  }
}

/**
 * Clicks the extension's toolbar icon over the tab showing `page`, which comes to the front first as the user's
 * would (its address must be the only tab's with it).
 */
export async function clickToolbarIcon(browser: ExtensionBrowser, page: Page): Promise<void> {
  await page.bringToFront()
  const cdp = await browser.context.browser()!.newBrowserCDPSession()
  try {
    const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] })
    const tabs = (targetInfos as Array<{ targetId: string; url: string }>).filter((target) => target.url === page.url())
    if (tabs.length !== 1) throw new Error(`${tabs.length} tabs show ${page.url()}`)
    await cdp.send('Extensions.triggerAction' as never, { id: browser.extensionId, targetId: tabs[0]!.targetId } as never)
  } finally {
    await cdp.detach()
  }
}

/**
 * Opens `url` in a new tab and returns it with its tab id, which the browser tells the extension even where it
 * hides the tab's address (ExtensionBrowser.tabIdOf finds tabs by address), and the addresses of the scripts the
 * page has run: the page's own and, where Chrome injected them, the extension's content scripts.
 */
export async function openWatchedTab(browser: ExtensionBrowser, url: string): Promise<WatchedTab> {
  const tabIds = () => browser.evaluate(async () => (await chrome.tabs.query({})).map((tab) => tab.id!), null)
  const before = new Set(await tabIds())
  const page = await browser.context.newPage()
  const opened = (await tabIds()).filter((id) => !before.has(id))
  if (opened.length !== 1) throw new Error(`${opened.length} tabs opened at once`)
  const scripts: string[] = []
  let cdp: CDPSession | undefined
  // DevTools may stop reporting a tab's scripts once it has moved to another site's process: each navigation the
  // test makes starts a new session. Enabling reports the scripts the page already ran first: those are not news.
  async function watch(): Promise<void> {
    await cdp?.detach().catch(() => undefined)
    const session = await browser.context.newCDPSession(page)
    let enabled = false
    session.on('Debugger.scriptParsed', (script) => {
      if (enabled) scripts.push(script.url)
    })
    await session.send('Debugger.enable')
    enabled = true
    cdp = session
  }
  await watch()
  await page.goto(url)
  const ours = `chrome-extension://${browser.extensionId}/`
  return {
    page,
    tabId: opened[0]!,
    async goto(next) {
      await watch()
      await page.goto(next)
    },
    runs: () => scripts.length,
    scripts: (since = 0) =>
      [...new Set(scripts.slice(since).filter((script) => script !== ''))].map((script) => (script.startsWith(ours) ? script.slice(ours.length) : script)).sort(),
  }
}

export interface WatchedTab {
  page: Page
  tabId: number
  /** Navigates the tab, still watching its scripts. */
  goto(url: string): Promise<void>
  /** How many scripts have run so far: a mark for scripts(). */
  runs(): number
  /** Each script run since the mark, once: the extension's by their path in the build, the page's by their address. */
  scripts(since?: number): string[]
}
