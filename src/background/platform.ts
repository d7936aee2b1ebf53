import type { AtRestChoice } from './at-rest'
import type { EngineSettings } from '../session/settings'
import type { Scope, ScopeRecord } from '../store/records'

/** What the ingest pipeline needs of the browser; unit tests give it a fake one. */
export interface Platform {
  settings(): Promise<EngineSettings>
  /** Whether the store may keep secrets, and the user's extra secret names; absent: secrets are redacted on disk. */
  secretsAtRest?(): Promise<AtRestChoice>
  now(): number
  /** Title and URL of a tab, when the browser tells; for requests of no tab (tabId -1), of the origin that made them. */
  tabInfo(tabId: number, origin?: string): Promise<{ title: string; url: string } | null>
  /**
   * The scope of a tab: tab ids restart with the browser, so scopes carry the browser session too. Requests of no tab
   * (tabId -1) have a scope per `origin` that initiated them.
   */
  scopeOfTab(tabId: number, origin?: string): Promise<Scope>
  /** Called after each write with the scopes that changed. */
  changed(scopes: readonly ScopeRecord[]): void
  /** Called after a scope and all its data were deleted. */
  cleared(scope: Scope, tabId: number | null): void
  /** A fresh unique id (for imported captures). */
  newId(): string
  /** Wake the worker at `at` to let sessions expire (null: nothing can expire). */
  scheduleExpiry(at: number | null): void
  log(error: unknown): void
  /** The browser refused a write for lack of space: free some (retention). The data is held meanwhile. */
  storageFull?(): void
}
