/**
 * Where a rule's page is. In the extension, its address in the extension; without one (unit tests), relative to a
 * page one folder below src/, as the panel, popup and options pages are.
 */
import { extensionUrl } from '../platform/browser'

const RULES_PAGE = 'src/rule-pages/rules.html'

export function ruleUrl(id: string): string {
  const page = extensionUrl(RULES_PAGE) ?? '../rule-pages/rules.html'
  return `${page}#${encodeURIComponent(id)}`
}
