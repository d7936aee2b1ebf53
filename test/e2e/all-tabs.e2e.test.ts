/**
 * The panel's "All tabs" view in real headless Chromium: two tabs play Media Edge sessions against the stand-in
 * Edge server; the panel opened for one lists both, follows new traffic, opens the other tab's sessions and
 * clears a tab from its row.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { ExtensionBrowser } from './harness/browser'
import { readDump } from './harness/dump'
import type { EdgeServer } from './harness/edge-server'
import { withEdgeAndExtension } from './harness/suite'

let browser: ExtensionBrowser
let server: EdgeServer

withEdgeAndExtension((b, s) => void ([browser, server] = [b, s]))

interface Player {
  start(name: string): Promise<string>
  fetch(type: string, playhead: number): Promise<number>
}

/** A scripted player in its own tab, titled so the list can tell the tabs apart. */
async function openPlayer(which: string): Promise<{ page: Page; tabId: number; scope: string }> {
  const page = await browser.context.newPage()
  await page.goto(`${server.origin}/pages/scripted-player.html?player=${which}`)
  await page.evaluate((title) => void (document.title = title), `Player ${which}`)
  const tabId = await browser.tabIdOf(page)
  const scope = await browser.scopeOfTab(tabId)
  return { page, tabId, scope }
}

const send = (page: Page, type: string, playhead: number) =>
  page.evaluate(([t, p]) => (window as unknown as { player: Player }).player.fetch(t, p), [type, playhead] as const)

async function sessionsStored(scope: string, events: number): Promise<void> {
  await expect
    .poll(async () => (await readDump(browser)).sessions.filter((s) => s.scope === scope).reduce((sum, s) => sum + s.events, 0), { timeout: 15_000 })
    .toBe(events)
}

describe('All tabs view in Chromium', () => {
  it('lists both captured tabs from one tab\'s panel, follows new traffic, opens the other tab and clears one', async () => {
    const one = await openPlayer('one')
    await one.page.evaluate(() => (window as unknown as { player: Player }).player.start('First video'))
    await send(one.page, 'play', 0)
    await sessionsStored(one.scope, 2)

    // The second tab plays later (so it is the newer one) and pings after its sessionEnd: one error.
    const two = await openPlayer('two')
    await two.page.evaluate(() => (window as unknown as { player: Player }).player.start('Second video'))
    await send(two.page, 'play', 0)
    await send(two.page, 'sessionEnd', 5)
    await send(two.page, 'ping', 5)
    await sessionsStored(two.scope, 4)

    const panel = await browser.openExtensionPage(`src/devtools/panel.html?tabId=${one.tabId}`)
    await panel.locator('[data-testid=panel][data-ready=true]').waitFor()
    expect(await panel.locator('[data-testid=clear]').textContent()).toBe('Clear this tab')

    // Keyboard: from "This tab", ArrowRight then Enter shows "All tabs".
    await panel.locator('[data-testid=capture-home]').focus()
    await panel.keyboard.press('ArrowRight')
    expect(await panel.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('capture-all')
    await panel.keyboard.press('Enter')
    await panel.locator('[data-testid=all-tabs][data-ready=true]').waitFor()
    expect(await panel.locator('[data-testid=capture-all]').getAttribute('aria-selected')).toBe('true')

    const rows = panel.locator('[data-testid=tab-row]')
    const scopes = () => rows.evaluateAll((list) => list.map((row) => (row as HTMLElement).dataset.scope))
    await expect.poll(scopes).toEqual([two.scope, one.scope])
    const rowOne = panel.locator(`[data-testid=tab-row][data-scope="${one.scope}"]`)
    const rowTwo = panel.locator(`[data-testid=tab-row][data-scope="${two.scope}"]`)
    expect(await rowOne.getAttribute('data-where')).toBe('this')
    expect(await rowTwo.getAttribute('data-where')).toBe('other')
    expect(await rowTwo.locator('[data-testid=tab-title]').textContent()).toBe('Player two')
    expect(await rowTwo.locator('[data-testid=tab-url]').textContent()).toBe(`${server.origin}/pages/scripted-player.html?player=two`)
    expect(await rowTwo.locator('[data-testid=tab-sessions]').textContent()).toBe('1')
    expect(await rowTwo.locator('[data-testid=tab-errors]').textContent()).toBe('1')
    expect(await rowOne.locator('[data-testid=tab-errors]').textContent()).toBe('0')

    // New traffic in the first tab moves it to the top while the list is open.
    await send(one.page, 'ping', 10)
    await expect.poll(scopes, { timeout: 10_000 }).toEqual([one.scope, two.scope])

    // Open the second tab's sessions from the keyboard: Tab into the grid, ArrowDown to its row, Enter.
    await rows.first().focus()
    await panel.keyboard.press('ArrowDown')
    expect(await rowTwo.getAttribute('aria-selected')).toBe('true')
    await panel.keyboard.press('Enter')
    const opened = panel.locator('[data-testid=panel][data-ready=true]')
    await opened.waitFor()
    expect(await opened.locator('.panel-title').textContent()).toBe('Player two')
    await expect.poll(() => opened.locator('[data-testid=session-row]').count()).toBe(1)
    expect(await opened.locator('[data-testid=total-errors]').textContent()).toBe('1')
    await expect.poll(() => opened.locator('[data-testid=finding][data-rule=event-after-session-end]').count()).toBe(1)

    // Back to the list, on the second tab's row; Tab reaches its buttons (Open, then Clear), Enter clears it.
    await panel.locator('[data-testid=back-to-all-tabs]').click()
    await panel.locator('[data-testid=all-tabs][data-ready=true]').waitFor()
    await expect.poll(() => panel.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.scope)).toBe(two.scope)
    await panel.keyboard.press('Tab')
    await panel.keyboard.press('Tab')
    expect(await panel.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Clear Player two: its sessions and findings')
    await panel.keyboard.press('Enter')
    await expect.poll(scopes, { timeout: 10_000 }).toEqual([one.scope])
    const dump = await readDump(browser)
    expect(dump.sessions.filter((s) => s.scope === two.scope)).toEqual([])
    expect(dump.sessions.filter((s) => s.scope === one.scope)).toHaveLength(1)

    await panel.close()
    await one.page.close()
    await two.page.close()
  })
})
