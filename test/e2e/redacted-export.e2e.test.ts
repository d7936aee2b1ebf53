/**
 * Redaction end to end (issue 16, item 2): a page whose address carries a token sends tracking with a key in its
 * URL, a credential in a header, a JSON inside a JSON string and a body that is not JSON (which a finding quotes);
 * the panel's export leaves every secret out, in the entries and in the report inside, and keeps them all when
 * "Include secrets" is ticked.
 */
import { describe, expect, it } from 'vitest'
import type { ExtensionBrowser } from './harness/browser'
import type { EdgeServer } from './harness/edge-server'
import { exportedText } from './harness/panel'
import { withEdgeAndExtension } from './harness/suite'

let browser: ExtensionBrowser
let server: EdgeServer

withEdgeAndExtension((b, s) => void ([browser, server] = [b, s]))

/** Each secret, and where the page puts it. */
const SECRETS = {
  tabUrl: 'tabsecret1q',
  urlParam: 'urlsecret2q',
  header: 'hdrsecret3q',
  nestedJson: 'jsonsecret4q',
  quoted: 'qsecret5',
}


describe('a redacted export from the panel', () => {
  it('holds none of the secrets a page sent, not even in the findings that quote them; with "Include secrets", all', async () => {
    const page = await browser.context.newPage()
    // The address travels on as the Referer of the page's own requests.
    await page.goto(`${server.origin}/pages/scripted-player.html?access_token=${SECRETS.tabUrl}`)
    const tabId = await browser.tabIdOf(page)
    await page.evaluate(async (secrets) => {
      const player = (window as unknown as { player: { start: () => Promise<string>; sessionId: () => string } }).player
      await player.start()
      const ping = JSON.stringify({
        events: [{ xdm: { eventType: 'media.ping', timestamp: new Date().toISOString(), mediaCollection: { playhead: 5, sessionID: player.sessionId() } } }],
        meta: { note: JSON.stringify({ clientSecret: secrets.nestedJson }) },
      })
      const url = (type: string) => `${location.origin}/ee/va/v1/${type}?configId=e2e-datastream&api_key=${secrets.urlParam}`
      await fetch(url('ping'), { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Goog-Api-Key': secrets.header }, body: ping })
      // Not JSON: the finding that says so quotes the text around the fault.
      await fetch(url('play'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: `{"password": ${secrets.quoted}}` })
    }, SECRETS)
    await server.waitFor((r) => r.path.endsWith('/play'), { what: 'the request that is not JSON' })

    const panel = await browser.openExtensionPage(`src/devtools/panel.html?tabId=${tabId}`)
    await panel.locator('[data-testid=panel][data-ready=true]').waitFor()
    await expect.poll(() => panel.locator('[data-testid=finding][data-rule=undecodable-request]').count(), { timeout: 15_000 }).toBeGreaterThan(0)
    expect(await panel.locator('[data-testid=include-secrets]').isChecked()).toBe(false)

    const redacted = await exportedText(panel)
    expect(JSON.parse(redacted).log._sessionscope).toMatchObject({ redacted: true })
    for (const [where, secret] of Object.entries(SECRETS)) expect(redacted, where).not.toContain(secret)
    const report = JSON.parse(redacted).log._sessionscope as { findings: Array<{ rule: string; message: string }> }
    expect(report.findings.find((finding) => finding.rule === 'undecodable-request')?.message).toContain('[redacted]')

    await panel.locator('[data-testid=include-secrets]').check()
    const kept = await exportedText(panel)
    for (const [where, secret] of Object.entries(SECRETS)) expect(kept, where).toContain(secret)
    const keptReport = JSON.parse(kept).log._sessionscope as { findings: Array<{ rule: string; message: string }> }
    expect(keptReport.findings.find((finding) => finding.rule === 'undecodable-request')?.message).toContain(SECRETS.quoted)
    await panel.close()
    await page.close()
  })
})
