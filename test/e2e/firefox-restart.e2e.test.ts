/**
 * Firefox runs the background as an event page and unloads it after a spell without events (30 s by default;
 * 2 s here, through the `extensions.background.idle.timeout` preference). A Media Edge session that spans the
 * unload must come out as if nothing had happened: the next request wakes a fresh background, which picks the
 * session's state up from the store and flags what is sent after sessionEnd.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EdgeServer } from './harness/edge-server'
import { startEdgeServer } from './harness/edge-server'
import type { FirefoxWithExtension } from './harness/firefox'
import { launchFirefox } from './harness/firefox'

const IDLE_MS = 2_000

let firefox: FirefoxWithExtension
let server: EdgeServer

beforeAll(async () => {
  server = await startEdgeServer()
  firefox = await launchFirefox({ prefs: { 'extensions.background.idle.timeout': IDLE_MS } })
})
afterAll(async () => {
  await firefox?.close()
  await server?.close()
})

type Player = { start(): Promise<string>; fetch(type: string, playhead: number): Promise<number>; beacon(type: string, playhead: number): boolean }
const sleep = (ms: number) => new Promise((wake) => setTimeout(wake, ms))

describe('the add-on in Firefox across a background unload', () => {
  it('keeps the session, its state and its findings when the idle background is unloaded mid-session', async () => {
    const { page } = await firefox.openTab(`${server.origin}/pages/scripted-player.html`)
    const scope = await firefox.scopeOfTab(await firefox.tabIdOf(page))
    const sessionId = await page.evaluate(async () => {
      const player = (window as unknown as { player: Player }).player
      const id = await player.start()
      await player.fetch('play', 0)
      await player.fetch('ping', 10)
      return id
    })
    await expect.poll(async () => (await firefox.dump()).events.filter((e) => e.scope === scope).length, { timeout: 15_000 }).toBe(3)
    const first = await firefox.backgroundStartedAt()

    // Nothing happens for longer than the idle timeout: Firefox unloads the background.
    await sleep(IDLE_MS * 3)
    const before = server.received.length
    await page.evaluate(async () => {
      const player = (window as unknown as { player: Player }).player
      await player.fetch('ping', 20)
      await player.fetch('sessionEnd', 25)
      // Sent after the end: lost at Adobe, so flagged.
      await player.fetch('ping', 30)
      player.beacon('play', 30)
    })
    await server.waitForRequests(before + 4)

    await expect.poll(async () => (await firefox.dump()).events.filter((e) => e.scope === scope).length, { timeout: 15_000 }).toBe(7)
    expect(await firefox.backgroundStartedAt(), 'a new background page').toBeGreaterThan(first)
    const dump = await firefox.dump()
    const sessions = dump.sessions.filter((s) => s.scope === scope)
    expect(sessions.map((s) => [s.sessionId, s.state, s.events])).toEqual([[sessionId, 'ended', 7]])
    const captures = dump.captures.filter((c) => c.scope === scope)
    expect(captures.map((c) => [new URL(c.url).pathname.split('/').pop(), [...c.sources].sort().join('+'), c.response?.status ?? null])).toEqual([
      ['sessionStart', 'fetch+webRequest', 200],
      ['play', 'fetch+webRequest', 204],
      ['ping', 'fetch+webRequest', 204],
      ['ping', 'fetch+webRequest', 204],
      ['sessionEnd', 'fetch+webRequest', 204],
      ['ping', 'fetch+webRequest', 204],
      ['play', 'beacon+webRequest', 204],
    ])
    const flagged = dump.findings.filter((f) => f.scope === scope && f.severity !== 'info').map((f) => [captures.findIndex((c) => c.seq === f.capture), f.rule])
    expect(flagged).toEqual([[5, 'event-after-session-end'], [6, 'event-after-session-end']])
    await page.close()
  })
})
