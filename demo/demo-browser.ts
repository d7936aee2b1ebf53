/**
 * Starts everything the demo needs: the stand-in Edge over TLS, the demo site, and Chromium with the
 * extension (the build in SESSIONSCOPE_DIST, else dist-test/), with the player page open in a tab. The page gets
 * one extra power from here: `sessionscopeDemoFastForward(minutes)`, which moves the worker's expiry clock on
 * through its test hook, so "go idle past expiry" needs no 10-minute wait.
 */
import type { Page } from 'playwright-core'
import type { ExtensionBrowser } from '../test/e2e/harness/browser'
import { launchWithExtension } from '../test/e2e/harness/browser'
import type { EdgeServer } from '../test/e2e/harness/edge-server'
import { hostResolverArgs, startEdgeServer } from '../test/e2e/harness/edge-server'
import type { SiteServer } from './site-server'
import { startSiteServer } from './site-server'

export interface Demo {
  browser: ExtensionBrowser
  edge: EdgeServer
  site: SiteServer
  page: Page
  tabId: number
  /** The extension's scope of the player's tab. */
  scope: string
  close(): Promise<void>
}

type TestHook = { __sessionscope: { expire(now: number): Promise<unknown>; scopeOfTab(id: number): Promise<string> } }

export async function startDemo({ headless }: { headless: boolean }): Promise<Demo> {
  const edge = await startEdgeServer({ tls: true })
  const site = await startSiteServer()
  const browser = await launchWithExtension(hostResolverArgs(edge), { headless })
  const page = await browser.context.newPage()
  await page.exposeFunction('sessionscopeDemoFastForward', async (minutes: number) => {
    await browser.evaluate((now) => (globalThis as unknown as TestHook).__sessionscope.expire(now), Date.now() + minutes * 60_000)
    return minutes
  })
  await page.goto(site.url)
  const tabId = await browser.tabIdOf(page)
  const scope = await browser.evaluate((id) => (globalThis as unknown as TestHook).__sessionscope.scopeOfTab(id), tabId)
  return {
    browser,
    edge,
    site,
    page,
    tabId,
    scope,
    async close() {
      await browser.close()
      await edge.close()
      await site.close()
    },
  }
}
