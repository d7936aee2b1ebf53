/**
 * Where a rule's page is. In the extension, its chrome-extension:// URL; without one (unit tests, a page served
 * from the source tree), relative to a page one folder below src/, as the panel, popup and options pages are.
 */
const RULES_PAGE = 'src/rule-pages/rules.html'

export function ruleUrl(id: string): string {
  const runtime = globalThis.chrome?.runtime
  const page = typeof runtime?.getURL === 'function' ? runtime.getURL(RULES_PAGE) : '../rule-pages/rules.html'
  return `${page}#${encodeURIComponent(id)}`
}
