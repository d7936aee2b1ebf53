import { render } from 'preact'
import { loadUserSettings, saveUserSettings } from '../shared/settings-storage'
import { Options } from './components/Options'

const root = document.getElementById('root')
if (root) render(<Options load={loadUserSettings} save={saveUserSettings} />, root)
