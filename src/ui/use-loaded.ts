/** Async reads as component state. */
import type { Inputs } from 'preact/hooks'
import { useEffect, useState } from 'preact/hooks'

export interface Loaded<T> {
  /** The last value read; kept while a re-read runs, so views do not flicker. */
  value: T | undefined
  /** Why the last read failed, or null. */
  error: string | null
}

/** Runs `load` whenever `inputs` change; a read that an input change made stale is dropped. */
export function useLoaded<T>(load: () => Promise<T>, inputs: Inputs): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ value: undefined, error: null })
  useEffect(() => {
    let current = true
    load().then(
      (value) => {
        if (current) setState({ value, error: null })
      },
      (error: unknown) => {
        if (current) setState((previous) => ({ value: previous.value, error: error instanceof Error ? error.message : String(error) }))
      },
    )
    return () => {
      current = false
    }
    // `load` is a fresh closure on every render; `inputs` says when it reads something different.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's inputs are the dependencies
  }, inputs)
  return state
}
