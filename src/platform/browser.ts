/**
 * The extension APIs, promise-based and the same in Chrome and Firefox (webextension-polyfill), and what the
 * polyfill leaves to each browser. Every entry point reaches the browser through here; the page hook, which runs in
 * the page's world with no extension API, never does.
 */
import type { Browser, Devtools, WebRequest } from 'webextension-polyfill'
import polyfill from 'webextension-polyfill'

export const browser: Browser = polyfill
export type { Devtools, Runtime, Storage, Tabs, WebRequest } from 'webextension-polyfill'

/** The browser whose settings pages and quirks apply. */
export type BrowserName = 'chrome' | 'firefox'

/** Firefox serves extension pages from moz-extension: URLs; Chrome and its kin from chrome-extension:. */
export function browserName(): BrowserName {
  return browser.runtime.getURL('').startsWith('moz-extension:') ? 'firefox' : 'chrome'
}

/**
 * The address every page of this extension starts with. Firefox's differs from the extension id (a per-install
 * uuid), so a sender's page is told by this, not by the id.
 */
export function extensionPagesUrl(): string {
  return browser.runtime.getURL('')
}

/**
 * The address of one of the extension's files, or null outside an extension (a unit test's page), where there is no
 * runtime to ask.
 */
export function extensionUrl(path: string): string | null {
  const runtime = browser.runtime as Browser['runtime'] | undefined
  return typeof runtime?.getURL === 'function' ? runtime.getURL(path) : null
}

/**
 * Whether webRequest takes the 'extraHeaders' option. Chrome hides some headers (Cookie, Referer, …) from listeners
 * without it; Firefox shows them all and rejects an option it does not know. Chrome declares it in an enum that the
 * polyfill's types leave out.
 */
export function knowsExtraHeaders(): boolean {
  const webRequest = browser.webRequest as WebRequest.Static & { OnBeforeSendHeadersOptions?: { EXTRA_HEADERS?: string } }
  return webRequest.OnBeforeSendHeadersOptions?.EXTRA_HEADERS !== undefined
}

/** DevTools' APIs, which only pages DevTools opened have (the panel also opens in a tab, for tests). */
export function devtools(): Devtools.Static | undefined {
  return (browser as Partial<Browser>).devtools
}

/**
 * Whether webRequest can read a response body itself (Firefox's filterResponseData, with the webRequestBlocking
 * permission only Firefox's add-on asks for). Chrome offers no way to.
 */
export function readsResponseBodies(): boolean {
  return typeof (browser.webRequest as Partial<WebRequest.Static>).filterResponseData === 'function'
}
