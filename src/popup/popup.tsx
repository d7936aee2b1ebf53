/** Mounts the popup on the active tab's scope (or the one named in the query string, for tests). */
import { render } from 'preact'
import { browser } from '../platform/browser'
import { sendCommand } from '../shared/commands'
import { browserSettingsAccess } from '../ui/browser-settings-access'
import { browserSiteAccess } from '../ui/browser-site-access'
import { LoadFailure } from '../ui/LoadFailure'
import { resolveView } from '../ui/resolve-scope'
import { storeDataSource } from '../ui/store-data-source'
import { applyTheme, chosenTheme } from '../ui/theme'
import { Popup } from './components/Popup'

const root = document.getElementById('root')!

applyTheme(document.documentElement, chosenTheme(location.search))

resolveView(
  location.search,
  async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id,
  (tabId) => sendCommand({ type: 'scope-of-tab', tabId }),
).then(
  ({ scope, tabId }) => {
    const siteAccess = tabId === undefined ? undefined : browserSiteAccess(tabId)
    render(<Popup dataSource={storeDataSource} scope={scope} settings={browserSettingsAccess} siteAccess={siteAccess} />, root)
  },
  (error: unknown) => render(<LoadFailure testId="popup" reason={error instanceof Error ? error.message : String(error)} />, root),
)
