/**
 * The first slice end to end, in real headless Chromium with dist-test/ loaded: a page plays a Media Edge session
 * against the stand-in Edge server (fetch, XHR, sendBeacon), then sends one more event after sessionEnd.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { ExtensionBrowser } from './harness/browser'
import type { EdgeServer } from './harness/edge-server'
import type { Dump } from './harness/dump'
import { outcomeOf, readDump } from './harness/dump'
import { withEdgeAndExtension } from './harness/suite'

let browser: ExtensionBrowser
let server: EdgeServer

withEdgeAndExtension((b, s) => void ([browser, server] = [b, s]))

interface Player {
  start(): Promise<string>
  fetch(type: string, playhead: number): Promise<number>
  xhr(type: string, playhead: number): Promise<number>
  beacon(type: string, playhead: number): boolean
}

/** Drives window.player in the page. */
function player(page: Page) {
  return {
    start: () => page.evaluate(() => (window as unknown as { player: Player }).player.start()),
    fetch: (type: string, playhead: number) => page.evaluate(([t, p]) => (window as unknown as { player: Player }).player.fetch(t, p), [type, playhead] as const),
    xhr: (type: string, playhead: number) => page.evaluate(([t, p]) => (window as unknown as { player: Player }).player.xhr(t, p), [type, playhead] as const),
    beacon: (type: string, playhead: number) => page.evaluate(([t, p]) => (window as unknown as { player: Player }).player.beacon(t, p), [type, playhead] as const),
  }
}

async function openPlayer(): Promise<{ page: Page; tabId: number; scope: string }> {
  const page = await browser.context.newPage()
  await page.goto(`${server.origin}/pages/scripted-player.html`)
  const tabId = await browser.tabIdOf(page)
  const scope = await browser.scopeOfTab(tabId)
  return { page, tabId, scope }
}

/** The session of the issue: start by fetch, media events by XHR and fetch, sessionEnd by beacon, then a late ping. */
async function playSession(page: Page, between?: () => Promise<void>): Promise<string> {
  const p = player(page)
  const before = server.received.length
  const sessionId = await p.start()
  await p.xhr('play', 0)
  await p.fetch('ping', 10)
  await between?.()
  await p.xhr('pauseStart', 12)
  expect(await p.beacon('sessionEnd', 12)).toBe(true)
  await server.waitForRequests(before + 5)
  await p.fetch('ping', 12)
  await server.waitForRequests(before + 6)
  return sessionId
}

async function settled(scope: string, captures: number): Promise<Dump> {
  let dump: Dump | undefined
  await expect.poll(async () => {
    dump = await readDump(browser)
    const ofScope = dump.captures.filter((c) => c.scope === scope)
    // Both sources of every request: the page hook's reports may come a moment after webRequest's (batched).
    return ofScope.length === captures && ofScope.every((c) => c.response !== null && c.sources.length === 2) && dump.findings.some((f) => f.scope === scope)
  }, { timeout: 15_000 }).toBe(true)
  return dump!
}

describe('Media Edge capture in Chromium', () => {
  it('stores every request once, takes the session ID from the response body, and flags the event after sessionEnd', async () => {
    const { page, tabId, scope } = await openPlayer()
    const sessionId = await playSession(page)
    const dump = await settled(scope, 6)

    const received = server.received.slice(-6)
    expect(received[0]!.issued).toBe(sessionId)
    const captures = dump.captures.filter((c) => c.scope === scope)
    expect(captures.map((c) => new URL(c.url).pathname)).toEqual(received.map((r) => r.path))
    expect(captures.map((c) => [...c.sources].sort())).toEqual([
      ['fetch', 'webRequest'], ['webRequest', 'xhr'], ['fetch', 'webRequest'], ['webRequest', 'xhr'], ['beacon', 'webRequest'], ['fetch', 'webRequest'],
    ])
    expect(captures.map((c) => c.requestBody?.text)).toEqual(received.map((r) => r.body))

    const sessions = dump.sessions.filter((s) => s.scope === scope)
    expect(sessions).toHaveLength(1)
    expect(sessions[0]).toMatchObject({ sessionId, idSource: 'issued', state: 'ended', events: 6, counts: { errors: 1, warnings: 0, infos: 0 } })

    const findings = dump.findings.filter((f) => f.scope === scope)
    expect(findings.map((f) => [f.rule, f.capture])).toEqual([['event-after-session-end', captures[5]!.seq]])

    await expect.poll(() => browser.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe('1')

    const popup = await browser.openExtensionPage(`src/popup/popup.html?tabId=${tabId}`)
    await popup.locator('[data-testid=popup][data-ready=true]').waitFor()
    const row = popup.locator('[data-testid=popup-session]')
    await expect.poll(() => row.count()).toBe(1)
    expect(await row.locator('[data-testid=session-state]').textContent()).toBe('ended')
    expect(await row.locator('[data-testid=session-errors]').textContent()).toBe('1')
    await popup.close()

    // Opened after the whole session: the panel shows what was captured before it existed.
    const panel = await browser.openExtensionPage(`src/devtools/panel.html?tabId=${tabId}`)
    await panel.locator('[data-testid=panel][data-ready=true]').waitFor()
    await expect.poll(() => panel.locator('[data-testid=session-row]').count()).toBe(1)
    expect(await panel.locator('[data-testid=session-row] [data-testid=session-state]').textContent()).toBe('ended')
    expect(await panel.locator('[data-testid=total-errors]').textContent()).toBe('1')
    const finding = panel.locator('[data-testid=finding][data-rule=event-after-session-end]')
    await expect.poll(() => finding.count()).toBe(1)
    expect(await finding.getAttribute('data-severity')).toBe('error')
    expect(await finding.locator('[data-testid=finding-docs]').getAttribute('href')).toMatch(/^https:\/\//)
    await finding.click()
    const selected = panel.locator('[data-testid=event-row][aria-selected=true]')
    await expect.poll(() => selected.getAttribute('data-type')).toBe('ping')
    expect(await selected.getAttribute('data-capture')).toBe(String(captures[5]!.seq))
    expect(await panel.locator('[data-testid=event-details]').textContent()).toContain(sessionId)
    await panel.close()
    await page.close()
  })

  it('sets an alarm for a silent session and shows it expired when it fires, inventing no entry', async () => {
    const { page, tabId, scope } = await openPlayer()
    const p = player(page)
    const before = server.received.length
    await p.start()
    await p.xhr('play', 0)
    await server.waitForRequests(before + 2)
    let dump = await readDump(browser)
    await expect.poll(async () => (dump = await readDump(browser)).sessions.find((s) => s.scope === scope)?.events).toBe(2)
    const session = dump.sessions.find((s) => s.scope === scope)!
    const alarm = await browser.evaluate(() => chrome.alarms.get('sessionscope-expiry'), null)
    // The alarm wakes the worker when the earliest open session (this one, or an older test's) can expire.
    expect(alarm?.scheduledTime).toBeLessThanOrEqual(session.lastEventAt + 600_000 + 1)

    // What the alarm handler does, ten and a half minutes from now.
    await browser.evaluate((now) => (globalThis as unknown as { __sessionscope: { expire(now: number): Promise<void> } }).__sessionscope.expire(now), session.lastEventAt + 630_000)
    dump = await readDump(browser)
    expect(dump.sessions.find((s) => s.scope === scope)).toMatchObject({ state: 'expired', openFindings: [{ rule: 'session-expired-idle', severity: 'info', at: null }] })
    expect(dump.captures.filter((c) => c.scope === scope)).toHaveLength(2)

    const popup = await browser.openExtensionPage(`src/popup/popup.html?tabId=${tabId}`)
    await popup.locator('[data-testid=popup][data-ready=true]').waitFor()
    await expect.poll(() => popup.locator('[data-testid=popup-session] [data-testid=session-state]').textContent()).toBe('expired')
    await popup.close()
    await page.close()
  })

  it('loses nothing when the service worker is stopped mid-session: same captures and findings as an undisturbed run', async () => {
    const undisturbed = await openPlayer()
    await playSession(undisturbed.page)
    const baseline = outcomeOf(await settled(undisturbed.scope, 6), undisturbed.scope)

    const stopped = await openPlayer()
    let stops = 0
    await playSession(stopped.page, async () => {
      await browser.evaluate(() => {
        ;(globalThis as unknown as { stopMarker: boolean }).stopMarker = true
        return (globalThis as unknown as { __sessionscope: { flush(): Promise<void> } }).__sessionscope.flush()
      }, null)
      await browser.stopWorker()
      stops++
    })
    expect(stops).toBe(1)
    // A fresh worker handled the rest of the session: the old one's memory is gone.
    expect(await browser.evaluate(() => (globalThis as unknown as { stopMarker?: boolean }).stopMarker ?? 'fresh worker', null)).toBe('fresh worker')
    const afterStop = outcomeOf(await settled(stopped.scope, 6), stopped.scope)
    expect(afterStop).toEqual(baseline)
    expect(afterStop.findings).toEqual([['event-after-session-end', 5]])
    await undisturbed.page.close()
    await stopped.page.close()
  })
})
