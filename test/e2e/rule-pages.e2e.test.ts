/**
 * The rule pages in the built extension: rules.html#id lands on and highlights that rule, and a finding in the
 * panel and the popup links there and opens it in a new tab.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { rules } from '../../src/session/rules'
import type { ExtensionBrowser } from './harness/browser'
import type { EdgeServer } from './harness/edge-server'
import { withEdgeAndExtension } from './harness/suite'
import { playScript } from './harness/scripted-player'

const RULE = 'event-after-session-end'

let browser: ExtensionBrowser
let server: EdgeServer

withEdgeAndExtension((b, s) => void ([browser, server] = [b, s]))

const rulePage = (hash: string) => `chrome-extension://${browser.extensionId}/src/rule-pages/rules.html#${hash}`

/** What the page shows of the rule it was opened on: highlighted, focused, inside the viewport, and its docs. */
async function landing(page: Page, id: string) {
  const section = page.locator(`[data-testid=rule-section][data-rule="${id}"]`)
  await section.waitFor({ state: 'visible' })
  await expect.poll(() => section.getAttribute('data-targeted')).toBe('true')
  return {
    focused: await page.evaluate(() => document.activeElement?.id),
    inView: await section.evaluate((element) => {
      const box = element.getBoundingClientRect()
      return box.top >= 0 && box.top < window.innerHeight
    }),
    docs: await section.locator('[data-testid=rule-docs]').evaluateAll((links) => links.map((link) => link.getAttribute('href'))),
    edge: await section.evaluate((element) => getComputedStyle(element).boxShadow),
  }
}

describe('rule pages', () => {
  it('open on the rule in the hash, highlighted and in view, with https vendor docs, in either theme', async () => {
    const page = await browser.openExtensionPage(`src/rule-pages/rules.html#${RULE}`)
    await page.locator('[data-testid=rule-page]').waitFor()
    expect(await page.locator('[data-testid=rule-section]').count()).toBe(rules.length)
    const seen = await landing(page, RULE)
    expect(seen.focused).toBe(RULE)
    // The tenth rule starts screens below the top of the page: only the scroll brings it into view.
    expect(seen.inView).toBe(true)
    expect(seen.edge).not.toBe('none')
    expect(seen.docs.length).toBeGreaterThan(0)
    for (const href of seen.docs) expect(href).toMatch(/^https:\/\//)

    // Following another rule's link in the contents moves the highlight.
    await page.locator('nav a[href="#videosdk-token-expired"]').click()
    await landing(page, 'videosdk-token-expired')
    expect(await page.locator('[data-testid=rule-section][data-targeted=true]').count()).toBe(1)

    const background = (p: Page) => p.evaluate(() => getComputedStyle(document.body).backgroundColor)
    const light = await browser.openExtensionPage(`src/rule-pages/rules.html?theme=light#${RULE}`)
    const dark = await browser.openExtensionPage(`src/rule-pages/rules.html?theme=dark#${RULE}`)
    await light.locator('[data-testid=rule-page]').waitFor()
    await dark.locator('[data-testid=rule-page]').waitFor()
    expect(await background(light)).toBe('rgb(255, 255, 255)')
    expect(await background(dark)).toBe('rgb(32, 33, 36)')
    for (const p of [page, light, dark]) await p.close()
  })

  it('are where a finding in the panel and the worst finding in the popup lead, in a new tab', async () => {
    const { page: player, tabId } = await playScript(browser, server.origin, [{ type: 'sessionEnd', playhead: 0 }, { type: 'ping', playhead: 0 }])

    const panel = await browser.openExtensionPage(`src/devtools/panel.html?tabId=${tabId}`)
    const link = panel.locator(`[data-testid=finding][data-rule=${RULE}] [data-testid=finding-rule-link]`)
    await expect.poll(() => link.count(), { timeout: 15_000 }).toBe(1)
    expect(await link.getAttribute('href')).toBe(rulePage(RULE))
    expect(await link.getAttribute('target')).toBe('_blank')
    const [opened] = await Promise.all([browser.context.waitForEvent('page'), link.click()])
    await opened.waitForLoadState()
    expect(opened.url()).toBe(rulePage(RULE))
    expect((await landing(opened, RULE)).focused).toBe(RULE)
    // The panel stays where it was.
    expect(panel.url()).toContain('panel.html')
    await opened.close()

    const popup = await browser.openExtensionPage(`src/popup/popup.html?tabId=${tabId}`)
    const worst = popup.locator('[data-testid=popup-session] [data-testid=popup-rule-link]')
    await expect.poll(() => worst.count(), { timeout: 15_000 }).toBe(1)
    expect(await worst.getAttribute('href')).toBe(rulePage(RULE))
    const [fromPopup] = await Promise.all([browser.context.waitForEvent('page'), worst.click()])
    await fromPopup.waitForLoadState()
    expect((await landing(fromPopup, RULE)).focused).toBe(RULE)
    for (const p of [fromPopup, popup, panel, player]) await p.close()
  })
})
