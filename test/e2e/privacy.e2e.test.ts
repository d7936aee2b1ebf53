/**
 * Privacy: the extension sends nothing anywhere. Every request the browser makes while a page plays a session
 * and every extension page is used (panel, popup, options, rules, import, export) is recorded twice: by
 * Playwright, which attributes requests to the service worker or the page that made them, and by Chromium's
 * own network log, which sees every request of the whole browser. Only the test page's own traffic may
 * leave the browser; extension pages and the worker load only chrome-extension:, blob: and data: URLs.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Request } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ExtensionBrowser } from './harness/browser'
import { launchWithExtension } from './harness/browser'
import type { EdgeServer } from './harness/edge-server'
import { startEdgeServer } from './harness/edge-server'
import { playScript } from './harness/scripted-player'

const FIXTURE = resolve(import.meta.dirname, '../fixtures/adobe-media-edge/f6-multi-ad-session.har')
const PROBE = '/favicon.ico?probe-from-the-worker'

interface Seen {
  url: string
  /** 'worker' for the extension's service worker, else the URL of the page that made it. */
  by: string
}

let browser: ExtensionBrowser
let server: EdgeServer
const netLogDir = mkdtempSync(join(tmpdir(), 'sessionscope-netlog-'))
const netLog = join(netLogDir, 'netlog.json')
const seen: Seen[] = []

function attribute(request: Request): string {
  if (request.serviceWorker()) return 'worker'
  try {
    return request.frame().page().url() || request.frame().url()
  } catch {
    return 'unknown'
  }
}

beforeAll(async () => {
  server = await startEdgeServer()
  browser = await launchWithExtension([`--log-net-log=${netLog}`, '--net-log-capture-mode=Default'])
  browser.context.on('request', (request) => seen.push({ url: request.url(), by: attribute(request) }))
})
afterAll(async () => {
  // The test closes the browser itself to read the network log; this is for a test that failed before that.
  await browser?.close().catch(() => undefined)
  await server?.close()
  rmSync(netLogDir, { recursive: true, force: true })
})

const isExtensionSide = (entry: Seen) => entry.by === 'worker' || entry.by.startsWith(`chrome-extension://${browser.extensionId}/`)
const isLocal = (url: string) => /^(chrome-extension|blob|data):/.test(url)

/** How Chromium's network log names the initiator of a request the browser itself made. */
const BROWSER_ITSELF = 'not an origin'

/** The URL and initiating origin of each request in a Chromium network log. */
function requestJobs(log: string): Array<{ url: string; initiator: string }> {
  const parsed = JSON.parse(log) as { constants: { logEventTypes: Record<string, number> }; events: Array<{ type: number; params?: { url?: string; initiator?: string } }> }
  const startJob = parsed.constants.logEventTypes.URL_REQUEST_START_JOB
  return parsed.events
    .filter((event) => event.type === startJob && typeof event.params?.url === 'string')
    .map((event) => ({ url: event.params!.url!, initiator: event.params!.initiator ?? BROWSER_ITSELF }))
}

describe('privacy', () => {
  it('the extension makes no network request of its own while capturing, showing, importing and exporting', async () => {
    // The recorder sees the worker's requests: a fetch made from the worker is attributed to it.
    await browser.evaluate((url) => fetch(url).then((response) => response.status), `${server.origin}${PROBE}`)
    await expect.poll(() => seen.filter((entry) => entry.by === 'worker' && entry.url.endsWith(PROBE)).length).toBe(1)

    const { page: player, tabId } = await playScript(browser, server.origin, [
      { type: 'play', playhead: 0 },
      { type: 'sessionEnd', playhead: 5 },
      { type: 'ping', playhead: 5 },
    ])

    const panel = await browser.openExtensionPage(`src/devtools/panel.html?tabId=${tabId}`)
    await panel.locator('[data-testid=panel][data-ready=true]').waitFor()
    await expect.poll(() => panel.locator('[data-testid=finding]').count(), { timeout: 15_000 }).toBeGreaterThan(0)
    await panel.locator('[data-testid=finding]').first().click()
    const [fromPanel] = await Promise.all([panel.waitForEvent('download'), panel.locator('[data-testid=export-har]').click()])
    expect(await fromPanel.failure()).toBeNull()
    await panel.locator('[data-testid=import-file]').setInputFiles(FIXTURE)
    await expect.poll(() => panel.locator('[data-testid=capture-import]').getAttribute('aria-selected'), { timeout: 15_000 }).toBe('true')
    await panel.locator('[data-testid=capture-all]').click()
    await panel.locator('[data-testid=all-tabs][data-ready=true]').waitFor()

    const popup = await browser.openExtensionPage(`src/popup/popup.html?tabId=${tabId}`)
    await popup.locator('[data-testid=popup][data-ready=true]').waitFor()
    const [fromPopup] = await Promise.all([popup.waitForEvent('download'), popup.locator('[data-testid=export-har]').click()])
    expect(await fromPopup.failure()).toBeNull()

    const options = await browser.openExtensionPage('src/options/options.html')
    await options.locator('[data-testid=options][data-ready=true]').waitFor()
    const rules = await browser.openExtensionPage('src/rule-pages/rules.html#event-after-session-end')
    await rules.locator('[data-testid=rule-page]').waitFor()
    for (const page of [panel, popup, options, rules, player]) await page.close()

    const ours = seen.filter(isExtensionSide).filter((entry) => !entry.url.endsWith(PROBE))
    // The pages were recorded (their own scripts and styles), so an empty list cannot pass for a clean one.
    expect(ours.filter((entry) => entry.by.includes('/src/devtools/panel.html')).length).toBeGreaterThan(0)
    expect(ours.filter((entry) => entry.by.includes('/src/options/options.html')).length).toBeGreaterThan(0)
    expect(ours.filter((entry) => !isLocal(entry.url))).toEqual([])
    // The page itself reached only the test server.
    const pageTraffic = seen.filter((entry) => entry.by.startsWith(server.origin))
    expect(pageTraffic.length).toBeGreaterThan(0)
    expect(pageTraffic.filter((entry) => !entry.url.startsWith(`${server.origin}/`))).toEqual([])

    // Chromium's network log, written when the browser closes, holds every request of the whole browser with
    // the origin that initiated it: the extension's origin initiated only the probe. (Chromium's own update
    // and account checks have no initiating origin.)
    const extensionOrigin = `chrome-extension://${browser.extensionId}`
    await browser.close()
    const jobs = requestJobs(readFileSync(netLog, 'utf8')).filter((job) => /^https?:/.test(job.url))
    expect(jobs.filter((job) => job.initiator === server.origin && job.url.startsWith(`${server.origin}/ee/`)).length, 'the log holds the page\'s tracking requests').toBeGreaterThan(0)
    expect(jobs.filter((job) => job.initiator === extensionOrigin).map((job) => job.url)).toEqual([`${server.origin}${PROBE}`])
    expect(jobs.filter((job) => job.initiator !== extensionOrigin && job.initiator !== server.origin && job.initiator !== BROWSER_ITSELF)).toEqual([])
  })
})
