/**
 * Restricted site access in real headless Chromium. The user narrows Sessionscope's site access to one site
 * (chrome://extensions → Details → Site access → "On specific sites"), set here through the same private API that
 * page calls. Three sites reach the stand-in Edge server: allowed.test (granted), other.test (not granted) and
 * vendor.test (a tracking host that is not granted, called from the allowed site).
 *
 * On the allowed site, the content scripts run and the tracking is captured, also what goes to vendor.test. On
 * other.test, Chrome injects nothing (no script of the extension's runs in the page) and nothing is captured, not
 * even from a frame of it inside an allowed page, and the page works. The popup there says that Sessionscope
 * cannot see the site and how to allow it. A click on the icon lends the tab to Sessionscope until it leaves the
 * site: the popup then names the site, and a reload captures the page. Once the site is allowed, the popup asks for
 * a reload, after which the page is captured. Neither the worker nor the views meet an error.
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ExtensionBrowser } from './harness/browser'
import { readDump } from './harness/dump'
import type { EdgeServer } from './harness/edge-server'
import type { SiteAccessSettings, WatchedTab } from './harness/site-access'
import { clickToolbarIcon, openWatchedTab, siteAccessSettings } from './harness/site-access'
import { withEdgeAndExtension } from './harness/suite'

const ALLOWED = 'allowed.test'
const OTHER = 'other.test'
const VENDOR = 'vendor.test'
/** The content scripts, by their path in the build. */
const HOOK_SCRIPTS = ['src/content/page-hook.js', 'src/content/relay.js']
/** The player page's own script. */
const playerScript = (host: string) => `http://${host}/pages/scripted-player.js`

let browser: ExtensionBrowser
let server: EdgeServer
let access: SiteAccessSettings
/** Errors the worker logged, and those of the extension's pages. */
const errors: string[] = []

/** Records in the worker what it throws and leaves unhandled, read back by uncaughtInWorker(). */
function recordUncaught(): void {
  const recorded: string[] = []
  Object.assign(globalThis, { __uncaught: recorded })
  self.addEventListener('error', (event) => recorded.push(`uncaught: ${event.message}`))
  self.addEventListener('unhandledrejection', (event) => recorded.push(`unhandled rejection: ${String(event.reason)}`))
}
const uncaughtInWorker = () =>
  browser.evaluate(() => (globalThis as unknown as { __uncaught?: string[] }).__uncaught ?? ['the worker was restarted: what it threw is unknown'], null)

withEdgeAndExtension(
  async (b, s) => {
    ;[browser, server] = [b, s]
    ;(await browser.worker()).on('console', (message) => {
      if (message.type() === 'error') errors.push(`worker: ${message.text()}`)
    })
    await browser.evaluate(recordUncaught, null)
    browser.context.on('console', (message) => {
      if (message.type() === 'error' && message.page()?.url().startsWith('chrome-extension:')) errors.push(`${message.page()!.url()}: ${message.text()}`)
    })
    browser.context.on('weberror', (error) => errors.push(`${error.page()?.url()}: ${error.error().message}`))
  },
  (s) => [`--host-resolver-rules=${[ALLOWED, OTHER, VENDOR].map((host) => `MAP ${host} 127.0.0.1:${s.port}`).join(', ')}`],
)

beforeAll(async () => {
  access = await siteAccessSettings(browser)
  await access.onlyOn([`http://${ALLOWED}/*`])
  expect(await access.granted()).toEqual([`http://${ALLOWED}/*`])
})

interface Player {
  start(): Promise<string>
  fetch(type: string, playhead: number): Promise<number>
}
const player = (page: Page) => ({
  start: () => page.evaluate(() => (window as unknown as { player: Player }).player.start()),
  send: (type: string, playhead: number) => page.evaluate(([t, p]) => (window as unknown as { player: Player }).player.fetch(t, p), [type, playhead] as const),
})

/**
 * The scripts `tab` ran since `mark`, once its page's own script is among them: the page hook's, if any, ran
 * before it (document_start), and DevTools reports them in order.
 */
async function scriptsRun(tab: WatchedTab, host: string, mark = 0): Promise<string[]> {
  await expect.poll(() => tab.scripts(mark)).toContain(playerScript(host))
  return tab.scripts(mark)
}

/** The player page on `host`, in a tab of its own; `mark` keeps its address unique among the open tabs. */
const playerOn = (host: string, mark: string) => openWatchedTab(browser, `http://${host}/pages/scripted-player.html?${mark}`)

async function capturesOf(tabId: number) {
  const scope = await browser.scopeOfTab(tabId)
  return (await readDump(browser)).captures.filter((capture) => capture.scope === scope).map((capture) => ({ url: capture.url, sources: [...capture.sources].sort() }))
}

async function popupFor(tabId: number): Promise<Page> {
  const popup = await browser.openExtensionPage(`src/popup/popup.html?tabId=${tabId}`)
  await popup.locator('[data-testid=popup][data-ready=true]').waitFor()
  return popup
}

/** The allowed site's player (the first test's) and the other site's (the second's). */
let allowed: WatchedTab
let other: WatchedTab

/**
 * Resolves once the allowed player's next request is stored: a request the worker was told of before it has
 * been handled by then, so what is not stored was not captured.
 */
async function captureSettled(): Promise<void> {
  const stored = (await capturesOf(allowed.tabId)).length
  expect(await player(allowed.page).send('ping', stored)).toBe(204)
  await expect.poll(async () => (await capturesOf(allowed.tabId)).length, { timeout: 15_000 }).toBe(stored + 1)
}
/** The other site's sessionStart captured while the tab was lent, by webRequest and the page hook. */
const lentStart = { url: `http://${OTHER}/ee/va/v1/sessionStart?configId=e2e-datastream`, sources: ['fetch', 'webRequest'] }

describe('restricted site access', () => {
  it('on the allowed site, the page hook runs and the tracking is captured, also what the page sends to another host', async () => {
    allowed = await playerOn(ALLOWED, 'allowed')
    expect(await scriptsRun(allowed, ALLOWED)).toEqual([playerScript(ALLOWED), ...HOOK_SCRIPTS])
    await player(allowed.page).start()
    expect(await player(allowed.page).send('play', 0)).toBe(204)
    const toVendor = await allowed.page.evaluate(
      async (url) => (await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"events":[]}' })).status,
      `http://${VENDOR}/ee/va/v1/ping?configId=e2e-datastream`,
    )
    expect(toVendor).toBe(204)
    await expect.poll(() => capturesOf(allowed.tabId), { timeout: 15_000 }).toEqual([
      { url: `http://${ALLOWED}/ee/va/v1/sessionStart?configId=e2e-datastream`, sources: ['fetch', 'webRequest'] },
      { url: `http://${ALLOWED}/ee/va/v1/play?configId=e2e-datastream`, sources: ['fetch', 'webRequest'] },
      { url: `http://${VENDOR}/ee/va/v1/ping?configId=e2e-datastream`, sources: ['fetch', 'webRequest'] },
    ])

    // Its popup has nothing to say about access.
    const popup = await popupFor(allowed.tabId)
    await expect.poll(() => popup.locator('[data-testid=popup-session]').count()).toBe(1)
    expect(await popup.locator('[data-testid=site-access-notice]').count()).toBe(0)
    await popup.close()
  })

  it('on another site, nothing is injected or captured, also in a frame of it inside an allowed page; the page works, and the views load', async () => {
    other = await playerOn(OTHER, 'other')
    // The page's own script ran, none of the extension's did: its fetch is the browser's own.
    expect(await scriptsRun(other, OTHER)).toEqual([playerScript(OTHER)])
    const from = server.received.length
    const sessionId = await player(other.page).start()
    expect(await player(other.page).send('play', 0)).toBe(204)
    expect(await player(other.page).send('sessionEnd', 5)).toBe(204)
    expect(server.received.slice(from).map((request) => request.path)).toEqual(['/ee/va/v1/sessionStart', '/ee/va/v1/play', '/ee/va/v1/sessionEnd'])
    expect(sessionId).toMatch(/^[0-9a-f]{32}$/)

    // Nor in a player frame of the other site inside an allowed page.
    const framing = await playerOn(ALLOWED, 'framing')
    await framing.page.evaluate(
      (src) => new Promise((loaded) => document.body.append(Object.assign(document.createElement('iframe'), { src, onload: loaded }))),
      `http://${OTHER}/pages/scripted-player.html?framed`,
    )
    const frame = framing.page.frames().find((candidate) => candidate.url().includes(OTHER))!
    expect(await frame.evaluate(() => (window as unknown as { player: Player }).player.start())).toMatch(/^[0-9a-f]{32}$/)

    await captureSettled()
    expect(await capturesOf(framing.tabId)).toEqual([])
    expect(await capturesOf(other.tabId)).toEqual([])
    expect((await readDump(browser)).captures.filter((capture) => capture.url.includes(OTHER))).toEqual([])

    const panel = await browser.openExtensionPage(`src/devtools/panel.html?tabId=${other.tabId}`)
    await panel.locator('[data-testid=panel][data-ready=true]').waitFor({ timeout: 15_000 })
    await panel.close()
  })

  it('the popup and the panel on that site say Sessionscope cannot see it, and how to allow it', async () => {
    const popup = await popupFor(other.tabId)
    const notice = popup.locator('[data-testid=site-access-notice]')
    await expect.poll(() => notice.getAttribute('data-access')).toBe('withheld')
    // Opened without a click on the icon, the popup is not told the tab's address.
    expect(await notice.locator('h2').textContent()).toBe('Sessionscope cannot see this page')
    const steps = await popup.locator('[data-testid=site-access-steps]').textContent()
    expect(steps).toContain('chrome://extensions')
    expect(steps).toContain('Under Site access, choose On all sites, or On specific sites and Add')
    expect(await popup.locator('[data-testid=site-access-allow]').count()).toBe(0)
    expect(await popup.locator('[data-testid=popup-empty]').count()).toBe(1)

    // The settings button opens the extension's page in chrome://extensions, where Site access is.
    const [settings] = await Promise.all([browser.context.waitForEvent('page'), popup.locator('[data-testid=site-access-settings]').click()])
    await expect.poll(() => settings.url()).toBe(`chrome://extensions/?id=${browser.extensionId}`)
    await settings.close()
    await popup.close()

    // The DevTools panel of that tab says the same above its (empty) capture.
    const panel = await browser.openExtensionPage(`src/devtools/panel.html?tabId=${other.tabId}`)
    const inPanel = panel.locator('[data-testid=site-access-notice]')
    await expect.poll(() => inPanel.getAttribute('data-access')).toBe('withheld')
    expect(await inPanel.locator('h2').textContent()).toBe('Sessionscope cannot see this page')
    await panel.close()
  })

  it('a click on the icon lends the tab until it leaves the site: the popup names the site, and a reload captures it', async () => {
    await clickToolbarIcon(browser, other.page)
    const popup = await popupFor(other.tabId)
    const notice = popup.locator('[data-testid=site-access-notice]')
    await expect.poll(() => notice.locator('h2').textContent()).toBe(`Sessionscope cannot see ${OTHER}`)
    expect(await notice.textContent()).toContain('lends it this tab until the tab leaves the site: reload the page to capture it from the start')
    expect(await popup.locator('[data-testid=site-access-allow]').textContent()).toBe(`Allow on ${OTHER}`)
    expect(await popup.locator('[data-testid=site-access-steps]').textContent()).toContain(`Add http://${OTHER}`)

    const mark = other.runs()
    const reloaded = other.page.waitForEvent('load')
    await popup.locator('[data-testid=site-access-reload]').click()
    await reloaded
    expect(await scriptsRun(other, OTHER, mark)).toEqual([playerScript(OTHER), ...HOOK_SCRIPTS])
    await player(other.page).start()
    await expect.poll(() => capturesOf(other.tabId), { timeout: 15_000 }).toEqual([lentStart])
    // Still withheld: the site is not allowed for good.
    expect(await notice.getAttribute('data-access')).toBe('withheld')
    await popup.close()

    // Away from the site and back, the tab is no longer lent.
    await other.goto(`http://${VENDOR}/pages/scripted-player.html?away`)
    const back = other.runs()
    await other.goto(`http://${OTHER}/pages/scripted-player.html?back`)
    await player(other.page).start()
    expect(await scriptsRun(other, OTHER, back)).toEqual([playerScript(OTHER)])
    const again = await popupFor(other.tabId)
    await expect.poll(() => again.locator('[data-testid=site-access-notice] h2').textContent()).toBe('Sessionscope cannot see this page')
    await again.close()
    await captureSettled()
    expect(await capturesOf(other.tabId)).toEqual([lentStart])
  })

  it('once the site is allowed, the popup asks for a reload, after which the page is captured with its hook', async () => {
    const popup = await popupFor(other.tabId)
    const notice = popup.locator('[data-testid=site-access-notice]')
    await expect.poll(() => notice.getAttribute('data-access')).toBe('withheld')

    await access.allow(`http://${OTHER}/*`)
    await expect.poll(() => notice.getAttribute('data-access')).toBe('allowed')
    expect(await notice.textContent()).toContain(`Sessionscope can now see ${OTHER}. Reload the page`)

    const mark = other.runs()
    const reloaded = other.page.waitForEvent('load')
    await popup.locator('[data-testid=site-access-reload]').click()
    await reloaded
    await expect.poll(() => notice.count()).toBe(0)
    expect(await scriptsRun(other, OTHER, mark)).toEqual([playerScript(OTHER), ...HOOK_SCRIPTS])
    await player(other.page).start()
    await expect.poll(() => capturesOf(other.tabId), { timeout: 15_000 }).toEqual([
      lentStart,
      { url: `http://${OTHER}/ee/va/v1/sessionStart?configId=e2e-datastream`, sources: ['fetch', 'webRequest'] },
    ])
    await popup.close()
  })

  it('neither the worker nor the popup and panel met an error', async () => {
    expect(await uncaughtInWorker()).toEqual([])
    expect(errors).toEqual([])
  })
})
