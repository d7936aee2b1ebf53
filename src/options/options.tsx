import { render } from 'preact'
import { loadRetentionReport, onRetentionReportChanged } from '../shared/retention-report'
import { loadUserSettings, saveUserSettings } from '../shared/settings-storage'
import { Options } from './components/Options'

const root = document.getElementById('root')
if (root) render(<Options load={loadUserSettings} save={saveUserSettings} lastCleanUp={loadRetentionReport} onCleanUp={onRetentionReportChanged} />, root)
