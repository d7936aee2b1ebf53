/**
 * Secrets at rest (issue 16, item 8): the store holds no credential by default, in any of its stores. "Show secrets"
 * and "Include secrets" still have the real values while the tab is open (the worker's memory holds them); once the
 * tab is closed the panel says they are gone. "Keep secrets on disk" keeps them, and unticking it removes them again.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { ExtensionBrowser } from './harness/browser'
import type { EdgeServer } from './harness/edge-server'
import { exportedText, openPanelOnPing } from './harness/panel'
import { playScript } from './harness/scripted-player'
import { withEdgeAndExtension } from './harness/suite'

const SECRET = 'pw-at-rest-51c0'
const KEPT = 'pw-kept-on-disk-93ab'

let browser: ExtensionBrowser
let server: EdgeServer

withEdgeAndExtension((b, s) => void ([browser, server] = [b, s]))

/** Everything the store holds, as text. */
async function storeText(): Promise<string> {
  return JSON.stringify(await browser.evaluate(() => (globalThis as unknown as { __sessionscope: { dump(): Promise<unknown> } }).__sessionscope.dump(), null))
}

async function playWithPassword(password: string): Promise<{ page: Page; tabId: number }> {
  const played = await playScript(browser, server.origin, [{ type: 'play', playhead: 0 }, { type: 'ping', playhead: 10, extra: { password } }])
  await server.waitFor((r) => r.path.endsWith('/ping') && r.body.includes(password), { what: 'the ping with the password' })
  return played
}


const passwordShown = (panel: Page) => panel.locator('[data-testid=event-details] li.json-node[data-path="mediaCollection.password"] .json-value').textContent()


async function setKeepOnDisk(on: boolean): Promise<void> {
  const options = await browser.openExtensionPage('src/options/options.html')
  await options.locator('[data-testid=options][data-ready=true]').waitFor()
  const box = options.getByLabel('Keep secrets on disk', { exact: true })
  if ((await box.isChecked()) !== on) await box.click()
  await expect.poll(() => options.getByRole('status').textContent()).toMatch(/^Saved/)
  await options.close()
}

describe('secrets at rest', () => {
  it('are not stored by default, are shown from memory while the tab is open, and are kept on disk only when asked', async () => {
    const { page, tabId } = await playWithPassword(SECRET)
    await expect.poll(async () => (await storeText()).includes('mediaCollection'), { timeout: 15_000 }).toBe(true)
    expect(await storeText()).not.toContain(SECRET)

    const panel = await openPanelOnPing(browser, tabId)
    await expect.poll(() => passwordShown(panel)).toBe('"[redacted]"')
    const showSecrets = panel.locator('[data-testid=show-secrets]')
    await showSecrets.check()
    await expect.poll(() => passwordShown(panel)).toBe(JSON.stringify(SECRET))
    await panel.locator('[data-testid=include-secrets]').check()
    expect(await exportedText(panel)).toContain(SECRET)
    await expect.poll(() => panel.locator('[data-testid=transfer-status]').textContent()).toMatch(/including secrets\.$/)

    // The tab closes: its real values leave the worker's memory with it.
    await page.close()
    await expect
      .poll(async () => {
        await showSecrets.uncheck()
        await showSecrets.check()
        return panel.locator('[data-testid=secrets-gone]').count()
      }, { timeout: 15_000 })
      .toBe(1)
    expect(await passwordShown(panel)).toBe('"[redacted]"')
    expect(await exportedText(panel)).not.toContain(SECRET)
    await expect.poll(() => panel.locator('[data-testid=transfer-status]').textContent()).toMatch(/went with secrets removed/)
    await panel.close()

    // Kept on disk when asked; removed from the store, derived data included, when no longer.
    await setKeepOnDisk(true)
    const kept = await playWithPassword(KEPT)
    await expect.poll(async () => (await storeText()).includes(KEPT), { timeout: 15_000 }).toBe(true)
    await setKeepOnDisk(false)
    await expect.poll(async () => (await storeText()).includes(KEPT), { timeout: 15_000 }).toBe(false)
    expect(await storeText()).toContain('mediaCollection')
    await kept.page.close()
  })
})
