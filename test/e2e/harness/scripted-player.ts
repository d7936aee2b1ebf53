/** Drives the scripted Media Edge player (test/e2e/pages/scripted-player.js) in a tab of its own. */
import type { Page } from 'playwright-core'
import type { ExtensionBrowser } from './browser'

/** One event the player sends after its sessionStart; `via` defaults to fetch. */
export interface PlayerStep {
  type: string
  playhead: number
  via?: 'fetch' | 'xhr'
  /** More mediaCollection fields (fetch only). */
  extra?: Record<string, unknown>
}

export interface PlayedTab {
  page: Page
  tabId: number
  /** The ID the sessionStart's answer issued. */
  sessionId: string
}

/** Opens the player at `origin`, starts a session and sends `steps` in order, each after the previous answer. */
export async function playScript(browser: ExtensionBrowser, origin: string, steps: readonly PlayerStep[]): Promise<PlayedTab> {
  const page = await browser.context.newPage()
  await page.goto(`${origin}/pages/scripted-player.html`)
  const tabId = await browser.tabIdOf(page)
  const sessionId = await page.evaluate(async (list) => {
    const player = (window as unknown as { player: Record<string, (...args: unknown[]) => Promise<unknown>> }).player
    const id = (await player.start!()) as string
    for (const step of list) await (step.via === 'xhr' ? player.xhr!(step.type, step.playhead) : player.fetch!(step.type, step.playhead, step.extra))
    return id
  }, steps)
  return { page, tabId, sessionId }
}
