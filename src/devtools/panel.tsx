/** Mounts the panel on the inspected tab's scope (or the one named in the query string, for tests). */
import { render } from 'preact'
import { devtools } from '../platform/browser'
import { sendCommand } from '../shared/commands'
import { browserSettingsAccess } from '../ui/browser-settings-access'
import { LoadFailure } from '../ui/LoadFailure'
import { resolveView } from '../ui/resolve-scope'
import { browserSiteAccess } from '../ui/browser-site-access'
import { storeDataSource } from '../ui/store-data-source'
import { applyTheme, chosenTheme } from '../ui/theme'
import { PanelShell } from './components/PanelShell'

const root = document.getElementById('root')!

applyTheme(document.documentElement, chosenTheme(location.search, devtools()?.panels.themeName))

resolveView(
  location.search,
  () => devtools()?.inspectedWindow.tabId,
  (tabId) => sendCommand({ type: 'scope-of-tab', tabId }),
).then(
  ({ scope, tabId }) => {
    // On a site left out of the extension's site access nothing is captured: the panel says so, as the popup does.
    const siteAccess = tabId === undefined ? undefined : browserSiteAccess(tabId)
    render(<PanelShell dataSource={storeDataSource} home={scope} settings={browserSettingsAccess} siteAccess={siteAccess} />, root)
  },
  (error: unknown) => render(<LoadFailure testId="panel" reason={error instanceof Error ? error.message : String(error)} />, root),
)
