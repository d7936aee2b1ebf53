/**
 * The demo without a display: plays the clip, presses every mistake button in turn, waits until the extension
 * has judged every request, prints its report and photographs the panel and the popup.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import type { JsonReport } from '../src/report/json-report'
import type { Dump } from '../test/e2e/harness/dump'
import { readDump } from '../test/e2e/harness/dump'
import type { Demo } from './demo-browser'
import { startDemo } from './demo-browser'
import { reportOfScope, textReportOfScope } from './store-report'

export interface HeadlessResult {
  report: JsonReport
  text: string
  screenshots: string[]
}

/** The buttons, in an order where each mistake lands on a session it can still spoil. */
const SCRIPT = ['play', 'ad-outside-break', 'ping-late', 'after-end', 'play', 'idle-expiry'] as const

export async function runHeadless(outDir: string, { color = false, log = (_: string) => {} } = {}): Promise<HeadlessResult> {
  mkdirSync(outDir, { recursive: true })
  const demo = await startDemo({ headless: true })
  try {
    await idle(demo.page, 30_000)
    for (const button of SCRIPT) {
      const why = button === 'idle-expiry' ? ' (moves Sessionscope\'s clock 11 minutes on, past Adobe\'s idle timeout)' : ''
      log(`pressing "${(await demo.page.locator(`#${button}`).textContent())?.trim()}"${why}`)
      await demo.page.locator(`#${button}`).click()
      await idle(demo.page, 40_000)
      if (button === 'play') await demo.page.waitForTimeout(1_500)
    }
    const dump = await settled(demo)
    const title = `${await demo.page.title()} (${demo.site.url})`
    const screenshots = await photograph(demo, outDir)
    return { report: reportOfScope(dump, demo.scope), text: textReportOfScope(dump, demo.scope, title, color), screenshots }
  } finally {
    await demo.close()
  }
}

/** Waits until the page's button work is done (body[data-busy=false]). */
async function idle(page: Page, timeout: number): Promise<void> {
  await page.locator('body[data-busy=false]').waitFor({ state: 'attached', timeout })
}

/** Waits until the extension has stored every request the stand-in Edge got, with its response, and judged it. */
async function settled(demo: Demo): Promise<Dump> {
  const deadline = Date.now() + 20_000
  let previous = ''
  for (;;) {
    const dump = await readDump(demo.browser)
    const captures = dump.captures.filter((c) => c.scope === demo.scope)
    const signature = `${captures.length}/${dump.events.filter((e) => e.scope === demo.scope).length}/${dump.findings.filter((f) => f.scope === demo.scope).length}`
    const complete = captures.length >= demo.edge.received.length && captures.every((c) => c.response !== null)
    if ((complete && signature === previous) || Date.now() > deadline) return dump
    previous = signature
    await new Promise((wait) => setTimeout(wait, 500))
  }
}

async function photograph(demo: Demo, outDir: string): Promise<string[]> {
  const { browser, tabId } = demo
  const views = [
    { file: 'panel.png', path: 'src/devtools/panel.html', size: { width: 1280, height: 860 }, ready: '[data-testid=panel][data-ready=true]', shown: '[data-testid=finding]', frame: null },
    { file: 'popup.png', path: 'src/popup/popup.html', size: { width: 380, height: 600 }, ready: '[data-testid=popup][data-ready=true]', shown: '[data-testid=popup-session]', frame: '[data-testid=popup]' },
  ]
  const files: string[] = []
  for (const view of views) {
    const page = await browser.context.newPage()
    await page.setViewportSize(view.size)
    await page.goto(`chrome-extension://${browser.extensionId}/${view.path}?tabId=${tabId}`)
    await page.locator(view.ready).waitFor()
    await page.locator(view.shown).first().waitFor()
    await settle(page)
    const file = join(outDir, view.file)
    await (view.frame ? page.locator(view.frame) : page).screenshot({ path: file })
    await page.close()
    files.push(file)
  }
  return files
}

/** Fonts and layout settle before the picture. */
function settle(page: Page): Promise<unknown> {
  return page.evaluate(() => document.fonts.ready.then(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))))
}
