/** Re-reading on change notices, shared by the panel and the popup. */
import { useCallback, useEffect, useState } from 'preact/hooks'
import type { Scope } from '../store/records'
import type { DataSource } from './data-source'

/** The worker flushes in bursts; one re-read per burst is enough. */
export const RELOAD_DELAY_MS = 100

/**
 * A number that grows each time the view should re-read `scope`: after change notices that list it (or any
 * scope `scope` accepts, when it is a test; at most one re-read per RELOAD_DELAY_MS), or when `reload` is
 * called. Loads list it among their inputs.
 */
export function useChangeVersion(source: DataSource, scope: Scope | ((scope: Scope) => boolean)): [version: number, reload: () => void] {
  const [version, setVersion] = useState(0)
  const reload = useCallback(() => setVersion((value) => value + 1), [])
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const stop = source.onChanges((notice) => {
      if (!Array.isArray(notice?.scopes) || !notice.scopes.some((changed) => (typeof scope === 'function' ? scope(changed) : changed === scope))) return
      // Throttle rather than debounce: a page that never stops sending must still refresh the view.
      timer ??= setTimeout(() => {
        timer = undefined
        reload()
      }, RELOAD_DELAY_MS)
    })
    return () => {
      clearTimeout(timer)
      stop()
    }
  }, [source, scope, reload])
  return [version, reload]
}
