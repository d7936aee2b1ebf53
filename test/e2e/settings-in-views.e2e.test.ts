/**
 * The options page's redaction and retention settings reach the panel and popup: "show secrets by default" and
 * an extra secret name set by keyboard decide what the panel's event details show, exports still drop the extra
 * name, "include secrets" starts ticked where asked, and a clean-up that removed something is announced with a
 * way to the settings page.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { ExtensionBrowser } from './harness/browser'
import type { EdgeServer } from './harness/edge-server'
import { exportedText, openPanelOnPing } from './harness/panel'
import { withEdgeAndExtension } from './harness/suite'
import { playScript } from './harness/scripted-player'

const SECRET = 'dk-e2e-7f3a9'
const OPTIONS_PAGE = 'src/options/options.html'

let browser: ExtensionBrowser
let server: EdgeServer

withEdgeAndExtension((b, s) => void ([browser, server] = [b, s]))

async function openOptions(): Promise<Page> {
  const options = await browser.openExtensionPage(OPTIONS_PAGE)
  await options.locator('[data-testid=options][data-ready=true]').waitFor()
  return options
}

/** Ticks or unticks a checkbox by keyboard (focus, Space) and waits until the options page saved it. */
async function setCheck(options: Page, label: string, on: boolean): Promise<void> {
  const box = options.getByLabel(label, { exact: true })
  if ((await box.isChecked()) !== on) {
    await box.focus()
    await options.keyboard.press('Space')
  }
  await expect.poll(() => box.isChecked()).toBe(on)
  await expect.poll(() => options.getByRole('status').textContent()).toMatch(/^Saved/)
}

async function storedRedaction(): Promise<{ showSecretsByDefault: boolean; includeSecretsInExports: boolean; extraSecretNames: string[] } | undefined> {
  return browser.evaluate(async () => ((await chrome.storage.local.get('settings')).settings as { redaction?: never } | undefined)?.redaction, null)
}

/** A player tab with one session whose ping carries a field named like the extra secret. */
async function playSession(): Promise<number> {
  const { tabId } = await playScript(browser, server.origin, [{ type: 'play', playhead: 0 }, { type: 'ping', playhead: 10, extra: { deviceKey: SECRET } }])
  await server.waitFor((r) => r.path.endsWith('/ping') && r.body.includes(SECRET), { what: 'the ping with the device key' })
  return tabId
}


const deviceKeyValue = (panel: Page) => panel.locator('[data-testid=event-details] li.json-node[data-path="mediaCollection.deviceKey"] .json-value').textContent()

describe('settings in the panel and popup', () => {
  it('show secrets by default and an extra secret name decide the event details; exports drop the name unless secrets are included', async () => {
    const options = await openOptions()
    await setCheck(options, 'Show secrets in event details', true)
    const names = options.getByLabel('More secret names')
    await names.focus()
    await options.keyboard.type('deviceKey')
    await options.keyboard.press('Tab')
    await expect.poll(async () => (await storedRedaction())?.extraSecretNames).toEqual(['deviceKey'])
    expect((await storedRedaction())?.showSecretsByDefault).toBe(true)

    const tabId = await playSession()
    const panel = await openPanelOnPing(browser, tabId)
    // Shown by default, as set; the user can still hide it.
    const showSecrets = panel.locator('[data-testid=show-secrets]')
    await expect.poll(() => showSecrets.isChecked()).toBe(true)
    await expect.poll(() => deviceKeyValue(panel)).toBe(JSON.stringify(SECRET))
    await showSecrets.uncheck()
    await expect.poll(() => deviceKeyValue(panel)).toBe('"[redacted]"')
    expect(await panel.locator('[data-testid=event-details]').textContent()).not.toContain(SECRET)

    // The export leaves the extra name out (Include secrets is off by default)…
    expect(await panel.locator('[data-testid=include-secrets]').isChecked()).toBe(false)
    const redacted = await exportedText(panel)
    expect(redacted).not.toContain(SECRET)
    expect(redacted).toMatch(/\\"deviceKey\\":\s*\\"\[redacted\]\\"/)

    // …and a panel opened after "show secrets" is turned off again starts with it hidden.
    await setCheck(options, 'Show secrets in event details', false)
    const second = await openPanelOnPing(browser, tabId)
    await expect.poll(() => deviceKeyValue(second)).toBe('"[redacted]"')
    expect(await second.locator('[data-testid=show-secrets]').isChecked()).toBe(false)

    // "Include secrets in exports" ticks the box in the panel (live) and the popup; the export keeps the key.
    await setCheck(options, 'Include secrets in exports', true)
    await expect.poll(() => second.locator('[data-testid=include-secrets]').isChecked()).toBe(true)
    expect(await exportedText(second)).toContain(SECRET)
    const popup = await browser.openExtensionPage(`src/popup/popup.html?tabId=${tabId}`)
    await popup.locator('[data-testid=popup][data-ready=true]').waitFor()
    await expect.poll(() => popup.locator('[data-testid=include-secrets]').isChecked()).toBe(true)
    for (const page of [options, panel, second, popup]) await page.close()
  })

  it('announces a clean-up that removed something in the panel and the popup, and opens the settings page by keyboard', async () => {
    const tabId = await playSession()
    const panel = await browser.openExtensionPage(`src/devtools/panel.html?tabId=${tabId}`)
    await panel.locator('[data-testid=panel][data-ready=true]').waitFor()
    const notice = panel.locator('[data-testid=retention-notice]')
    // Nothing removed yet: no notice, but the way to the settings.
    await panel.locator('[data-testid=open-settings]').waitFor()
    expect(await notice.count()).toBe(0)

    // The worker records a clean-up while the panel is open: the notice appears without a reload.
    await browser.evaluate(() => chrome.storage.local.set({ retention: { at: Date.now(), scopes: 2, captures: 3 } }), null)
    await expect.poll(() => notice.textContent()).toMatch(/^3 old captures removed \(2 tabs and imports\)/)
    const popup = await browser.openExtensionPage(`src/popup/popup.html?tabId=${tabId}`)
    await popup.locator('[data-testid=popup][data-ready=true]').waitFor()
    await expect.poll(() => popup.locator('footer [data-testid=retention-notice]').textContent()).toMatch(/^3 old captures removed/)
    await popup.close()

    // The settings button, reached and pressed by keyboard, opens the options page.
    await panel.locator('[data-testid=open-settings]').focus()
    const [options] = await Promise.all([browser.context.waitForEvent('page'), panel.keyboard.press('Enter')])
    await options.waitForURL(`**/${OPTIONS_PAGE}`)
    await options.locator('[data-testid=options][data-ready=true]').waitFor()
    await options.close()
    await panel.close()
  })
})

