/** What several tests do in the panel: open it on a tab's ping, and export the shown capture. */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import type { ExtensionBrowser } from './browser'

/** The panel of `tabId`, with its one ping selected. */
export async function openPanelOnPing(browser: ExtensionBrowser, tabId: number): Promise<Page> {
  const panel = await browser.openExtensionPage(`src/devtools/panel.html?tabId=${tabId}`)
  await panel.locator('[data-testid=panel][data-ready=true]').waitFor()
  const ping = panel.locator('[data-testid=event-row][data-type=ping]')
  await expect.poll(() => ping.count(), { timeout: 15_000 }).toBe(1)
  await ping.click()
  await expect.poll(() => ping.getAttribute('aria-selected')).toBe('true')
  return panel
}

/** Presses Export HAR on a panel or popup and returns the saved file's text. */
export async function exportedText(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=export-har]').click()])
  const file = join(mkdtempSync(join(tmpdir(), 'sessionscope-export-')), download.suggestedFilename())
  await download.saveAs(file)
  return readFileSync(file, 'utf8')
}
