/** Batches writes for this long, so a burst of requests costs one transaction. */
export const FLUSH_DELAY_MS = 25

/** The one timer of the next write: whatever stages a change schedules it, whatever must be stored now cancels it. */
export interface WriteBatcher {
  /** Writes what is pending after `delay` ms (by default the batching delay, longer while the disk refuses writes), or sooner if a write is due sooner already. */
  schedule(delay?: number): void
  /** Writes everything pending now; the scheduled write is not needed any more. */
  now(): Promise<void>
}

export function writeBatcher(
  run: <T>(job: () => Promise<T>) => Promise<T>,
  write: (everything: boolean) => Promise<void>,
  retryDelay: () => number,
  log: (error: unknown) => void,
): WriteBatcher {
  let timer: ReturnType<typeof setTimeout> | null = null
  /** When the timer fires (performance.now()). */
  let firesAt = Number.POSITIVE_INFINITY

  function cancel(): void {
    if (timer !== null) clearTimeout(timer)
    timer = null
    firesAt = Number.POSITIVE_INFINITY
  }

  return {
    schedule(delay = FLUSH_DELAY_MS + retryDelay()): void {
      const at = performance.now() + delay
      if (timer !== null && firesAt <= at) return
      cancel()
      firesAt = at
      timer = setTimeout(() => {
        timer = null
        firesAt = Number.POSITIVE_INFINITY
        run(() => write(false)).catch(log)
      }, delay)
    },
    now(): Promise<void> {
      cancel()
      return write(true)
    },
  }
}
