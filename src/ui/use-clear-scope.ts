import { useState } from 'preact/hooks'
import type { Scope } from '../store/records'
import type { DataSource } from './data-source'

export interface ClearScope {
  clearing: boolean
  /** Why the last action failed, or null; the view's other actions (an export) report theirs here too. */
  actionError: string | null
  setActionError(error: string | null): void
  clear(): Promise<void>
}

/** The Clear button's action: deletes the scope's data, then reads it again whatever happened. */
export function useClearScope(dataSource: DataSource, scope: Scope, reload: () => void, cleared: () => void = () => {}): ClearScope {
  const [clearing, setClearing] = useState(false)
  const [actionError, setActionError] = useState<string | null>(null)
  async function clear() {
    setClearing(true)
    setActionError(null)
    try {
      await dataSource.clearScope(scope)
      cleared()
    } catch (error) {
      setActionError(`Could not clear: ${error instanceof Error ? error.message : String(error)}`)
    } finally {
      setClearing(false)
      reload()
    }
  }
  return { clearing, actionError, setActionError, clear }
}
