/** Everything the panel and the popup show about a scope, apart from events. */
import type { Finding } from '../session/finding'
import type { FindingRecord, Scope, ScopeRecord, SessionRecord } from '../store/records'
import type { DataSource } from './data-source'
import type { Loaded } from './use-loaded'
import { useLoaded } from './use-loaded'

export interface ScopeData {
  /** undefined until the worker has stored anything for the scope. */
  record: ScopeRecord | undefined
  /** Oldest first. */
  sessions: SessionRecord[]
  /** Each session's findings: those pinned to its events and captures, then those about it as a whole. */
  findings: ReadonlyMap<string, readonly Finding[]>
  /** Findings that belong to no session (e.g. a request that could not be decoded). */
  loose: readonly FindingRecord[]
}

/** Reads the scope again whenever `version` changes. */
export function useScopeData(source: DataSource, scope: Scope, version: number): Loaded<ScopeData> {
  return useLoaded(() => readScope(source, scope), [source, scope, version])
}

export async function readScope(source: DataSource, scope: Scope): Promise<ScopeData> {
  const [record, sessions, loose] = await Promise.all([source.getScope(scope), source.sessionsOf(scope), source.findingsOf(scope, '')])
  const pinned = await Promise.all(sessions.map((session) => source.findingsOf(scope, session.key)))
  const findings = new Map<string, readonly Finding[]>(
    sessions.map((session, i) => [session.key, [...(pinned[i] ?? []), ...session.openFindings]]),
  )
  return { record, sessions, findings, loose }
}
