/** The options page's settings and clean-up report in the browser's storage, and the page itself, for the mount points. */
import { openOptionsPage } from '../platform/pages'
import { loadRetentionReport, onRetentionReportChanged } from '../shared/retention-report'
import { loadUserSettings, onUserSettingsChanged } from '../shared/settings-storage'
import type { SettingsAccess } from './settings-access'

const OPTIONS_PAGE = 'src/options/options.html'

export const browserSettingsAccess: SettingsAccess = {
  settings: { load: loadUserSettings, onChanged: onUserSettingsChanged },
  lastCleanUp: { load: loadRetentionReport, onChanged: onRetentionReportChanged },
  open: () => openOptionsPage(OPTIONS_PAGE),
}
