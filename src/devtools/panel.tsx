/** Mounts the panel on the inspected tab's scope (or the one named in the query string, for tests). */
import { render } from 'preact'
import { sendCommand } from '../shared/commands'
import { chromeSettingsAccess } from '../ui/chrome-settings-access'
import { LoadFailure } from '../ui/LoadFailure'
import { resolveScope } from '../ui/resolve-scope'
import { storeDataSource } from '../ui/store-data-source'
import { applyTheme, chosenTheme } from '../ui/theme'
import { PanelShell } from './components/PanelShell'

const root = document.getElementById('root')!

applyTheme(document.documentElement, chosenTheme(location.search, chrome.devtools?.panels?.themeName))

resolveScope(
  location.search,
  () => chrome.devtools?.inspectedWindow?.tabId,
  (tabId) => sendCommand({ type: 'scope-of-tab', tabId }),
).then(
  (scope) => render(<PanelShell dataSource={storeDataSource} home={scope} settings={chromeSettingsAccess} />, root),
  (error: unknown) => render(<LoadFailure testId="panel" reason={error instanceof Error ? error.message : String(error)} />, root),
)
