/**
 * What only Firefox lets an add-on see: the body of an answer the page hook cannot read. A site's service worker
 * sends a Media Edge session (requests of no tab, where no content script runs); Firefox's filterResponseData
 * gives the worker the sessionStart's answer, so the session has the ID the server issued (in Chromium it can
 * only adopt the ID its later events name). And reading it costs the page nothing it can see: the answer arrives
 * unchanged.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { EdgeServer } from './harness/edge-server'
import { startEdgeServer } from './harness/edge-server'
import type { FirefoxWithExtension } from './harness/firefox'
import { launchFirefox } from './harness/firefox'

let firefox: FirefoxWithExtension
let server: EdgeServer

beforeAll(async () => {
  server = await startEdgeServer()
  firefox = await launchFirefox()
})
afterAll(async () => {
  await firefox?.close()
  await server?.close()
})

it("gives a service worker's Media Edge session the ID its sessionStart's answer issued", async () => {
  const { page } = await firefox.openTab(`${server.origin}/pages/sw-tracker.html`)
  // The worker reads the ID from the answer itself: the answer reached it intact.
  const issued = await page.evaluate(() => (window as unknown as { swTrack(pings: number): Promise<string> }).swTrack(2))
  expect(issued).toMatch(/^[0-9a-f]{32}$/)
  await expect.poll(async () => (await firefox.dump()).events.filter((e) => e.scope.startsWith('tab:-1:')).length, { timeout: 15_000 }).toBe(3)

  const dump = await firefox.dump()
  const scope = dump.scopes.find((s) => s.tabId === -1)!
  expect(scope.title).toBe(server.origin)
  const captures = dump.captures.filter((c) => c.scope === scope.scope)
  expect(captures.map((c) => [new URL(c.url).pathname, c.sources])).toEqual([
    ['/ee/va/v1/sessionStart', ['webRequest']],
    ['/ee/va/v1/ping', ['webRequest']],
    ['/ee/va/v1/ping', ['webRequest']],
  ])
  expect(captures[0]!.response?.body?.text).toContain(issued)
  // Only the answers a session needs are read: a ping's is not.
  expect(captures.slice(1).map((c) => c.response?.body ?? null)).toEqual([null, null])
  const sessions = dump.sessions.filter((s) => s.scope === scope.scope)
  expect(sessions.map((s) => [s.sessionId, s.idSource, s.events])).toEqual([[issued, 'issued', 3]])
  // Nothing about the session's ID; the one warning is the worker's own doing: it pings on without ever sending play.
  expect(dump.findings.filter((f) => f.scope === scope.scope && f.severity !== 'info').map((f) => f.rule)).toEqual(['playhead-advanced-while-paused'])
  await page.close()
})
