/**
 * Requests of no tab are kept apart per site: two sites' service workers each send a Media Edge session, and
 * each site's requests land in a scope of their own, titled by the site's origin, never in the pages' tab scopes
 * nor in one another's.
 */
import { expect, it } from 'vitest'
import type { ExtensionBrowser } from './harness/browser'
import type { EdgeServer } from './harness/edge-server'
import { readDump } from './harness/dump'
import { withEdgeAndExtension } from './harness/suite'

let browser: ExtensionBrowser
let server: EdgeServer
const SITES = ['a.sw.test', 'b.sw.test']

// Service workers need a secure context: the two test origins count as one.
withEdgeAndExtension(
  (b, s) => void ([browser, server] = [b, s]),
  (s) => [`--host-resolver-rules=MAP *.sw.test 127.0.0.1:${s.port}`, `--unsafely-treat-insecure-origin-as-secure=${SITES.map((site) => `http://${site}:${s.port}`).join(',')}`],
)

it('keeps each site’s service-worker tracking in a scope of its own, titled by the origin', async () => {
  const origins = SITES.map((site) => `http://${site}:${server.port}`)
  const pages = await Promise.all(origins.map(async (origin) => {
    const page = await browser.context.newPage()
    await page.goto(`${origin}/pages/sw-tracker.html`)
    return page
  }))
  const issued = await Promise.all(pages.map((page) => page.evaluate(() => (window as unknown as { swTrack(pings: number): Promise<string> }).swTrack(2))))
  expect(issued.every((id) => /^[0-9a-f]{32}$/.test(id))).toBe(true)
  const tabScopes = await Promise.all(pages.map(async (page) => browser.scopeOfTab(await browser.tabIdOf(page))))

  await expect.poll(async () => (await readDump(browser)).captures.filter((c) => c.tabId === -1 && c.response !== null).length, { timeout: 15_000 }).toBe(6)
  const dump = await readDump(browser)
  const noTab = dump.scopes.filter((scope) => scope.tabId === -1).sort((a, b) => a.title.localeCompare(b.title))
  expect(noTab.map((scope) => [scope.title, scope.url, scope.sessions])).toEqual(origins.map((origin) => [origin, origin, 1]))
  for (const [i, scope] of noTab.entries()) {
    const captures = dump.captures.filter((capture) => capture.scope === scope.scope)
    expect(captures.map((capture) => new URL(capture.url).pathname)).toEqual(['/ee/va/v1/sessionStart', '/ee/va/v1/ping', '/ee/va/v1/ping'])
    const sessions = dump.sessions.filter((session) => session.scope === scope.scope)
    expect(sessions.map((session) => [session.sessionId, session.events])).toEqual([[issued[i], 3]])
  }
  // The pages themselves sent nothing tracked.
  expect(dump.captures.filter((capture) => tabScopes.includes(capture.scope))).toEqual([])
})
