/**
 * The Web SDK scenarios (scenarios/web-sdk.ts) in headless Chromium with dist-test/ loaded; edge.example.test is
 * mapped to the stand-in Edge by --host-resolver-rules.
 */
import { afterAll, beforeAll } from 'vitest'
import type { ExtensionBrowser } from './harness/browser'
import { launchWithExtension } from './harness/browser'
import { readDump } from './harness/dump'
import type { EdgeServer } from './harness/edge-server'
import { hostResolverArgs, startEdgeServer } from './harness/edge-server'
import { describeWebSdkScenarios } from './scenarios/web-sdk'

let browser: ExtensionBrowser
let edge: EdgeServer
/** Serves the pages and alloy.js over plain HTTP on another port. */
let site: EdgeServer

beforeAll(async () => {
  edge = await startEdgeServer({ tls: true })
  site = await startEdgeServer()
  browser = await launchWithExtension(hostResolverArgs(edge))
})
afterAll(async () => {
  await browser?.close()
  await edge?.close()
  await site?.close()
})

describeWebSdkScenarios('Chromium', () => ({
  edge,
  site: site.origin,
  async openTab(url) {
    const page = await browser.context.newPage()
    const console: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') console.push(`${message.type()}: ${message.text()}`)
    })
    page.on('pageerror', (error) => console.push(`pageerror: ${error.message}`))
    await page.goto(url)
    const scope = await browser.scopeOfTab(await browser.tabIdOf(page))
    return { page, scope, console }
  },
  dump: () => readDump(browser),
}))
