/**
 * GameSparks over a WebSocket and VideoSDK over REST, live in Chromium against stand-ins on 127.0.0.1: the
 * request after EndSession and the `Bearer ` token are flagged in the panel, and the panel's export linted
 * by the CLI says the same.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ExtensionBrowser } from './harness/browser'
import { launchWithExtension } from './harness/browser'
import { readDump } from './harness/dump'
import type { GameAndCallServers } from './harness/game-and-call-servers'
import { startGameAndCallServers } from './harness/game-and-call-servers'
import { classOf, findingsBySession, GAME_SENDS, lintWithCli, playGameAndCall } from './scenarios/game-and-call'


let browser: ExtensionBrowser
let servers: GameAndCallServers

beforeAll(async () => {
  servers = await startGameAndCallServers()
  browser = await launchWithExtension()
})
afterAll(async () => {
  await browser?.close()
  await servers?.close()
})

/** Every finding the panel shows, session by session, as `rule/severity`. */
async function panelFindings(panel: Page): Promise<Record<string, string[]>> {
  await panel.locator('[data-testid=panel][data-ready=true]').waitFor()
  const rows = panel.locator('[data-testid=session-row]')
  const shown: Record<string, string[]> = {}
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i)
    await row.click()
    await expect.poll(() => row.getAttribute('aria-selected')).toBe('true')
    await panel.locator('[data-testid=panel][data-ready=true]').waitFor()
    shown[(await row.getAttribute('data-session-key'))!] = await panel
      .locator('[data-testid=finding]')
      .evaluateAll((items) => items.map((item) => `${item.getAttribute('data-rule')}/${item.getAttribute('data-severity')}`))
  }
  return shown
}

describe('GameSparks and VideoSDK in Chromium', () => {
  it('flags a request after EndSession and a Bearer token live, and the CLI says the same of the export', async () => {
    const page = await browser.context.newPage()
    await page.goto(`${servers.origin}/pages/game-and-call.html`)
    const tabId = await browser.tabIdOf(page)
    const { sessionId, token, status } = await playGameAndCall(page, servers)
    expect(status).toBe(200)

    // The socket is one capture with its frames; the session ID came from the handshake.
    await expect.poll(async () => (await readDump(browser)).sessions.map((s) => s.protocol), { timeout: 15_000 }).toEqual(expect.arrayContaining(['gamesparks', 'videosdk']))
    const dump = await readDump(browser)
    const scope = dump.scopes.find((s) => s.tabId === tabId)!.scope
    const socket = dump.captures.find((c) => c.scope === scope && c.frames)!
    expect(socket.url).toBe(`${servers.origin.replace('http', 'ws')}/ws/device/exampleKey12`)
    // Every frame is captured, the keep-alive (a single space) too, and the session counts the keep-alives.
    expect(socket.frames!.filter((f) => f.direction === 'send').map((f) => classOf(f.data))).toEqual(GAME_SENDS)
    const game = dump.sessions.find((s) => s.scope === scope && s.protocol === 'gamesparks')!
    expect(game).toMatchObject({ sessionId, state: 'ended' })
    expect(game.summary.facts?.['User']).toContain('5849655e16c047eb048bc585')
    expect(game.summary.facts?.['Keep-alives']).toBe('1')

    // Live, in the panel.
    const panel = await browser.openExtensionPage(`src/devtools/panel.html?tabId=${tabId}`)
    await expect.poll(async () => Object.values(await panelFindings(panel)).flat(), { timeout: 15_000 }).toEqual(
      expect.arrayContaining(['event-after-session-end/warning', 'videosdk-authorization-prefix/error']),
    )
    const live = await panelFindings(panel)
    // deviceOS "js", as the JS SDK sends it, is accepted but not one GameSparks documents: information.
    expect(live[game.key]).toEqual(['invalid-field-value/info', 'event-after-session-end/warning'])

    // The token is shown without its signature unless asked.
    const call = dump.sessions.find((s) => s.scope === scope && s.protocol === 'videosdk')!
    await panel.locator(`[data-testid=session-row][data-session-key="${call.key}"]`).click()
    await panel.locator('[data-testid=event-row]').first().click()
    const details = (await panel.locator('[data-testid=event-details]').textContent())!
    expect(details).not.toContain(token.split('.')[2])

    // Exported and linted, the capture gives the same findings.
    const [download] = await Promise.all([panel.waitForEvent('download'), panel.locator('[data-testid=export-har]').click()])
    const file = join(mkdtempSync(join(tmpdir(), 'sessionscope-gs-vs-')), download.suggestedFilename())
    await download.saveAs(file)
    const har = JSON.parse(readFileSync(file, 'utf8'))
    expect(JSON.stringify(har)).not.toContain(token.split('.')[2])
    // Every captured frame is exported, in the order it crossed the socket.
    const frames = (await readDump(browser)).captures.find((c) => c.scope === scope && c.seq === socket.seq)!.frames!
    const exported = har.log.entries.find((e: { _webSocketMessages?: unknown[] }) => e._webSocketMessages)._webSocketMessages as { type: string; data: string }[]
    expect(exported.map((m) => [m.type, classOf(m.data)])).toEqual(frames.map((f) => [f.direction, classOf(f.data)]))
    // The player's auth token is a secret: redacted in the export unless asked.
    expect(JSON.stringify(har)).not.toContain('44b297a8-162a-4220-8c14-dad9a1946ad2')
    const report = await lintWithCli(file)
    expect(findingsBySession(report)).toEqual(live)
    const late = report.findings.find((f) => f.rule === 'event-after-session-end')!
    expect(late.frame).not.toBeNull()
    expect(JSON.parse(har.log.entries[late.entry!]._webSocketMessages[late.frame!].data)).toMatchObject({ eventKey: 'AFTER_END' })
    await panel.close()
    await page.close()
  })
})
