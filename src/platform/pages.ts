/** The browser's pages for this extension: its options page and, in Chrome, its entry in the browser's settings. */
import { browser, browserName } from './browser'

/**
 * Opens the options page at `path`: openOptionsPage focuses an options tab already open; a page without it (older
 * DevTools frames) opens the page's address.
 */
export function openOptionsPage(path: string): void {
  const openByUrl = (): void => void window.open(browser.runtime.getURL(path), '_blank', 'noopener')
  if (typeof browser.runtime.openOptionsPage === 'function') browser.runtime.openOptionsPage().catch(openByUrl)
  else openByUrl()
}

/**
 * Opens the extension's entry in the browser's settings (site access, …), where an extension can: Chrome opens its
 * own pages for it through the tabs API (a link to chrome:// is refused); Firefox's add-on pages cannot be opened
 * by an extension. Undefined there.
 */
export function extensionSettingsOpener(): (() => void) | undefined {
  if (browserName() !== 'chrome') return undefined
  return () => void browser.tabs.create({ url: `chrome://extensions/?id=${browser.runtime.id}` })
}
