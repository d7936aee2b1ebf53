/** The toolbar badge shows the tab's error count. */
const ERROR_RED = '#d93025'

export function showErrorCount(tabId: number, errors: number): void {
  if (tabId < 0) return
  const text = errors === 0 ? '' : errors > 999 ? '999+' : String(errors)
  // The tab may be gone by now; a badge for a closed tab is not worth an error.
  void chrome.action.setBadgeText({ tabId, text }).catch(() => {})
  if (errors > 0) void chrome.action.setBadgeBackgroundColor({ tabId, color: ERROR_RED }).catch(() => {})
}
