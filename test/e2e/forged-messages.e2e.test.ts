/**
 * Forged page hook messages in real headless Chromium. A hostile page knows the hook's event names and message
 * shapes and tries every way in (the hook's CustomEvent, window.postMessage, the relay's and the hook's ports,
 * an about:blank frame, 10,000 forged and garbage messages, 5 MB and 20 MB payloads), claiming another tab, frame
 * and scope, while that other tab plays a real Media Edge session. An extension page sends a hook message too.
 * The other tab's captures, sessions and findings are exactly its real traffic; the hostile tab holds only its
 * one real request; the worker keeps capturing.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { ExtensionBrowser } from './harness/browser'
import type { Dump } from './harness/dump'
import { readDump } from './harness/dump'
import type { EdgeServer } from './harness/edge-server'
import { withEdgeAndExtension } from './harness/suite'

let browser: ExtensionBrowser
let server: EdgeServer

withEdgeAndExtension((b, s) => void ([browser, server] = [b, s]))

interface Victim {
  tabId: number
  scope: string
  sessionId: string
}
interface Forger {
  attack(victim: Victim, flood: number): { portInMain: boolean; portInFrame: boolean; hookTaken: boolean }
  realRequest(): Promise<number>
  heard(): number
  polluted(): boolean
}
interface Player {
  start(): Promise<string>
  fetch(type: string, playhead: number): Promise<number>
}

async function openTab(path: string): Promise<{ page: Page; tabId: number; scope: string }> {
  const page = await browser.context.newPage()
  await page.goto(`${server.origin}/pages/${path}`)
  const tabId = await browser.tabIdOf(page)
  const scope = await browser.scopeOfTab(tabId)
  return { page, tabId, scope }
}

const play = (page: Page, type: string, playhead: number) =>
  page.evaluate(([t, p]) => (window as unknown as { player: Player }).player.fetch(t, p), [type, playhead] as const)

/** Polls until `scope` holds `count` answered captures; returns the dump. */
async function settled(scope: string, count: number): Promise<Dump> {
  let dump: Dump | undefined
  await expect.poll(async () => {
    dump = await readDump(browser)
    const captures = dump.captures.filter((c) => c.scope === scope)
    // Every real request here is a fetch: seen by webRequest and by the hook, whose reports are batched and may come later.
    return captures.length === count && captures.every((c) => c.response !== null && c.sources.includes('webRequest') && c.sources.length === 2)
  }, { timeout: 20_000 }).toBe(true)
  return dump!
}

/** A scope's captures, sessions and findings, with only what the traffic decides (no store times). */
function contentOf(dump: Dump, scope: string) {
  return {
    captures: dump.captures.filter((c) => c.scope === scope).map((c) => ({ seq: c.seq, url: c.url, body: c.requestBody?.text, tabId: c.tabId, frameId: c.frameId, sources: [...c.sources].sort(), status: c.response?.status })),
    sessions: dump.sessions.filter((s) => s.scope === scope).map((s) => ({ key: s.key, sessionId: s.sessionId, state: s.state, events: s.events, counts: s.counts })),
    findings: dump.findings.filter((f) => f.scope === scope).map((f) => [f.rule, f.capture, f.ordinal]),
  }
}

describe('forged page hook messages', () => {
  it("reach no tab's store: the other tab keeps exactly its real session, the forger only its one real request, and capture goes on", async () => {
    const player = await openTab('scripted-player.html')
    const sessionId = await player.page.evaluate(() => (window as unknown as { player: Player }).player.start())
    await play(player.page, 'play', 0)
    const before = await settled(player.scope, 2)

    const forger = await openTab('hostile-forger.html')
    const victim: Victim = { tabId: player.tabId, scope: player.scope, sessionId }
    // The player keeps playing while the forger floods.
    const [outcome] = await Promise.all([
      forger.page.evaluate((v) => (window as unknown as { forger: Forger }).forger.attack(v, 10_000), victim),
      play(player.page, 'ping', 10),
    ])
    expect(outcome).toEqual({ portInMain: false, portInFrame: false, hookTaken: false })

    // An extension page (open in a tab, so it has a sender.tab) sends a well-formed hook message for the player's tab.
    const extensionPage = await browser.openExtensionPage('src/popup/popup.html?tabId=-1')
    const forgedUrl = `${server.origin}/ee/va/v1/sessionEnd?configId=from-extension-page`
    await extensionPage.evaluate(({ url, tabId }) => chrome.runtime.sendMessage({ type: 'hook', message: { kind: 'request', id: 'x-1', via: 'fetch', url, method: 'POST', body: null, time: Date.now() }, tabId }).catch(() => null), { url: forgedUrl, tabId: player.tabId })
    await extensionPage.evaluate(({ url }) => chrome.runtime.sendMessage({ type: 'hook', message: { kind: 'request', id: 'x-2', via: 'fetch', url, method: 'POST', body: null, time: Date.now() } }).catch(() => null), { url: forgedUrl })
    await extensionPage.close()

    // Real traffic from the forger after its attack, and from the player after the flood.
    expect(await forger.page.evaluate(() => (window as unknown as { forger: Forger }).forger.realRequest())).toBe(200)
    await play(player.page, 'ping', 20)
    await play(player.page, 'sessionEnd', 20)

    const after = await settled(player.scope, 5)
    await settled(forger.scope, 1)
    const fromPlayer = server.received.filter((r) => r.search !== '?configId=hostile')
    expect(fromPlayer).toHaveLength(5)

    // The player's tab: exactly its five real requests, each seen by the hook and by webRequest, in its own tab.
    const player1 = contentOf(after, player.scope)
    expect(player1.captures.map((c) => [new URL(c.url).pathname, c.body])).toEqual(fromPlayer.map((r) => [r.path, r.body]))
    expect(player1.captures.map((c) => [c.tabId, c.frameId, c.sources.length, c.status])).toEqual(fromPlayer.map((r) => [player.tabId, 0, 2, r.status]))
    // What was stored before the attack is unchanged, and the session is the real one, ended by the real sessionEnd.
    expect(player1.captures.slice(0, 2)).toEqual(contentOf(before, player.scope).captures)
    expect(player1.sessions).toEqual([expect.objectContaining({ sessionId, state: 'ended', events: 5, counts: { errors: 0, warnings: 0, infos: 0 } })])
    expect(player1.findings).toEqual([])

    // The forger's tab: its one real request, nothing it only claimed.
    const forged = contentOf(after, forger.scope)
    expect(forged.captures.map((c) => [c.url, c.sources, c.tabId])).toEqual([[`${server.origin}/ee/va/v1/sessionStart?configId=hostile`, ['fetch', 'webRequest'], forger.tabId]])
    expect(forged.sessions.map((s) => s.events)).toEqual([1])

    // Nowhere else: no capture from a forged URL, no other scope, no polluted prototype in the page.
    expect(after.captures.filter((c) => /forged|proto|huge|from-extension-page/.test(c.url))).toEqual([])
    expect(new Set(after.captures.map((c) => c.scope))).toEqual(new Set([player.scope, forger.scope]))
    expect(await forger.page.evaluate(() => (window as unknown as { forger: Forger }).forger.heard())).toBe(0)
    expect(await forger.page.evaluate(() => (window as unknown as { forger: Forger }).forger.polluted())).toBe(false)

    // The worker is up and still capturing: one more real request lands, with its hook half.
    await play(player.page, 'ping', 30)
    const last = contentOf(await settled(player.scope, 6), player.scope).captures.at(-1)
    expect(last).toMatchObject({ tabId: player.tabId, sources: ['fetch', 'webRequest'], status: 204 })
    expect(new URL(last!.url).pathname).toBe('/ee/va/v1/ping')
  })
})
