/**
 * One flood, as the flood benchmark and the e2e test (test/e2e/flood.e2e.test.ts) run it: a page on one site
 * floods a socket while a player on another site pings; the worker's store is polled for when each ping is stored
 * and checked, and for when the flooded tab's stored events stop changing.
 */
import type { Page } from 'playwright-core'
import type { ExtensionBrowser } from '../../test/e2e/harness/browser'
import { DB_NAME } from '../../src/store/schema'
import type { BurstServer } from '../ingest/burst-server'
import type { FloodTimes } from './flood-page'
import { flood, pings } from './flood-page'

/** The flooding page and the player are different sites, so Chromium gives them different renderer processes. */
export const FLOOD_DOMAIN = 'flood.test'
export const PLAYER_DOMAIN = 'player.test'
const POLL_MS = 25
const GIVE_UP_MS = 15 * 60_000

/** Chromium flags that send both sites to the server. */
export function floodHostRules(server: BurstServer): string[] {
  return [`--host-resolver-rules=MAP *.${FLOOD_DOMAIN} 127.0.0.1:${server.port}, MAP *.${PLAYER_DOMAIN} 127.0.0.1:${server.port}`]
}

export interface FloodSpec {
  frames: number
  frameChars: number
  pings: number
  pingEveryMs: number
  /** The flooded tab's stored events must not change for this long before the run ends. */
  quietMs: number
}

export interface FloodRun {
  floodScope: string
  playerScope: string
  times: FloodTimes
  /** When each ping (sessionStart first) left the page, and when it was stored and checked (Date.now()). */
  sent: number[]
  storedAt: number[]
  /** Events the flooded tab had stored at the end, and when that number last changed. */
  floodEvents: number
  floodChangedAt: number
}

/** Floods and pings side by side in two fresh tabs of `browser`; resolves once the player's pings are all stored and the flood is quiet. */
export async function floodWhilePinging(browser: ExtensionBrowser, spec: FloodSpec): Promise<FloodRun> {
  const player = await browser.context.newPage()
  await player.goto(`http://www.${PLAYER_DOMAIN}/`)
  const flooder = await browser.context.newPage()
  await flooder.goto(`http://game.${FLOOD_DOMAIN}/`)
  const playerScope = await scopeOf(browser, player)
  const floodScope = await scopeOf(browser, flooder)
  // The store is watched from inside the worker: a check from outside travels to the worker behind the flood's
  // messages, and would measure that channel rather than the worker.
  await browser.evaluate(watchStore, { scopes: [playerScope, floodScope], database: DB_NAME, everyMs: POLL_MS })
  const [sent, times] = await Promise.all([
    player.evaluate(pings, { origin: `http://edge.${PLAYER_DOMAIN}`, count: spec.pings, everyMs: spec.pingEveryMs }),
    flooder.evaluate(flood, { url: `ws://socket.${FLOOD_DOMAIN}/ws`, frames: spec.frames, frameChars: spec.frameChars }),
  ])
  const deadline = Date.now() + GIVE_UP_MS
  for (;;) {
    const watched = await browser.evaluate(readWatch, null)
    const [player, flooded] = watched.reached
    const floodChangedAt = flooded!.at(-1) ?? 0
    if (player!.length >= sent.length && flooded!.length > 0 && watched.now - floodChangedAt >= spec.quietMs) {
      await browser.evaluate(stopWatch, null)
      return { floodScope, playerScope, times, sent, storedAt: player!.slice(0, sent.length), floodEvents: flooded!.length, floodChangedAt }
    }
    if (Date.now() > deadline) throw new Error(`after ${GIVE_UP_MS} ms the player has ${player!.length} of ${sent.length} pings stored, the flooded tab ${flooded!.length} events`)
    await new Promise((wait) => setTimeout(wait, 500))
  }
}

async function scopeOf(browser: ExtensionBrowser, page: Page): Promise<string> {
  return browser.scopeOfTab(await browser.tabIdOf(page))
}

interface Watch {
  /** Per scope, when its stored events first reached 1, 2, 3… (Date.now() in the worker). */
  reached: number[][]
  now: number
}

/**
 * Runs in the worker: every `everyMs`, counts each scope's stored events on the index (no record is read) and notes
 * when each count was first reached, until stopWatch.
 */
function watchStore({ scopes, database, everyMs }: { scopes: string[]; database: string; everyMs: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(database)
    open.onerror = () => reject(open.error!)
    open.onsuccess = () => {
      const db = open.result
      const watch = { reached: scopes.map(() => [] as number[]), timer: 0 as unknown as ReturnType<typeof setTimeout>, db }
      const count = (): void => {
        const tx = db.transaction('events')
        const counts = scopes.map((scope) => tx.objectStore('events').index('byScope').count(IDBKeyRange.bound([scope, Number.NEGATIVE_INFINITY], [scope, Number.POSITIVE_INFINITY])))
        tx.oncomplete = () => {
          const now = Date.now()
          counts.forEach((request, i) => {
            while (watch.reached[i]!.length < request.result) watch.reached[i]!.push(now)
          })
          watch.timer = setTimeout(count, everyMs)
        }
      }
      ;(globalThis as unknown as { floodWatch: typeof watch }).floodWatch = watch
      count()
      resolve()
    }
  })
}

function readWatch(): Watch {
  const watch = (globalThis as unknown as { floodWatch: { reached: number[][] } }).floodWatch
  return { reached: watch.reached.map((times) => [...times]), now: Date.now() }
}

function stopWatch(): void {
  const watch = (globalThis as unknown as { floodWatch: { timer: ReturnType<typeof setTimeout>; db: IDBDatabase } }).floodWatch
  clearTimeout(watch.timer)
  watch.db.close()
}
