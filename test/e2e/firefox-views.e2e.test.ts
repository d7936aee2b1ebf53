/**
 * The add-on's views in Debian's Firefox ESR: a GameSparks game over a WebSocket and a VideoSDK call over REST,
 * live against stand-ins on 127.0.0.1, stored with their findings; the panel and the popup render them (sessions,
 * findings, timeline, events); the panel's export, linted by the CLI, gives the same findings. Also takes the
 * README's picture of the panel in Firefox (test-results/screenshots/; UPDATE_SCREENSHOTS=1 writes docs/screenshots/).
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EdgeServer } from './harness/edge-server'
import { startEdgeServer } from './harness/edge-server'
import type { FirefoxWithExtension } from './harness/firefox'
import { downloaded, launchFirefox } from './harness/firefox'
import type { GameAndCallServers } from './harness/game-and-call-servers'
import { startGameAndCallServers } from './harness/game-and-call-servers'
import { classOf, findingsBySession, GAME_SENDS, lintWithCli, playGameAndCall } from './scenarios/game-and-call'

const ROOT = resolve(import.meta.dirname, '../..')
const MULTI_AD = join(ROOT, 'test/fixtures/adobe-media-edge/f6-multi-ad-session.har')
const RESULTS = join(ROOT, 'test-results/screenshots')
const DOCS = join(ROOT, 'docs/screenshots')

let firefox: FirefoxWithExtension
let servers: GameAndCallServers
let site: EdgeServer

beforeAll(async () => {
  servers = await startGameAndCallServers()
  site = await startEdgeServer()
  firefox = await launchFirefox()
})
afterAll(async () => {
  await firefox?.close()
  await servers?.close()
  await site?.close()
})

const sleep = (ms: number) => new Promise((wake) => setTimeout(wake, ms))

/** Polls `read` until `done` holds of its value; returns that value, or fails with the last one. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`)
    await sleep(200)
  }
}

/** The attribute of every element matching `selector`. */
function attributes(page: Page, selector: string, name: string): Promise<string[]> {
  return page.$$eval(selector, (items, attribute) => items.map((item) => item.getAttribute(attribute) ?? ''), name)
}

/** Every finding the panel shows, session by session, as `rule/severity`, clicking through its sessions. */
async function panelFindings(panel: Page): Promise<Record<string, string[]>> {
  await panel.waitForSelector('[data-testid=panel][data-ready=true]')
  const shown: Record<string, string[]> = {}
  for (const key of await attributes(panel, '[data-testid=session-row]', 'data-session-key')) {
    const row = `[data-testid=session-row][data-session-key="${key}"]`
    await panel.click(row)
    await until(() => panel.$eval(row, (item) => item.getAttribute('aria-selected')), (selected) => selected === 'true', `${key} selected`)
    await panel.waitForSelector('[data-testid=panel][data-ready=true]')
    shown[key] = await panel.$$eval('[data-testid=finding]', (items) => items.map((item) => `${item.getAttribute('data-rule')}/${item.getAttribute('data-severity')}`))
  }
  return shown
}

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS, { recursive: true })
  const file = join(RESULTS, `${name}.png`)
  await page.screenshot({ path: file })
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(DOCS, { recursive: true })
    copyFileSync(file, join(DOCS, `${name}.png`))
  }
}

describe('the add-on in Firefox', () => {
  it('stores a GameSparks and a VideoSDK session with their findings; the panel and popup show them; the export lints the same', async () => {
    const { page } = await firefox.openTab(`${servers.origin}/pages/game-and-call.html`)
    const tabId = await firefox.tabIdOf(page)
    const { sessionId, token, status } = await playGameAndCall(page, servers)
    expect(status).toBe(200)

    // Stored: the socket is one capture with every frame; both sessions with their findings.
    const dump = await until(() => firefox.dump(), (d) => d.sessions.length === 2 && d.findings.some((f) => f.rule === 'videosdk-authorization-prefix'), 'two sessions stored')
    const scope = dump.scopes.find((s) => s.tabId === tabId)!.scope
    const socket = dump.captures.find((c) => c.scope === scope && c.frames)!
    expect(socket.url).toBe(`${servers.origin.replace('http', 'ws')}/ws/device/exampleKey12`)
    expect(socket.frames!.filter((f) => f.direction === 'send').map((f) => classOf(f.data))).toEqual(GAME_SENDS)
    const game = dump.sessions.find((s) => s.protocol === 'gamesparks')!
    const call = dump.sessions.find((s) => s.protocol === 'videosdk')!
    expect(game).toMatchObject({ scope, sessionId, state: 'ended' })
    expect(call.scope).toBe(scope)
    const stored = (key: string) => dump.findings.filter((f) => f.sessionKey === key).map((f) => `${f.rule}/${f.severity}`)
    expect(stored(game.key)).toEqual(['invalid-field-value/info', 'event-after-session-end/warning'])
    expect(stored(call.key)).toContain('videosdk-authorization-prefix/error')

    // The panel: both sessions, each with its findings, its timeline and its events.
    const panel = await firefox.openExtensionPage(`src/devtools/panel.html?tabId=${tabId}`)
    await panel.waitForSelector('[data-testid=panel][data-ready=true]')
    const live = await until(() => panelFindings(panel), (shown) => Object.keys(shown).length === 2, 'the panel lists both sessions')
    expect(live).toEqual({ [game.key]: stored(game.key), [call.key]: stored(call.key) })
    await panel.click(`[data-testid=session-row][data-session-key="${game.key}"]`)
    await panel.waitForSelector('[data-testid=timeline]')
    const rows = await until(() => attributes(panel, '[data-testid=event-row]', 'data-type'), (types) => types.length >= 9, 'the game\'s events listed')
    // Each request and each answer, in the order they crossed the socket.
    expect(rows).toEqual([
      'AuthenticatedConnectResponse', 'DeviceAuthenticationRequest', 'AuthenticationResponse', 'LogEventRequest', 'LogEventResponse',
      'EndSessionRequest', 'EndSessionResponse', 'LogEventRequest', 'LogEventResponse',
    ])
    await panel.click('[data-testid=event-row]')
    expect(await panel.$eval('[data-testid=event-details]', (details) => details.textContent)).toContain('.AuthenticatedConnectResponse')

    // The popup: both sessions of the tab, with their worst findings.
    const popup = await firefox.openExtensionPage(`src/popup/popup.html?tabId=${tabId}`)
    await popup.waitForSelector('[data-testid=popup][data-ready=true]')
    expect((await until(() => attributes(popup, '[data-testid=popup-session]', 'data-session-key'), (keys) => keys.length === 2, 'the popup lists both sessions')).sort()).toEqual([game.key, call.key].sort())
    expect(await popup.$$eval('[data-testid=popup-session] [data-testid=session-errors]', (items) => items.map((item) => item.textContent))).toContain('1')
    await popup.close()

    // Exported from the panel (Firefox saves it without asking) and linted: the same findings, no secret in it.
    await panel.click('[data-testid=export-har]')
    const file = await downloaded(firefox.downloads)
    const text = readFileSync(file, 'utf8')
    expect(text).not.toContain(token.split('.')[2])
    expect(text).not.toContain('44b297a8-162a-4220-8c14-dad9a1946ad2')
    const report = await lintWithCli(file)
    expect(findingsBySession(report)).toEqual(live)
    await panel.close()
    await page.close()
  })

  it('the panel shows an imported multi-ad Media Edge session with its ad breaks and findings on the chart (the README picture)', async () => {
    const { page } = await firefox.openTab(`${site.origin}/pages/scripted-player.html`)
    const tabId = await firefox.tabIdOf(page)
    const panel = await firefox.openExtensionPage(`src/devtools/panel.html?tabId=${tabId}&theme=light`)
    await panel.setViewport({ width: 1280, height: 860 })
    await panel.waitForSelector('[data-testid=panel][data-ready=true]')
    const input = await panel.waitForSelector('[data-testid=import-file]')
    await (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(MULTI_AD)
    await panel.waitForSelector('[data-testid=capture-import][aria-selected=true]')
    await panel.waitForSelector('[data-testid=timeline]')
    await panel.click('[data-testid=finding] .finding-heading')
    await panel.waitForSelector('[data-testid=event-row][aria-selected=true]')
    const findings = (await panel.$$('[data-testid=finding]')).length
    expect(findings).toBeGreaterThan(0)
    expect((await panel.$$('[data-testid=ad-break-band]')).length).toBe(3)
    expect((await panel.$$('[data-testid=finding-marker]')).length).toBe(findings)
    await panel.evaluate(() => document.fonts.ready.then(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))))
    await shoot(panel, 'panel-firefox')
    await panel.close()
    await page.close()
  })
})
