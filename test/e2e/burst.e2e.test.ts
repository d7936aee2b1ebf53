/**
 * Load: a page fires 1,000 Media Edge requests within one second (fetch and XHR alternating) against the
 * stand-in Edge server. Every one must be stored once, with its response, decoded into its event, and judged
 * exactly as a replay of the stored capture log judges it; no capture may be reported lost. The time from
 * the first request to all of that being in the store is printed (the ingest figure of BENCHMARKS.md; this
 * test asserts no timing, only that nothing is lost). And the 1 MiB body limit on a real request.
 */
import { chromium } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { replay } from '../../src/session/replay'
import type { ExtensionBrowser } from './harness/browser'
import { CHROMIUM, CHROMIUM_ARGS } from './harness/browser'
import type { EdgeServer } from './harness/edge-server'
import { readDump } from './harness/dump'
import { withEdgeAndExtension } from './harness/suite'

const BURST = 1000
const WITHIN_MS = 1000

let browser: ExtensionBrowser
let server: EdgeServer

withEdgeAndExtension((b, s) => void ([browser, server] = [b, s]))

interface Stats {
  captures: number
  answered: number
  events: number
  findings: string[]
}

interface BurstPlayer {
  start(): Promise<string>
  burst(count: number, withinMs: number): Promise<{ firstAt: number; lastAt: number; statuses: number[] }>
}

/** The same burst in a browser without the extension: how long the browser itself takes to send and answer it. */
async function withoutExtension(): Promise<{ fired: number; answered: number }> {
  const plain = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS] })
  try {
    const page = await plain.newPage()
    await page.goto(`${server.origin}/pages/scripted-player.html`)
    await page.evaluate(() => (window as unknown as { player: BurstPlayer }).player.start())
    const { firstAt, lastAt } = await page.evaluate(([count, within]) => (window as unknown as { player: BurstPlayer }).player.burst(count, within), [BURST, WITHIN_MS] as const)
    return { fired: lastAt - firstAt, answered: Date.now() - firstAt }
  } finally {
    await plain.close()
  }
}

describe('a burst of tracking requests', () => {
  it(`stores and checks all ${BURST} requests fired within ${WITHIN_MS} ms, losing none`, async () => {
    const page = await browser.context.newPage()
    await page.goto(`${server.origin}/pages/scripted-player.html`)
    const tabId = await browser.tabIdOf(page)
    const scope = await browser.scopeOfTab(tabId)
    const stats = (): Promise<Stats> => browser.evaluate((s) => (globalThis as unknown as { __sessionscope: { stats(scope: string): Promise<Stats> } }).__sessionscope.stats(s), scope)

    const before = server.received.length
    const sessionId = await page.evaluate(() => (window as unknown as { player: BurstPlayer }).player.start())
    const expected = BURST + 1
    await expect.poll(async () => (await stats()).answered, { timeout: 10_000 }).toBe(1)

    const { firstAt, lastAt, statuses } = await page.evaluate(([count, within]) => (window as unknown as { player: BurstPlayer }).player.burst(count, within), [BURST, WITHIN_MS] as const)
    const answeredAt = Date.now()
    expect(statuses.filter((status) => status !== 204)).toEqual([])
    await server.waitForRequests(before + expected)
    const serverLast = Math.max(...server.received.slice(before).map((r) => r.at))

    let storedAt = 0
    await expect
      .poll(async () => {
        const now = await stats()
        storedAt = Date.now()
        return [now.captures, now.answered, now.events]
      }, { timeout: 30_000, interval: 20 })
      .toEqual([expected, expected, expected])

    const dump = await readDump(browser)
    const captures = dump.captures.filter((c) => c.scope === scope).sort((a, b) => a.seq - b.seq)
    // Each request once, both capture sources joined, in the order the server received them.
    expect(captures).toHaveLength(expected)
    // sessionStart by fetch, then the burst alternating fetch and XHR.
    const sources = captures.map((c) => [...c.sources].sort().join('+'))
    expect(sources.filter((s) => s === 'fetch+webRequest')).toHaveLength(1 + BURST / 2)
    expect(sources.filter((s) => s === 'webRequest+xhr')).toHaveLength(BURST / 2)
    expect(new Set(captures.map((c) => c.requestBody?.text)).size).toBe(expected)
    expect(new Set(captures.map((c) => c.requestBody?.text))).toEqual(new Set(server.received.slice(before).map((r) => r.body)))

    const sessions = dump.sessions.filter((s) => s.scope === scope)
    expect(sessions).toHaveLength(1)
    expect(sessions[0]).toMatchObject({ sessionId, idSource: 'issued', events: expected })

    // Checked: the stored findings are exactly those of a replay of the stored log, and none says a capture was lost.
    const stored = dump.findings.filter((f) => f.scope === scope).map((f) => [f.rule, f.capture, f.ordinal])
    const replayed = replay(captures).findings.filter((f) => f.at !== null).map((f) => [f.rule, f.at!.capture, f.at!.ordinal ?? -1])
    const order = (list: Array<Array<string | number>>) => list.map((entry) => entry.join('|')).sort()
    expect(order(stored)).toEqual(order(replayed))
    expect(stored.filter(([rule]) => rule === 'capture-dropped' || rule === 'undecodable-request')).toEqual([])
    await page.close()

    const plain = await withoutExtension()
    console.log(
      `[burst] ${BURST} requests fired in ${lastAt - firstAt} ms; all at the server after ${serverLast - firstAt} ms, answered in the page after ` +
        `${answeredAt - firstAt} ms; stored and checked ${storedAt - firstAt} ms after the first (${storedAt - answeredAt} ms after the last answer). ` +
        `Without the extension: fired in ${plain.fired} ms, answered after ${plain.answered} ms`,
    )
  })
})

describe('the body size limit', () => {
  it('cuts a 2 MiB tracking body at 1 MiB in both capture sources, joins them, and reports the cut and why it cannot be decoded', async () => {
    const page = await browser.context.newPage()
    await page.goto(`${server.origin}/pages/scripted-player.html`)
    const tabId = await browser.tabIdOf(page)
    const scope = await browser.scopeOfTab(tabId)
    const before = server.received.length
    await page.evaluate(() => (window as unknown as { player: BurstPlayer }).player.start())
    const status = await page.evaluate((size) => (window as unknown as { player: { fetch(type: string, playhead: number, extra: object): Promise<number> } }).player.fetch('ping', 10, { padding: 'x'.repeat(size) }), 2 * 1024 * 1024)
    expect(status).toBe(204)
    await server.waitForRequests(before + 2)
    const sent = server.received.at(-1)!.body

    let findings: string[] = []
    await expect.poll(async () => {
      const dump = await readDump(browser)
      findings = dump.findings.filter((f) => f.scope === scope).map((f) => f.rule)
      return findings.includes('body-truncated')
    }, { timeout: 15_000 }).toBe(true)
    const dump = await readDump(browser)
    const capture = dump.captures.filter((c) => c.scope === scope).at(-1)!
    expect([...capture.sources].sort()).toEqual(['fetch', 'webRequest'])
    expect(capture.requestBody!.truncatedFrom).toBe(sent.length)
    expect(capture.requestBody!.text).toBe(sent.slice(0, 1024 * 1024))
    expect(dump.findings.filter((f) => f.scope === scope && f.capture === capture.seq).map((f) => [f.rule, f.severity])).toEqual([
      ['undecodable-request', 'error'],
      ['body-truncated', 'warning'],
    ])
    await page.close()
  })
})
