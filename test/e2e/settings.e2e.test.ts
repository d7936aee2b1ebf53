/**
 * Settings end to end: retention set on the options page (by keyboard) is what the worker prunes by; old
 * imports and closed tabs go with everything derived from them, recent imports and open tabs stay, and the
 * options page says what was removed.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { ExtensionBrowser } from './harness/browser'
import { readDump } from './harness/dump'
import type { EdgeServer } from './harness/edge-server'
import { withEdgeAndExtension } from './harness/suite'

const DAY = 24 * 60 * 60 * 1000
const HAR = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'adobe-media-edge', 'event-after-session-end.har'), 'utf8')

let browser: ExtensionBrowser
let server: EdgeServer

withEdgeAndExtension((b, s) => void ([browser, server] = [b, s]))

/** Imports a HAR file through the worker, as the panel's import does; returns its scope. */
function importHar(page: Page, name: string): Promise<string> {
  return page.evaluate(async ({ name, text }) => {
    const answer = await chrome.runtime.sendMessage<unknown, string | { error: string }>({ type: 'import-har', name, text })
    if (typeof answer !== 'string') throw new Error(answer.error)
    return answer
  }, { name, text: HAR })
}

/** Moves a scope's last update `days` into the past, as if it had been left alone that long. */
function age(scope: string, days: number): Promise<void> {
  return browser.evaluate(async ({ scope, updatedAt }) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('sessionscope')
      open.onsuccess = () => resolve(open.result)
      open.onerror = () => reject(open.error!)
    })
    const tx = db.transaction('scopes', 'readwrite')
    const store = tx.objectStore('scopes')
    const record = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const get = store.get(scope)
      get.onsuccess = () => (get.result ? resolve(get.result as Record<string, unknown>) : reject(new Error(`no scope ${scope}`)))
      get.onerror = () => reject(get.error!)
    })
    store.put({ ...record, updatedAt })
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve()
      tx.onerror = () => reject(tx.error!)
    })
    db.close()
  }, { scope, updatedAt: Date.now() - days * DAY })
}

function prune(): Promise<Array<{ scope: string; reason: string; captures: number }>> {
  return browser.evaluate(() => (globalThis as unknown as { __sessionscope: { prune(now: number): Promise<Array<{ scope: string; reason: string; captures: number }>> } }).__sessionscope.prune(Date.now()), null)
}

async function storedScopes(): Promise<string[]> {
  return (await readDump(browser)).scopes.map((record) => record.scope).sort()
}

describe('retention', () => {
  it('set to one day on the options page, removes what is older, keeps recent imports and open tabs, and says so', async () => {
    const options = await browser.openExtensionPage('src/options/options.html')
    await options.locator('[data-testid=options][data-ready=true]').waitFor()
    // Keyboard only: the field by its label, typed into, left with Tab.
    const days = options.getByLabel('Keep captures for (days)')
    await days.focus()
    await options.keyboard.press('Control+A')
    await options.keyboard.type('400')
    await options.keyboard.press('Tab')
    await expect.poll(() => days.getAttribute('aria-invalid')).toBe('true')
    await expect.poll(() => options.getByRole('alert').filter({ hasText: 'between 1 and 365 days' }).count()).toBe(1)
    await days.focus()
    await options.keyboard.press('Control+A')
    await options.keyboard.type('1')
    await options.keyboard.press('Tab')
    await expect.poll(() => options.getByRole('status').textContent()).toMatch(/^Saved/)
    const stored = await browser.evaluate(async () => (await chrome.storage.local.get('settings')).settings as { retention?: { days: number } }, null)
    expect(stored.retention?.days).toBe(1)

    // A tab that stays open, with a tracking session in it.
    const player = await browser.context.newPage()
    await player.goto(`${server.origin}/pages/scripted-player.html`)
    const openTab = await browser.evaluate((tabId) => (globalThis as unknown as { __sessionscope: { scopeOfTab(id: number): Promise<string> } }).__sessionscope.scopeOfTab(tabId), await browser.tabIdOf(player))
    await player.evaluate(async () => {
      const start = (window as unknown as { player: { start(): Promise<unknown> } }).player.start
      await start()
    })
    await expect.poll(async () => (await readDump(browser)).captures.filter((c) => c.scope === openTab).length, { timeout: 15_000 }).toBeGreaterThan(0)

    const old = await importHar(options, 'old.har')
    const recent = await importHar(options, 'recent.har')
    await age(old, 3)
    await age(recent, 0.5)
    await age(openTab, 3)
    const oldCaptures = (await readDump(browser)).captures.filter((c) => c.scope === old).length
    expect(oldCaptures).toBeGreaterThan(0)

    const cleanUpLine = options.locator('[data-testid=last-clean-up]')
    expect(await cleanUpLine.textContent()).toBe('Nothing has been removed yet.')
    expect(await prune()).toEqual([{ scope: old, reason: 'age', captures: oldCaptures }])
    // The options page, still open, follows the clean-up.
    await expect.poll(() => cleanUpLine.textContent()).toMatch(new RegExp(`^Last clean-up: ${oldCaptures} old captures? removed \\(1 tab or import\\)`))
    const dump = await readDump(browser)
    expect(dump.scopes.map((s) => s.scope).sort()).toEqual([openTab, recent].sort())
    for (const records of [dump.captures, dump.events, dump.findings, dump.sessions]) expect(records.some((r) => r.scope === old)).toBe(false)
    expect(dump.sessions.some((s) => s.scope === recent)).toBe(true)

    // Once the tab is closed, its age counts.
    await player.close()
    await expect.poll(async () => (await prune()).map((d) => d.scope)).toEqual([openTab])
    expect(await storedScopes()).toEqual([recent])
  })
})
