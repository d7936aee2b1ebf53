/** Mounts the rule page: every rule the engine checks, one section each, reachable as rules.html#rule-id. */
import { render } from 'preact'
import { rules } from '../session/rules'
import { RulesPage } from './components/RulesPage'
import { applyTheme, chosenTheme } from '../ui/theme'

applyTheme(document.documentElement, chosenTheme(location.search))

render(<RulesPage rules={rules} />, document.getElementById('root')!)
