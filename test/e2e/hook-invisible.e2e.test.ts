/**
 * A page cannot tell the page hook is there (issue 16, item 3). The same probing page (pages/hook-probe.js) runs in
 * Chromium with the extension and in Chromium without it: what it says of every function the hook replaces
 * (toString, name, length, own properties and where they stand, constructor behaviour, WebSocket's prototype,
 * constants and subclasses), of the globals, of how its arguments are read, and what its traps on the built-ins
 * (addEventListener, getters, Promise, Array, String, URL, Object.prototype...) saw while it sent tracked and
 * untracked traffic must be the same. And the hook was at work meanwhile: the worker holds that traffic with what
 * only the hook sees (response bodies, beacon bodies, socket frames).
 */
import type { BrowserContext } from 'playwright-core'
import { expect, it } from 'vitest'
import type { ExtensionBrowser, PlainBrowser } from './harness/browser'
import { readDump } from './harness/dump'
import type { ProbeServer } from './harness/probe-server'
import { withProbeAndBothBrowsers } from './harness/suite'

let server: ProbeServer
let extension: ExtensionBrowser
let plain: PlainBrowser

withProbeAndBothBrowsers((s, e, p) => void ([server, extension, plain] = [s, e, p]))

async function probe(context: BrowserContext): Promise<unknown> {
  const page = await context.newPage()
  await page.goto(`${server.origin}/pages/hook-probe.html`)
  return page.evaluate((socketUrl) => (window as unknown as { probe(url: string): Promise<unknown> }).probe(socketUrl), server.socketUrl)
}

it('shows a page the same functions, globals and built-in calls with the extension as without it', async () => {
  const without = await probe(plain.context)
  const withIt = await probe(extension.context)
  expect(withIt).toEqual(without)

  // Not a vacuous comparison: the hook followed the probe's traffic, and the worker has what only the hook sees.
  await expect.poll(async () => {
    const captures = (await readDump(extension)).captures
    const of = (query: string) => captures.find((capture) => capture.url.includes(query))
    return {
      fetch: of('configId=probe&r=request')?.response?.body?.text ?? null,
      xhrText: of('xhr=text')?.response?.body?.text ?? null,
      xhrJson: of('xhr=json')?.response?.body?.text ?? null,
      // The page asked for a buffer: the hook reads nothing else of the response.
      xhrBuffer: of('xhr=arraybuffer')?.response?.body ?? null,
      beacon: of('beacon=blob')?.requestBody?.text ?? null,
      frames: captures.filter((capture) => capture.url.startsWith('ws://')).flatMap((capture) => capture.frames ?? []).map((frame) => [frame.direction, frame.data]),
    }
  }, { timeout: 15_000 }).toEqual({
    fetch: '{"handle":[]}',
    xhrText: '{"handle":[]}',
    xhrJson: '{"handle":[]}',
    xhrBuffer: null,
    beacon: 'beacon',
    frames: expect.arrayContaining([
      ['receive', '{"@class":".ProbeGreeting","nonce":"probe"}'],
      ['send', '{"@class":".ProbeRequest"}'],
      ['send', ' '],
    ]),
  })
})
