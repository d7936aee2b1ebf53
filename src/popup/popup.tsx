/** Mounts the popup on the active tab's scope (or the one named in the query string, for tests). */
import { render } from 'preact'
import { sendCommand } from '../shared/commands'
import { chromeSettingsAccess } from '../ui/chrome-settings-access'
import { chromeSiteAccess } from '../ui/chrome-site-access'
import { LoadFailure } from '../ui/LoadFailure'
import { resolveView } from '../ui/resolve-scope'
import { storeDataSource } from '../ui/store-data-source'
import { applyTheme, chosenTheme } from '../ui/theme'
import { Popup } from './components/Popup'

const root = document.getElementById('root')!

applyTheme(document.documentElement, chosenTheme(location.search))

resolveView(
  location.search,
  async () => (await chrome.tabs.query({ active: true, currentWindow: true }))[0]?.id,
  (tabId) => sendCommand({ type: 'scope-of-tab', tabId }),
).then(
  ({ scope, tabId }) => {
    const siteAccess = tabId === undefined ? undefined : chromeSiteAccess(tabId)
    render(<Popup dataSource={storeDataSource} scope={scope} settings={chromeSettingsAccess} siteAccess={siteAccess} />, root)
  },
  (error: unknown) => render(<LoadFailure testId="popup" reason={error instanceof Error ? error.message : String(error)} />, root),
)
