/** Site access for one tab from the browser's own APIs, for the popup's and panel's mount points. */
import type { Tabs } from '../platform/browser'
import { browser, browserName } from '../platform/browser'
import { extensionSettingsOpener } from '../platform/pages'
import type { SiteAccessControl } from './site-access'
import { siteAccessOf } from './site-access'

export function browserSiteAccess(tabId: number): SiteAccessControl {
  return {
    browser: browserName(),
    async load() {
      let tab: Tabs.Tab
      try {
        tab = await browser.tabs.get(tabId)
      } catch {
        return { kind: 'unknown' }
      }
      return siteAccessOf(tab.url ?? tab.pendingUrl, (origins) => browser.permissions.contains({ origins }))
    },
    onChanged(listener) {
      // Access changes in the browser's settings, or by a grant; the tab may move to another site meanwhile.
      const onTab = (updatedId: number): void => {
        if (updatedId === tabId) listener()
      }
      browser.permissions.onAdded.addListener(listener)
      browser.permissions.onRemoved.addListener(listener)
      browser.tabs.onUpdated.addListener(onTab)
      return () => {
        browser.permissions.onAdded.removeListener(listener)
        browser.permissions.onRemoved.removeListener(listener)
        browser.tabs.onUpdated.removeListener(onTab)
      }
    },
    request: (pattern) => browser.permissions.request({ origins: [pattern] }),
    reloadTab: () => browser.tabs.reload(tabId),
    openSiteSettings: extensionSettingsOpener(),
  }
}
