/**
 * What the panel and popup read, as one interface passed to them as a prop: the extension passes the store
 * (store-data-source.ts), tests pass an in-memory fake. Views never write: clearing and importing are commands
 * to the worker.
 */
import type { ChangeNotice } from '../shared/changes'
import type { EventRecord, FindingRecord, Scope, ScopeRecord, SessionRecord } from '../store/records'

export interface DataSource {
  /** The scope's record; undefined until the worker has stored anything for it. */
  getScope(scope: Scope): Promise<ScopeRecord | undefined>
  /** Sessions of the scope, oldest first. */
  sessionsOf(scope: Scope): Promise<SessionRecord[]>
  /** Events of one session in applied order ('' = events of no session). */
  eventsOf(scope: Scope, sessionKey: string): Promise<EventRecord[]>
  /** Up to `count` events of one session positioned after `afterPosition` (-Infinity: from the first), in applied order. */
  eventsAfter(scope: Scope, sessionKey: string, afterPosition: number, count: number): Promise<EventRecord[]>
  /** Findings pinned to events or captures of one session ('' = of no session), in capture order. */
  findingsOf(scope: Scope, sessionKey: string): Promise<FindingRecord[]>
  /** Calls `listener` on every change notice; returns the function that stops listening. */
  onChanges(listener: (notice: ChangeNotice) => void): () => void
  /** Asks the worker to forget everything captured in the scope (for an import: to remove it). */
  clearScope(scope: Scope): Promise<void>
  /** Imported captures, newest first. */
  imports(): Promise<ScopeRecord[]>
  /** Every captured browser tab, of this browser session and earlier ones (closed tabs too), newest first. */
  tabs(): Promise<ScopeRecord[]>
  /** Hands a HAR file to the worker, which replays it into a new import; resolves with its scope. */
  importHar(name: string, text: string): Promise<Scope>
  /**
   * The scope's capture as a HAR file (secrets removed unless `redact` is false) and its JSON report. With secrets,
   * each capture as it was sent where that is still known (secrets are kept on disk, or its tab is open).
   */
  exportScope(scope: Scope, options: { redact: boolean }): Promise<ScopeExport>
  /**
   * The event's decoded fields from its capture as sent, when only memory holds that (secrets are not kept on disk);
   * undefined when it no longer does. Absent: the stored details are as sent.
   */
  sentDetails?(event: EventRecord): Promise<{ details: unknown } | undefined>
}

export interface ScopeExport {
  fileName: string
  har: string
  report: string
  /** Exported with secrets: how many captures went as the store holds them (redacted), their real values not kept. */
  secretsNotKept?: number
}
