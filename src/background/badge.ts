/** The toolbar badge shows the tab's error count. */
import { browser } from '../platform/browser'

const ERROR_RED = '#d93025'
/**
 * A tab's badge is painted at most once per this interval. Every store write reports its scopes (one every 25 ms
 * while a player pings), and each action API call is a round trip to the browser that costs the worker more
 * than the write it follows; the last count of an interval is painted when it ends, so the badge ends up right.
 */
export const BADGE_INTERVAL_MS = 500

/** Tabs painted within the current interval, with the count that came in since (null: none). */
const quiet = new Map<number, { errors: number | null }>()

export function showErrorCount(tabId: number, errors: number): void {
  if (tabId < 0) return
  const waiting = quiet.get(tabId)
  if (waiting) {
    waiting.errors = errors
    return
  }
  paint(tabId, errors)
  const interval = { errors: null as number | null }
  quiet.set(tabId, interval)
  setTimeout(() => {
    quiet.delete(tabId)
    if (interval.errors !== null) showErrorCount(tabId, interval.errors)
  }, BADGE_INTERVAL_MS)
}

function paint(tabId: number, errors: number): void {
  const text = errors === 0 ? '' : errors > 999 ? '999+' : String(errors)
  // The tab may be gone by now; a badge for a closed tab is not worth an error.
  void browser.action.setBadgeText({ tabId, text }).catch(() => {})
  if (errors > 0) void browser.action.setBadgeBackgroundColor({ tabId, color: ERROR_RED }).catch(() => {})
}
