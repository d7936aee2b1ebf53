/** Which scope a view shows. The browser-specific parts are passed in, so the order is testable. */
import type { Scope } from '../store/records'

export interface View {
  scope: Scope
  /** The tab whose scope it is; undefined when `?scope=` named the scope. */
  tabId: number | undefined
}

/**
 * In order: `?scope=…`; `?tabId=N` (the e2e tests open views as tabs, where the browser's own idea of the
 * tab would be the view itself); then `contextTab()`, the inspected or active tab. Rejects when none gives one.
 */
export async function resolveView(
  search: string,
  contextTab: () => number | undefined | Promise<number | undefined>,
  scopeOfTab: (tabId: number) => Promise<Scope>,
): Promise<View> {
  const query = new URLSearchParams(search)
  const scope = query.get('scope')
  if (scope) return { scope, tabId: undefined }
  const tabId = parseTabId(query.get('tabId')) ?? (await contextTab())
  if (tabId === undefined) throw new Error('there is no tab to show')
  return { scope: await scopeOfTab(tabId), tabId }
}

export async function resolveScope(...args: Parameters<typeof resolveView>): Promise<Scope> {
  return (await resolveView(...args)).scope
}

function parseTabId(value: string | null): number | undefined {
  return value !== null && /^\d+$/.test(value) ? Number(value) : undefined
}
