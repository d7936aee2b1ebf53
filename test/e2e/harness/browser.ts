/**
 * Launches Debian's Chromium with the built extension (dist-test/) and gives tests its service worker.
 * Never downloads a browser: playwright-core drives /usr/bin/chromium.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { BrowserContext, Page, Worker } from 'playwright-core'
import { chromium } from 'playwright-core'

/**
 * The build under test: dist-test/, which `npm run build` makes as dist/ plus the worker's test API the tests drive.
 * SESSIONSCOPE_DIST points the tests at another build (`vite build --mode e2e --outDir …`), so two checkouts can test
 * at once.
 */
export const DIST = resolve(process.env.SESSIONSCOPE_DIST ?? resolve(import.meta.dirname, '../../../dist-test'))
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
/** Every test browser's flags besides the extension's; the page-cost benchmark launches a plain browser with them. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
]

export interface ExtensionBrowser {
  context: BrowserContext
  extensionId: string
  /** The extension's service worker, started again if it was stopped. */
  worker(): Promise<Worker>
  /** Runs `fn` in the service worker. */
  evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>
  /** Opens an extension page (path under the build) in a tab. */
  openExtensionPage(path: string): Promise<Page>
  /** The browser's tab id of a page. */
  tabIdOf(page: Page): Promise<number>
  /** The store scope the worker keeps a tab's captures in (its test hook). */
  scopeOfTab(tabId: number): Promise<string>
  /** Stops the service worker, as Chrome does after 30 s idle; returns once it is gone. */
  stopWorker(): Promise<void>
  close(): Promise<void>
}

export interface PlainBrowser {
  context: BrowserContext
  close(): Promise<void>
}

/**
 * Chromium with the same flags and without Sessionscope: what a page sees when the extension is not there. `args`
 * may load other extensions (the benchmarks' controls).
 */
export async function launchWithoutExtension(args: string[] = []): Promise<PlainBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'sessionscope-plain-'))
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: [...args, ...CHROMIUM_ARGS] })
  return {
    context,
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** `headless: false` opens a window (the demo, when there is a display); tests always run headless. */
export async function launchWithExtension(extraArgs: string[] = [], { headless = true }: { headless?: boolean } = {}): Promise<ExtensionBrowser> {
  if (!existsSync(join(DIST, 'manifest.json'))) throw new Error(`${DIST} has no build; run npm run build first`)
  const profile = mkdtempSync(join(tmpdir(), 'sessionscope-e2e-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless,
    args: [`--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`, ...CHROMIUM_ARGS, ...extraArgs],
  })
  const first = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }))
  const extensionId = new URL(first.url()).host
  const isOurs = (worker: Worker): boolean => worker.url().startsWith(`chrome-extension://${extensionId}/`)

  /** Playwright keeps one handle per worker target and re-attaches it when the worker starts again. */
  function worker(): Promise<Worker> {
    return Promise.resolve(context.serviceWorkers().find(isOurs) ?? first)
  }

  /** Starts a stopped worker: any extension page that messages it does. */
  async function wake(): Promise<void> {
    const page = await context.newPage()
    await page.goto(`chrome-extension://${extensionId}/src/popup/popup.html?tabId=-1`)
    await page.locator('[data-ready=true]').waitFor({ timeout: 20_000 })
    await page.close()
  }

  async function evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T> {
    const run = async (): Promise<T> => (await worker()).evaluate(fn as (arg: unknown) => T | Promise<T>, arg as unknown)
    try {
      return await run()
    } catch {
      // The worker was stopped and nothing has woken it yet.
      await wake()
      return run()
    }
  }

  return {
    context,
    extensionId,
    worker,
    evaluate,
    async openExtensionPage(path) {
      const page = await context.newPage()
      await page.goto(`chrome-extension://${extensionId}/${path}`)
      return page
    },
    async tabIdOf(page) {
      const url = page.url()
      return (await worker()).evaluate(async (pageUrl) => {
        const tabs = await chrome.tabs.query({})
        const tab = tabs.find((t) => t.url === pageUrl)
        if (tab?.id === undefined) throw new Error(`no tab shows ${pageUrl}`)
        return tab.id
      }, url)
    },
    scopeOfTab(tabId) {
      return evaluate((id: number) => (globalThis as unknown as { __sessionscope: { scopeOfTab(id: number): Promise<string> } }).__sessionscope.scopeOfTab(id), tabId)
    },
    async stopWorker() {
      // What Chrome's guide to testing worker termination does: close the worker's DevTools target.
      const page = await context.newPage()
      const cdp = await context.newCDPSession(page)
      const targets = async () => (await cdp.send('Target.getTargets')).targetInfos
      const target = (await targets()).find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`))
      if (target) {
        await cdp.send('Target.closeTarget', { targetId: target.targetId })
        const deadline = Date.now() + 10_000
        while ((await targets()).some((t) => t.targetId === target.targetId)) {
          if (Date.now() > deadline) throw new Error('the service worker did not stop')
          await new Promise((wait) => setTimeout(wait, 50))
        }
      }
      await cdp.detach()
      await page.close()
    },
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
