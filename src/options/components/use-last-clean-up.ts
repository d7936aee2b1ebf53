import { useEffect, useState } from 'preact/hooks'
import type { RetentionReport } from '../../shared/retention-report'

/** What the worker's last retention clean-up removed, read again after each clean-up. */
export function useLastCleanUp(lastCleanUp?: () => Promise<RetentionReport | null>, onCleanUp?: (listener: () => void) => () => void): RetentionReport | null {
  const [cleanUp, setCleanUp] = useState<RetentionReport | null>(null)
  useEffect(() => {
    if (!lastCleanUp) return
    // Lowering the retention prunes at once: the line follows what the worker just removed.
    const read = (): void => void lastCleanUp().then(setCleanUp, () => setCleanUp(null))
    read()
    return onCleanUp?.(read)
  }, [lastCleanUp, onCleanUp])
  return cleanUp
}
