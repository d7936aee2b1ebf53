/**
 * The main flows without a mouse, in the real extension: every step is reached with Tab (so it is in the tab
 * order) and done with the keys a user would press. Import a HAR, move between captures, go from a finding to
 * its event, walk the session on the chart, filter the events, move through the list, open a payload node,
 * open a rule's page; in the popup, clear the tab.
 */
import { resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { ExtensionBrowser } from './harness/browser'
import type { EdgeServer } from './harness/edge-server'
import { withEdgeAndExtension } from './harness/suite'
import { playScript } from './harness/scripted-player'

const FIXTURE = resolve(import.meta.dirname, '../fixtures/adobe-media-edge/f6-multi-ad-session.har')
/** Enough for the longest route through the panel (the decoded payload's buttons come last). */
const MAX_TABS = 120

let browser: ExtensionBrowser
let server: EdgeServer

withEdgeAndExtension((b, s) => void ([browser, server] = [b, s]))

/** Presses Tab until the focused element matches `selector`; fails if Tab never gets there. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let presses = 0; presses < MAX_TABS; presses++) {
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${selector}`)
}

async function focused(page: Page, attribute: string): Promise<string | null> {
  return page.evaluate((name) => document.activeElement?.getAttribute(name) ?? null, attribute)
}

const selectedRow = '[data-testid=event-row][aria-selected=true]'

/** A tab that played a session and sent a ping after its end. */
async function playedTab(): Promise<{ page: Page; tabId: number }> {
  const before = server.received.length
  const { page, tabId } = await playScript(browser, server.origin, [
    { type: 'play', playhead: 0 },
    { type: 'sessionEnd', playhead: 5 },
    { type: 'ping', playhead: 10 },
  ])
  await server.waitForRequests(before + 4)
  return { page, tabId }
}

describe('keyboard only', () => {
  it('runs the panel: import, captures, finding → event, chart, filters, list, payload, rule page', async () => {
    const { page, tabId } = await playedTab()
    const panel = await browser.openExtensionPage(`src/devtools/panel.html?tabId=${tabId}`)
    await panel.locator('[data-testid=panel][data-ready=true]').waitFor()
    await expect.poll(() => panel.locator('[data-testid=finding][data-rule=event-after-session-end]').count()).toBe(1)

    // Import a HAR: the button opens the file chooser.
    await tabTo(panel, '[data-testid=import-har]')
    // Pressed on the button itself: the panel may still be re-rendering as the tab's session loads.
    const [chooser] = await Promise.all([panel.waitForEvent('filechooser'), panel.locator('[data-testid=import-har]').press('Enter')])
    await chooser.setFiles(FIXTURE)
    await panel.locator('[data-testid=capture-import][aria-selected=true]').waitFor()
    await panel.locator('[data-testid=panel][data-ready=true] [data-testid=timeline]').waitFor()

    // Captures are tabs: arrows move, Enter shows.
    await panel.locator('[data-testid=capture-import][aria-selected=true]').focus()
    await panel.keyboard.press('Home')
    expect(await focused(panel, 'data-testid')).toBe('capture-home')
    await panel.keyboard.press('Enter')
    await expect.poll(() => panel.locator('[data-testid=finding]').first().getAttribute('data-rule')).toBe('event-after-session-end')
    await panel.keyboard.press('End')
    expect(await focused(panel, 'data-testid')).toBe('capture-import')
    await panel.keyboard.press('Enter')
    await expect.poll(() => panel.locator('[data-testid=finding]').first().getAttribute('data-rule')).toBe('duplicate-timestamp')
    await panel.locator('[data-testid=panel][data-ready=true]').waitFor()

    // From a finding to its event.
    await tabTo(panel, '[data-testid=finding][data-rule=ping-interval-too-long] button.finding-heading')
    await panel.keyboard.press('Enter')
    await expect.poll(() => panel.locator(selectedRow).getAttribute('data-type')).toBe('chapterComplete')
    const fromFinding = Number(await panel.locator(selectedRow).getAttribute('data-index'))

    // The chart: arrows walk the session in time, + zooms, 0 shows it whole again.
    await tabTo(panel, '[data-testid=timeline] [role=group]')
    await panel.keyboard.press('ArrowRight')
    await expect.poll(async () => Number(await panel.locator(selectedRow).getAttribute('data-index'))).toBe(fromFinding + 1)
    await panel.keyboard.press('+')
    await expect.poll(() => panel.locator('[data-testid=zoom-reset]').isEnabled()).toBe(true)
    await panel.keyboard.press('0')
    await expect.poll(() => panel.locator('[data-testid=zoom-reset]').isDisabled()).toBe(true)

    // Filters: type a search, then clear it.
    await tabTo(panel, '[data-testid=filter-search]')
    await panel.keyboard.type('adBreakStart')
    await expect.poll(() => panel.locator('[data-testid=filter-count]').textContent()).toBe('3 of 33 events')
    expect(await panel.locator('[data-testid=event-row]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-type')))).toEqual(['adBreakStart', 'adBreakStart', 'adBreakStart'])
    await tabTo(panel, '[data-testid=filter-clear]')
    await panel.keyboard.press('Enter')
    await expect.poll(() => panel.locator('[data-testid=filter-count]').textContent()).toBe('33 events')

    // The list: one tab stop, the selected row; Home, End and arrows move the selection.
    await tabTo(panel, selectedRow)
    await panel.keyboard.press('End')
    await expect.poll(() => panel.locator(selectedRow).getAttribute('data-type')).toBe('sessionComplete')
    await panel.keyboard.press('Home')
    await expect.poll(() => panel.locator(selectedRow).getAttribute('data-type')).toBe('sessionStart')
    await panel.keyboard.press('ArrowDown')
    await expect.poll(() => panel.locator(selectedRow).getAttribute('data-index')).toBe('1')
    expect(await focused(panel, 'aria-selected')).toBe('true')

    // The payload: a node opens and closes with Enter.
    await panel.keyboard.press('Home')
    await tabTo(panel, '[data-path="mediaCollection"] > .json-line > button.json-toggle')
    const node = panel.locator('[data-path="mediaCollection"] > .json-line > button.json-toggle')
    const expanded = await node.getAttribute('aria-expanded')
    await panel.keyboard.press('Enter')
    await expect.poll(() => node.getAttribute('aria-expanded')).toBe(expanded === 'true' ? 'false' : 'true')

    // A rule's page, from its finding.
    await panel.keyboard.press('Shift+Tab')
    await tabTo(panel, '[data-testid=finding][data-rule=duplicate-timestamp] [data-testid=finding-rule-link]')
    const [rulePage] = await Promise.all([browser.context.waitForEvent('page'), panel.keyboard.press('Enter')])
    await rulePage.waitForLoadState()
    expect(new URL(rulePage.url()).hash).toBe('#duplicate-timestamp')
    await rulePage.locator('[data-testid=rule-section][data-rule=duplicate-timestamp]').waitFor()
    await rulePage.close()
    await panel.close()
    await page.close()
  })

  it('runs the popup: Tab reaches Clear, Enter clears the tab', async () => {
    const { page, tabId } = await playedTab()
    const popup = await browser.openExtensionPage(`src/popup/popup.html?tabId=${tabId}`)
    await popup.locator('[data-testid=popup][data-ready=true]').waitFor()
    await expect.poll(() => popup.locator('[data-testid=popup-session]').count()).toBe(1)
    await tabTo(popup, '[data-testid=clear]')
    await popup.keyboard.press('Enter')
    await popup.locator('[data-testid=popup-empty]').waitFor()
    await popup.close()
    await page.close()
  })
})
