/** The options page's settings and clean-up report in chrome.storage, and the page itself, for the mount points. */
import { loadRetentionReport, onRetentionReportChanged } from '../shared/retention-report'
import { loadUserSettings, onUserSettingsChanged } from '../shared/settings-storage'
import type { SettingsAccess } from './settings-access'

const OPTIONS_PAGE = 'src/options/options.html'

export const chromeSettingsAccess: SettingsAccess = {
  settings: { load: loadUserSettings, onChanged: onUserSettingsChanged },
  lastCleanUp: { load: loadRetentionReport, onChanged: onRetentionReportChanged },
  open() {
    // openOptionsPage focuses an options tab already open; a page without it (older DevTools frames) opens the URL.
    if (typeof chrome.runtime.openOptionsPage === 'function') {
      chrome.runtime.openOptionsPage().catch(() => openByUrl())
    } else {
      openByUrl()
    }
  },
}

function openByUrl(): void {
  window.open(chrome.runtime.getURL(OPTIONS_PAGE), '_blank', 'noopener')
}
