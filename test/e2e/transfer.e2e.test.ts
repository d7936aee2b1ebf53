/**
 * Reports in and out, end to end: a live session exported from the panel, linted by the CLI, and imported
 * back into the panel must all say the same thing.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { JsonReport } from '../../src/report/json-report'
import type { ExtensionBrowser } from './harness/browser'
import type { EdgeServer } from './harness/edge-server'
import { withEdgeAndExtension } from './harness/suite'
import { playScript } from './harness/scripted-player'

const run = promisify(execFile)
const CLI = resolve(import.meta.dirname, '../../bin/sessionscope.js')

let browser: ExtensionBrowser
let server: EdgeServer

withEdgeAndExtension((b, s) => void ([browser, server] = [b, s]))

/** What the panel shows: each session row, and each of its findings with the type of the event it names. */
async function panelView(panel: Page): Promise<Array<{ key: string; state: string; findings: string[] }>> {
  await panel.locator('[data-testid=panel][data-ready=true]').waitFor()
  const rows = panel.locator('[data-testid=session-row]')
  const view: Array<{ key: string; state: string; findings: string[] }> = []
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i)
    await row.click()
    await expect.poll(() => row.getAttribute('aria-selected')).toBe('true')
    await panel.locator('[data-testid=panel][data-ready=true]').waitFor()
    const findings = await panel.locator('[data-testid=finding]').evaluateAll((items) => items.map((item) => `${item.getAttribute('data-rule')}/${item.getAttribute('data-severity')}`))
    view.push({ key: (await row.getAttribute('data-session-key'))!, state: (await row.locator('[data-testid=session-state]').textContent())!, findings })
  }
  return view
}

async function cli(file: string): Promise<{ status: number; report: JsonReport }> {
  try {
    const { stdout } = await run(process.execPath, [CLI, 'lint', file, '--format', 'json'])
    return { status: 0, report: JSON.parse(stdout) as JsonReport }
  } catch (error) {
    const failed = error as { code: number; stdout: string }
    return { status: failed.code, report: JSON.parse(failed.stdout) as JsonReport }
  }
}

describe('export, lint and import', () => {
  it('the panel, the CLI on the panel export, and the re-imported export agree', async () => {
    const { page, tabId, sessionId } = await playScript(browser, server.origin, [
      { type: 'play', playhead: 0, via: 'xhr' },
      { type: 'ping', playhead: 10 },
      { type: 'sessionEnd', playhead: 12 },
      { type: 'ping', playhead: 12 },
    ])
    await server.waitFor((r) => r.path.endsWith('/ping') && r.body.includes('"playhead":12'), { what: 'the late ping' })

    const panel = await browser.openExtensionPage(`src/devtools/panel.html?tabId=${tabId}`)
    await expect.poll(async () => (await panelView(panel)).flatMap((s) => s.findings), { timeout: 15_000 }).toEqual(['event-after-session-end/error'])
    const live = await panelView(panel)
    expect(live).toEqual([{ key: `adobe-media-edge:${sessionId}`, state: 'ended', findings: ['event-after-session-end/error'] }])

    // Export from the panel, secrets removed (the default).
    const [download] = await Promise.all([panel.waitForEvent('download'), panel.locator('[data-testid=export-har]').click()])
    expect(download.suggestedFilename()).toMatch(/^sessionscope-Scripted-Media-Edge-player-\d{8}-\d{6}\.har$/)
    const file = join(mkdtempSync(join(tmpdir(), 'sessionscope-export-')), download.suggestedFilename())
    await download.saveAs(file)
    const har = JSON.parse(readFileSync(file, 'utf8'))
    expect(har.log._sessionscope).toMatchObject({ redacted: true, summary: { errors: 1 } })
    expect(har.log.entries).toHaveLength(5)

    // The CLI reads the export to the same verdict the panel showed.
    const linted = await cli(file)
    expect(linted.status).toBe(1)
    expect(linted.report.sessions.map((s) => ({ key: s.key, state: s.state }))).toEqual(live.map(({ key, state }) => ({ key, state })))
    expect(linted.report.findings.map((f) => `${f.rule}/${f.severity}`)).toEqual(live.flatMap((s) => s.findings))
    expect(linted.report.findings[0]!.entry).toBe(4)
    expect(har.log.entries[4]._sessionscope.events).toEqual([{ type: 'ping', playhead: 12, findings: ['event-after-session-end'] }])

    // Imported back, the panel shows the same sessions and findings beside the live tab.
    await panel.locator('[data-testid=import-file]').setInputFiles(file)
    await expect.poll(() => panel.locator('[data-testid=transfer-status]').textContent()).toBe(`Imported ${download.suggestedFilename()}.`)
    const importTab = panel.locator('[data-testid=capture-import]')
    await expect.poll(() => importTab.getAttribute('aria-selected')).toBe('true')
    expect(await importTab.textContent()).toBe(download.suggestedFilename())
    await expect.poll(async () => panelView(panel)).toEqual(live)

    // Imported captures can be removed; the live tab is untouched.
    await panel.locator('[data-testid=clear]').click()
    await expect.poll(() => importTab.count()).toBe(0)
    expect(await panel.locator('[data-testid=capture-home]').getAttribute('aria-selected')).toBe('true')
    expect(await panelView(panel)).toEqual(live)
    await panel.close()
    await page.close()
  })

  it('exports from the popup too, and copies the JSON report from the panel', async () => {
    const { page, tabId } = await playScript(browser, server.origin, [{ type: 'sessionEnd', playhead: 0 }, { type: 'sessionEnd', playhead: 0 }])
    const popup = await browser.openExtensionPage(`src/popup/popup.html?tabId=${tabId}`)
    await popup.locator('[data-testid=popup][data-ready=true]').waitFor()
    await expect.poll(() => popup.locator('[data-testid=popup-session]').count()).toBe(1)
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.locator('[data-testid=export-har]').click()])
    const file = join(mkdtempSync(join(tmpdir(), 'sessionscope-popup-')), download.suggestedFilename())
    await download.saveAs(file)
    expect((await cli(file)).report.findings.map((f) => f.rule)).toEqual(['duplicate-session-end'])
    await popup.close()

    const panel = await browser.openExtensionPage(`src/devtools/panel.html?tabId=${tabId}`)
    await panel.locator('[data-testid=panel][data-ready=true]').waitFor()
    // Playwright cannot grant clipboard access to an extension origin: keep what the panel hands the clipboard.
    await panel.evaluate(() => {
      navigator.clipboard.writeText = async (text: string) => {
        ;(window as unknown as { copied: string }).copied = text
      }
    })
    await panel.locator('[data-testid=copy-json]').click()
    await expect.poll(() => panel.locator('[data-testid=transfer-status]').textContent()).toBe('Copied the JSON report.')
    const copied = JSON.parse(await panel.evaluate(() => (window as unknown as { copied: string }).copied)) as JsonReport
    expect(copied.tool.name).toBe('sessionscope')
    expect(copied.findings.map((f) => [f.rule, f.entry])).toEqual([['duplicate-session-end', 2]])
    await panel.close()
    await page.close()
  })

  it('imports a HAR larger than one runtime message, sent in parts the worker joins', async () => {
    // The multi-ad fixture with 9 Mi characters of comment goes in three parts; a part lost or misplaced would not parse.
    const fixture = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/adobe-media-edge/f6-multi-ad-session.har'), 'utf8'))
    fixture.log.comment = `${'x'.repeat(9 * 1024 * 1024)}end`
    const file = join(mkdtempSync(join(tmpdir(), 'sessionscope-big-')), 'big.har')
    writeFileSync(file, JSON.stringify(fixture))
    const panel = await browser.openExtensionPage('src/devtools/panel.html?scope=transfer:empty')
    await panel.locator('[data-testid=panel][data-ready=true]').waitFor()
    await panel.locator('[data-testid=import-file]').setInputFiles(file)
    await expect.poll(() => panel.locator('[data-testid=transfer-status]').textContent(), { timeout: 30_000 }).toBe('Imported big.har.')
    expect(await panelView(panel)).toEqual([
      { key: 'adobe-media-edge:e9f2c8a4b7d14c3e8a6f0b2d4c6e8a01', state: 'completed', findings: ['duplicate-timestamp/info', 'ping-interval-too-long/warning'] },
    ])
    await panel.close()
  })
})
