/** A growing list as a costly view should follow it: not on every append. */
import { useEffect, useRef, useState } from 'preact/hooks'
import { extendsList } from './use-appended'

/**
 * `list`, but while it grows by appending it is passed on at most once per `everyMs`, in a task of its own, so the
 * view that draws it (the timeline chart of a session still loading) neither redraws for every chunk nor adds
 * its work to the task that took the chunk in. A first non-empty list, or a different one, is passed on at once.
 */
export function useThrottledList<T>(list: readonly T[], everyMs: number): readonly T[] {
  const [shown, setShown] = useState(list)
  const shownAt = useRef(0)
  const growing = shown.length > 0 && list !== shown && extendsList(shown, list)
  useEffect(() => {
    if (!growing) {
      if (list !== shown) setShown(list)
      return
    }
    const timer = setTimeout(
      () => {
        shownAt.current = performance.now()
        setShown(list)
      },
      Math.max(0, shownAt.current + everyMs - performance.now()),
    )
    return () => clearTimeout(timer)
  }, [list, shown, growing, everyMs])
  return growing ? shown : list
}
