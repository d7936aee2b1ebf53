/**
 * The README's pictures, taken from the real extension in headless Chromium: the panel showing a multi-ad Media
 * Edge session (imported from its golden fixture, so its wall-clock timing is real) in DevTools' light and dark
 * themes, and the popup of a tab whose page played two sessions live. Each run writes them to
 * test-results/screenshots/; `UPDATE_SCREENSHOTS=1` also writes them to docs/screenshots/ for the README.
 *
 * The test also checks, in real rendering, what the pictures must show: the chart's ad-break bands and finding
 * markers, and the popup's sessions with their worst findings.
 */
import { copyFileSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ExtensionBrowser } from './harness/browser'
import type { EdgeServer } from './harness/edge-server'
import { withEdgeAndExtension } from './harness/suite'

const ROOT = resolve(import.meta.dirname, '../..')
const FIXTURE = join(ROOT, 'test/fixtures/adobe-media-edge/f6-multi-ad-session.har')
const RESULTS = join(ROOT, 'test-results/screenshots')
const DOCS = join(ROOT, 'docs/screenshots')

let browser: ExtensionBrowser
let server: EdgeServer

beforeAll(() => {
  mkdirSync(RESULTS, { recursive: true })
})
withEdgeAndExtension((b, s) => void ([browser, server] = [b, s]))

/** A picture of the page, or of one element of it (the popup is as tall as its content). */
async function shoot(page: Page, name: string, element?: Locator): Promise<void> {
  const file = join(RESULTS, `${name}.png`)
  await (element ?? page).screenshot({ path: file, animations: 'disabled', caret: 'hide' })
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(DOCS, { recursive: true })
    copyFileSync(file, join(DOCS, `${name}.png`))
  }
}

/** Shows the session's first finding and its event, as a user who came for it would. */
async function showFirstFinding(panel: Page): Promise<void> {
  await panel.locator('[data-testid=panel][data-ready=true]').waitFor()
  await panel.locator('[data-testid=timeline]').waitFor()
  await panel.locator('[data-testid=finding] .finding-heading').first().click()
  await panel.locator('[data-testid=event-row][aria-selected=true]').waitFor()
  // Fonts and the chart's layout settle before the picture.
  await panel.evaluate(() => document.fonts.ready.then(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))))
}

describe('screenshots', () => {
  it('the panel with a multi-ad session, in light and dark theme, with its ad breaks and findings on the chart', async () => {
    const home = await browser.context.newPage()
    await home.goto(`${server.origin}/pages/scripted-player.html`)
    const tabId = await browser.tabIdOf(home)

    const panel = await browser.context.newPage()
    await panel.setViewportSize({ width: 1280, height: 860 })
    await panel.goto(`chrome-extension://${browser.extensionId}/src/devtools/panel.html?tabId=${tabId}&theme=light`)
    await panel.locator('[data-testid=panel][data-ready=true]').waitFor()
    await panel.locator('[data-testid=import-file]').setInputFiles(FIXTURE)
    const imported = panel.locator('[data-testid=capture-import][aria-selected=true]')
    await imported.waitFor()
    const scope = (await imported.getAttribute('data-scope'))!

    await showFirstFinding(panel)
    const findings = await panel.locator('[data-testid=finding]').count()
    expect(findings).toBeGreaterThan(0)
    expect(await panel.locator('[data-testid=ad-break-band]').count()).toBe(3)
    expect(await panel.locator('[data-testid=chapter-band]').count()).toBeGreaterThan(0)
    expect(await panel.locator('[data-testid=finding-marker]').count()).toBe(findings)
    expect(await panel.evaluate(() => document.documentElement.dataset.theme)).toBe('light')
    await shoot(panel, 'panel-light')

    // The import is still there after a reload (it lives in the store), listed apart from the tab.
    await panel.goto(`chrome-extension://${browser.extensionId}/src/devtools/panel.html?tabId=${tabId}&theme=dark`)
    await panel.locator(`[data-testid=capture-import][data-scope="${scope}"]`).click()
    await showFirstFinding(panel)
    expect(await panel.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    const background = await panel.evaluate(() => getComputedStyle(document.body).backgroundColor)
    expect(background).toBe('rgb(32, 33, 36)')
    await shoot(panel, 'panel-dark')
    await panel.close()
    await home.close()
  })

  it('the popup of a tab that played two sessions live: one with ad breaks, one that sent a ping after its end', async () => {
    const page = await browser.context.newPage()
    await page.goto(`${server.origin}/pages/scripted-player.html`)
    const tabId = await browser.tabIdOf(page)
    const before = server.received.length
    const sent = await page.evaluate(async () => {
      type Player = { start(name?: string): Promise<string>; fetch(type: string, playhead: number, extra?: object): Promise<number>; beacon(type: string, playhead: number): boolean }
      const player = (window as unknown as { player: Player }).player
      let requests = 0
      // Paced, so the sessions last long enough to show a duration.
      const send = async (type: string, playhead: number, extra?: object) => {
        await new Promise((done) => setTimeout(done, 250))
        await player.fetch(type, playhead, extra)
        requests++
      }
      await player.start('Big Buck Bunny')
      requests++
      await send('play', 0)
      await send('adBreakStart', 0, { advertisingPodDetails: { friendlyName: 'Pre-roll', index: 0, offset: 0 } })
      await send('adStart', 0, { advertisingDetails: { friendlyName: 'Ad 1', name: 'ad-1', length: 15, playerName: 'scripted-player', podPosition: 1 } })
      await send('adComplete', 0)
      await send('adBreakComplete', 0)
      await send('ping', 10)
      await send('adBreakStart', 30, { advertisingPodDetails: { friendlyName: 'Mid-roll', index: 1, offset: 30 } })
      await send('adStart', 30, { advertisingDetails: { friendlyName: 'Ad 2', name: 'ad-2', length: 15, playerName: 'scripted-player', podPosition: 1 } })
      await send('adComplete', 30)
      await send('adBreakComplete', 30)
      await send('sessionComplete', 60)

      await player.start('Sintel trailer')
      requests++
      await send('play', 0)
      await send('sessionEnd', 8)
      await send('ping', 10)
      return requests
    })
    await server.waitForRequests(before + sent)

    const popup = await browser.context.newPage()
    await popup.setViewportSize({ width: 380, height: 600 })
    await popup.goto(`chrome-extension://${browser.extensionId}/src/popup/popup.html?tabId=${tabId}&theme=light`)
    await popup.locator('[data-testid=popup][data-ready=true]').waitFor()
    const rows = popup.locator('[data-testid=popup-session]')
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2)
    await expect.poll(() => popup.locator('[data-testid=popup-session] [data-testid=session-errors]').allTextContents()).toContain('1')
    await popup.evaluate(() => document.fonts.ready)
    await shoot(popup, 'popup', popup.locator('[data-testid=popup]'))
    await popup.close()
    await page.close()
  })
})
