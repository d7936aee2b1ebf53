/**
 * An id for the current browser session. Tab ids restart with the browser, so tab scopes include this id:
 * a new tab never inherits the sessions of an old tab that had the same id. The browser's session storage is
 * cleared when the browser quits, and survives the service worker being stopped.
 */
import { browser } from '../platform/browser'

let current: Promise<string> | null = null

export function browserSession(): Promise<string> {
  current ??= (async () => {
    const stored = await browser.storage.session.get('browserSession')
    if (typeof stored.browserSession === 'string') return stored.browserSession
    const created = Date.now().toString(36)
    await browser.storage.session.set({ browserSession: created })
    return created
  })()
  return current
}
