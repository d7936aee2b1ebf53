/** Site access for one tab from the browser's own APIs, for the popup's mount point. */
import type { SettingsBrowser, SiteAccessControl } from './site-access'
import { siteAccessOf } from './site-access'

export function chromeSiteAccess(tabId: number): SiteAccessControl {
  const browser: SettingsBrowser = chrome.runtime.getURL('').startsWith('moz-extension:') ? 'firefox' : 'chrome'
  return {
    browser,
    async load() {
      let tab: chrome.tabs.Tab
      try {
        tab = await chrome.tabs.get(tabId)
      } catch {
        return { kind: 'unknown' }
      }
      return siteAccessOf(tab.url ?? tab.pendingUrl, (origins) => chrome.permissions.contains({ origins }))
    },
    onChanged(listener) {
      // Access changes in the browser's settings, or by a grant; the tab may move to another site meanwhile.
      const onTab = (updatedId: number): void => {
        if (updatedId === tabId) listener()
      }
      chrome.permissions.onAdded.addListener(listener)
      chrome.permissions.onRemoved.addListener(listener)
      chrome.tabs.onUpdated.addListener(onTab)
      return () => {
        chrome.permissions.onAdded.removeListener(listener)
        chrome.permissions.onRemoved.removeListener(listener)
        chrome.tabs.onUpdated.removeListener(onTab)
      }
    },
    request: (pattern) => chrome.permissions.request({ origins: [pattern] }),
    reloadTab: () => chrome.tabs.reload(tabId),
    // Chrome opens its own pages for an extension through the tabs API (a link to chrome:// is refused).
    openSiteSettings:
      browser === 'chrome' ? () => void chrome.tabs.create({ url: `chrome://extensions/?id=${chrome.runtime.id}` }) : undefined,
  }
}
