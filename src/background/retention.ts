/**
 * Which tabs and imports to delete so the store keeps to the user's retention settings. Pure: the worker
 * gathers the facts (prune.ts) and deletes what this returns.
 *
 * Deletion is by whole scope. The engine judges a scope by replaying its capture log from the start, so
 * cutting the oldest requests out of a scope would change its findings; a whole scope goes the way the
 * Clear button takes it. Open tabs are the user's current work: age never removes them, only a limit does.
 */
import type { RetentionSettings } from '../session/user-settings'
import type { Scope, ScopeRecord } from '../store/records'

const DAY_MS = 24 * 60 * 60 * 1000

/** What retention needs to know of a stored scope. */
export interface RetentionCandidate {
  scope: Scope
  kind: ScopeRecord['kind']
  updatedAt: number
  /** Captures stored for the scope. */
  captures: number
  /** A tab the browser still has open (never true for imports). */
  open: boolean
}

export type RetentionReason = 'age' | 'tab-limit' | 'total-limit'

export interface RetentionDecision {
  scope: Scope
  reason: RetentionReason
  captures: number
}

/** The scopes to delete, each once with the first rule that removes it. */
export function decideRetention(candidates: readonly RetentionCandidate[], now: number, settings: RetentionSettings): RetentionDecision[] {
  const decisions: RetentionDecision[] = []
  const kept: RetentionCandidate[] = []
  const cutoff = now - settings.days * DAY_MS
  for (const candidate of candidates) {
    const reason = candidate.kind === 'tab' && candidate.captures > settings.maxCapturesPerTab ? 'tab-limit' : !candidate.open && candidate.updatedAt < cutoff ? 'age' : null
    if (reason === null) kept.push(candidate)
    else decisions.push({ scope: candidate.scope, reason, captures: candidate.captures })
  }
  let total = kept.reduce((sum, candidate) => sum + candidate.captures, 0)
  // Least recently updated first; open tabs only once nothing else is left to give.
  const byAge = [...kept].sort((a, b) => Number(a.open) - Number(b.open) || a.updatedAt - b.updatedAt || a.scope.localeCompare(b.scope))
  for (const candidate of byAge) {
    if (total <= settings.maxCapturesTotal) break
    decisions.push({ scope: candidate.scope, reason: 'total-limit', captures: candidate.captures })
    total -= candidate.captures
  }
  return decisions
}
