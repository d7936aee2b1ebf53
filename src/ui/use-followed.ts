import { useEffect, useState } from 'preact/hooks'

/** A stored value the view re-reads whenever it changes. */
export interface Followed<T> {
  load(): Promise<T>
  /** Returns the function that stops listening. */
  onChanged(listener: () => void): () => void
}

/** A stored value, re-read whenever it changes; undefined until the first read or while it cannot be read. */
export function useFollowed<T>(source: Followed<T>): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined)
  useEffect(() => {
    let current = true
    const read = (): void => {
      source.load().then(
        (next) => {
          if (current) setValue(() => next)
        },
        // Unreadable storage keeps what was shown before.
        () => {},
      )
    }
    const stop = source.onChanged(read)
    read()
    return () => {
      current = false
      stop()
    }
  }, [source])
  return value
}
