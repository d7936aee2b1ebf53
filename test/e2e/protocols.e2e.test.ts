/**
 * All three Adobe wire protocols from one page, and the options page changing how sessions are judged.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { ExtensionBrowser } from './harness/browser'
import { readDump } from './harness/dump'
import type { EdgeServer } from './harness/edge-server'
import { HEARTBEAT_HOST, heartbeatResolverArgs } from './harness/edge-server'
import { withEdgeAndExtension } from './harness/suite'

let browser: ExtensionBrowser
let server: EdgeServer

withEdgeAndExtension((b, s) => void ([browser, server] = [b, s]), heartbeatResolverArgs)

async function openPage(): Promise<{ page: Page; tabId: number; scope: string }> {
  const page = await browser.context.newPage()
  await page.goto(`${server.origin}/pages/three-protocols.html`)
  const tabId = await browser.tabIdOf(page)
  const scope = await browser.scopeOfTab(tabId)
  return { page, tabId, scope }
}

const LABELS = { 'adobe-media-edge': 'Adobe Media Edge', 'adobe-media-collection': 'Adobe Media Collection', 'adobe-heartbeat': 'Adobe Heartbeat (legacy)' }

describe('every Adobe protocol in one tab', () => {
  it('shows a Media Edge, a Media Collection and a heartbeat session with their protocol labels', async () => {
    const { page, tabId, scope } = await openPage()
    const edgeId = await page.evaluate(() => (window as unknown as { player: { start(): Promise<string> } }).player.start())
    await page.evaluate(() => (window as unknown as { player: { fetch(t: string, p: number): Promise<number> } }).player.fetch('play', 0))
    const collectionId = await page.evaluate(() => (window as unknown as { collection: { start(): Promise<string> } }).collection.start())
    await page.evaluate(() => (window as unknown as { collection: { event(t: string, p: number): Promise<number> } }).collection.event('play', 0))
    const heartbeatId = await page.evaluate(() => (window as unknown as { heartbeat: { sessionId: string } }).heartbeat.sessionId)
    await page.evaluate(async () => {
      const heartbeat = (window as unknown as { heartbeat: { send(t: string, p: number): Promise<boolean> } }).heartbeat
      await heartbeat.send('start', 0)
      await heartbeat.send('play', 0)
    })
    await server.waitFor((r) => r.search.includes('s:event:type=play'), { what: 'the heartbeat play' })

    await expect.poll(async () => (await readDump(browser)).sessions.filter((s) => s.scope === scope).map((s) => [s.protocol, s.sessionId, s.state, s.events]).sort(), { timeout: 15_000 }).toEqual([
      ['adobe-heartbeat', heartbeatId, 'active', 2],
      ['adobe-media-collection', collectionId, 'active', 2],
      ['adobe-media-edge', edgeId, 'active', 2],
    ])
    const dump = await readDump(browser)
    expect(dump.findings.filter((f) => f.scope === scope && f.severity !== 'info')).toEqual([])
    // The heartbeat host was reached through its real name; the Collection ID came from the Location header.
    expect(dump.captures.filter((c) => c.scope === scope && new URL(c.url).hostname === HEARTBEAT_HOST)).toHaveLength(2)
    expect(dump.captures.find((c) => c.scope === scope && c.url.endsWith('/api/v1/sessions'))?.response?.headers.some((h) => /^location$/i.test(h.name))).toBe(true)

    const popup = await browser.openExtensionPage(`src/popup/popup.html?tabId=${tabId}`)
    await popup.locator('[data-testid=popup][data-ready=true]').waitFor()
    await expect.poll(() => popup.locator('[data-testid=popup-session]').count()).toBe(3)
    const popupRows = await popup.locator('[data-testid=popup-session]').allTextContents()
    for (const label of Object.values(LABELS)) expect(popupRows.some((text) => text.includes(label)), `popup shows ${label}`).toBe(true)
    await popup.close()

    const panel = await browser.openExtensionPage(`src/devtools/panel.html?tabId=${tabId}`)
    await panel.locator('[data-testid=panel][data-ready=true]').waitFor()
    await expect.poll(() => panel.locator('[data-testid=session-row]').count()).toBe(3)
    for (const session of dump.sessions.filter((s) => s.scope === scope)) {
      const row = panel.locator(`[data-testid=session-row][data-session-key="${session.key}"]`)
      expect(await row.textContent()).toContain(LABELS[session.protocol as keyof typeof LABELS])
    }
    await panel.close()
    await page.close()
  })
})

describe('settings', () => {
  it('re-judges captured sessions when the ping interval changes on the options page', async () => {
    const { page, scope } = await openPage()
    await page.evaluate(async () => {
      const player = (window as unknown as { player: { start(): Promise<string>; fetch(t: string, p: number): Promise<number>; skew(ms: number): void } }).player
      await player.start()
      await player.fetch('play', 0)
      player.skew(15_000)
      await player.fetch('ping', 15)
    })
    const rulesOfScope = async (): Promise<string[]> => (await readDump(browser)).findings.filter((f) => f.scope === scope).map((f) => f.rule)
    await expect.poll(rulesOfScope, { timeout: 15_000 }).toEqual(['ping-interval-too-long'])

    const options = await browser.openExtensionPage('src/options/options.html')
    await options.locator('[data-testid=options][data-ready=true]').waitFor()
    await options.locator('[data-testid=mainPingIntervalSeconds]').fill('20')
    await options.locator('[data-testid=mainPingIntervalSeconds]').dispatchEvent('change')
    await expect.poll(() => options.locator('[data-testid=status]').textContent()).toMatch(/^Saved/)
    expect(await browser.evaluate(() => chrome.storage.local.get('settings'), null)).toEqual({ settings: { mainPingIntervalSeconds: 20, adPingIntervalSeconds: 10 } })
    await expect.poll(rulesOfScope, { timeout: 15_000 }).toEqual([])

    // Back to the documented default, the gap is late again.
    await options.locator('[data-testid=reset]').click()
    await expect.poll(rulesOfScope, { timeout: 15_000 }).toEqual(['ping-interval-too-long'])
    await options.close()
    await page.close()
  })
})
