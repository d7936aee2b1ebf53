/**
 * What the worker's last retention clean-up removed, kept in the browser's local storage (the scopes it deleted are
 * gone from IndexedDB, so nothing there could say it), for the options page, panel and popup to show.
 */
import { storedValue } from './settings-storage'

const KEY = 'retention'

export interface RetentionReport {
  /** When the clean-up ran (ms since epoch). */
  at: number
  /** Tabs and imports deleted. */
  scopes: number
  /** Captured requests deleted with them. */
  captures: number
}

/** A stored report, or null when there is none or it is unreadable. Never throws. */
export function readRetentionReport(raw: unknown): RetentionReport | null {
  if (typeof raw !== 'object' || raw === null) return null
  const { at, scopes, captures } = raw as Record<string, unknown>
  const counts = [at, scopes, captures]
  return counts.every((value) => typeof value === 'number' && Number.isFinite(value) && value >= 0) ? { at: at as number, scopes: scopes as number, captures: captures as number } : null
}

const stored = storedValue(KEY, readRetentionReport)

export const loadRetentionReport = (): Promise<RetentionReport | null> => stored.load()
export const saveRetentionReport = (report: RetentionReport): Promise<void> => stored.save(report)
export const onRetentionReportChanged = (listener: () => void): (() => void) => stored.onChanged(listener)

/** "3 old captures removed (1 tab or import), 30 Nov 2026, 04:10" — what the UI says of a report. */
export function describeRetentionReport(report: RetentionReport): string {
  const captures = `${report.captures.toLocaleString('en')} old ${report.captures === 1 ? 'capture' : 'captures'} removed`
  const scopes = `${report.scopes} ${report.scopes === 1 ? 'tab or import' : 'tabs and imports'}`
  return `${captures} (${scopes}), ${new Date(report.at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}`
}
