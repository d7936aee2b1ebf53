import { useState } from 'preact/hooks'
import type { Scope, ScopeRecord } from '../../../store/records'
import type { DataSource } from '../../../ui/data-source'

export interface TabClearing {
  /** The tab being cleared, or null. */
  clearing: Scope | null
  /** Why the last clear failed, or null. */
  clearError: string | null
  clear(record: ScopeRecord): Promise<void>
}

/** A row's Clear button: deletes the tab's data, then lists the tabs again whatever happened. */
export function useTabClearing(dataSource: DataSource, reload: () => void): TabClearing {
  const [clearing, setClearing] = useState<Scope | null>(null)
  const [clearError, setClearError] = useState<string | null>(null)
  async function clear(record: ScopeRecord) {
    setClearing(record.scope)
    setClearError(null)
    try {
      await dataSource.clearScope(record.scope)
    } catch (error) {
      setClearError(`Could not clear ${record.title || record.url || 'the tab'}: ${error instanceof Error ? error.message : String(error)}`)
    } finally {
      setClearing(null)
      reload()
    }
  }
  return { clearing, clearError, clear }
}
