import type { Scope } from './records'

/**
 * The keys of one scope in an index keyed `[scope, number, …]` (every store's `byScope`); with `from`, only those
 * whose number (a capture seq) is at least `from`.
 */
export function scopeRange(scope: Scope, from = Number.NEGATIVE_INFINITY): IDBKeyRange {
  return IDBKeyRange.bound([scope, from], [scope, Number.POSITIVE_INFINITY])
}
