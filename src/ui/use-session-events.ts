/**
 * A session's events read in pages: the first page shows at once, the rest arrives in chunks appended to it, so
 * a 50,000-event session opens in a fraction of a second and never blocks the page for long.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import type { EventRecord, Scope } from '../store/records'
import type { DataSource } from './data-source'
import { packEvent } from './packed-details'

/** Enough rows to fill any panel, read in a few milliseconds. */
export const FIRST_PAGE = 1000
/** Deserializing a read is one task the page cannot split: this many stay a short one, even on a busy machine. */
export const CHUNK = 1000
/**
 * Reads go on back to back, but the view takes in what arrived only this often (or once PUBLISH_EVENTS wait): each
 * render costs the events since the last one plus a fixed part, and the fixed part is not paid once per read.
 */
export const PUBLISH_EVERY_MS = 200
/** …or once this many have arrived, so one render never takes in more than ~10 ms of indexing. */
export const PUBLISH_EVENTS = 5000

export interface SessionEvents {
  /** The session the list is of; null before anything was read. */
  key: string | null
  /** In applied order, details packed (packed-details.ts); grows chunk by chunk while loading. Each change is a new array that extends the last. */
  list: readonly EventRecord[]
  /** The first page is in: what the view needs to show something. */
  started: boolean
  /** Every stored event of the session is in the list. */
  complete: boolean
  error: string | null
}

const NOTHING: SessionEvents = { key: null, list: [], started: false, complete: false, error: null }

/**
 * The events of `sessionKey`, read page by page. When `version` changes (new captures) only the events after the
 * last one read are fetched and appended; a session that now has fewer events than were read (its scope was
 * replayed or pruned) is read again from the start.
 */
export function useSessionEvents(source: DataSource, scope: Scope, sessionKey: string | undefined, version: number, storedCount: number): SessionEvents {
  const [state, setState] = useState<SessionEvents>(NOTHING)
  // The effect continues from what is already in, without making `state` one of its inputs.
  const latest = useRef(state)
  latest.current = state
  // Nor the stored count: a new count comes with a new `version`, which is what asks for a read.
  const stored = useRef(storedCount)
  stored.current = storedCount

  useEffect(() => {
    if (sessionKey === undefined) {
      setState(NOTHING)
      return
    }
    let current = true
    const previous = latest.current
    const keep = previous.key === sessionKey && previous.list.length <= stored.current && previous.error === null
    let list = keep ? previous.list : []
    if (!keep) setState({ ...NOTHING, key: sessionKey })

    const read = (after: readonly EventRecord[]) => {
      const size = after.length === 0 ? FIRST_PAGE : CHUNK
      return source.eventsAfter(scope, sessionKey, after.at(-1)?.position ?? -Infinity, size).then((page) => ({ page, size }))
    }
    const run = async () => {
      let pending = read(list)
      let arrived: EventRecord[] = []
      let publishedAt = -Infinity
      for (;;) {
        const { page, size } = await pending
        if (!current) return
        const more = page.length === size
        // Ask for the next chunk at once: the store reads it while this one is taken in.
        if (more) pending = read(page)
        for (const event of page) arrived.push(packEvent(event))
        const now = performance.now()
        if (more && arrived.length < PUBLISH_EVENTS && now - publishedAt < PUBLISH_EVERY_MS) continue
        if (arrived.length > 0) list = list.concat(arrived)
        arrived = []
        publishedAt = now
        setState({ key: sessionKey, list, started: true, complete: !more, error: null })
        if (!more) return
      }
    }
    run().catch((error: unknown) => {
      if (current) setState((state) => ({ ...state, key: sessionKey, started: true, error: error instanceof Error ? error.message : String(error) }))
    })
    return () => {
      current = false
    }
  }, [source, scope, sessionKey, version])

  return state.key === (sessionKey ?? null) ? state : NOTHING
}
