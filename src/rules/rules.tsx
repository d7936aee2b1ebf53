/** Mounts the rule page: every rule the engine checks, one section each, reachable as rules.html#rule-id. */
import { render } from 'preact'
import { rules } from '../session/rules'
import { RulesPage } from './components/RulesPage'
import { themeFromQuery } from './theme-from-query'

const theme = themeFromQuery(location.search)
if (theme) document.documentElement.dataset.theme = theme

render(<RulesPage rules={rules} />, document.getElementById('root')!)
