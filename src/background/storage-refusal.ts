import type { PipelineLimits } from './pipeline-limits'
import type { Platform } from './platform'

/** After the browser refused a write for lack of space, the next try waits this long, doubling up to the max. */
const STORAGE_RETRY_MS = 1000
const STORAGE_RETRY_MAX_MS = 60_000

/** Whether the browser refuses writes for lack of space, and what memory holds meanwhile. */
export interface StorageRefusal {
  /** Since when writes are refused (null: they succeed). */
  readonly since: number | null
  /** How much longer than usual the next write waits. */
  readonly retryDelay: number
  /** Holds `chars` more characters unless that goes past the bound; false: it must be dropped. */
  hold(chars: number): boolean
  /** A write was refused; `held` tells what it would have stored, counted from the first refusal on. Returns since when. */
  refused(error: unknown, held: () => number): number
  /** A write succeeded; true when that ends a refusal. */
  succeeded(): boolean
}

export function storageRefusal(platform: Platform, limits: PipelineLimits): StorageRefusal {
  let since: number | null = null
  let retryDelay = 0
  /** While writes are refused: characters of bodies and frames held since, and HELD_PER_CAPTURE per new capture. */
  let heldChars = 0
  return {
    get since() {
      return since
    },
    get retryDelay() {
      return retryDelay
    },
    hold(chars) {
      if (heldChars + chars > limits.heldChars) return false
      heldChars += Math.max(0, chars)
      return true
    },
    refused(error, held) {
      if (since === null) {
        platform.log(error)
        heldChars = held()
      }
      since ??= platform.now()
      retryDelay = Math.min(Math.max(retryDelay * 2, STORAGE_RETRY_MS), STORAGE_RETRY_MAX_MS)
      return since
    },
    succeeded() {
      if (since === null) return false
      since = null
      retryDelay = 0
      heldChars = 0
      return true
    },
  }
}
