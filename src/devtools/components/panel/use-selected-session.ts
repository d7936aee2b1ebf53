import { useEffect, useState } from 'preact/hooks'
import type { SessionRecord } from '../../../store/records'

export interface SelectedSession {
  selected: SessionRecord | undefined
  choose(key: string | null): void
}

/** The session the user chose, or the default one once the scope is read; `loaded` tells that it is. */
export function useSelectedSession(sessions: readonly SessionRecord[], loaded: unknown): SelectedSession {
  const [chosenKey, setChosenKey] = useState<string | null>(null)
  const selected = sessions.find((session) => session.key === chosenKey) ?? defaultSession(sessions)
  useEffect(() => {
    // Pin the default, so sessions that arrive later do not pull the selection away from the user.
    if (selected?.key !== chosenKey && loaded) setChosenKey(selected?.key ?? null)
  }, [selected?.key, chosenKey, loaded])
  return { selected, choose: setChosenKey }
}

/** The first session with errors is what the user came for; otherwise the one that started last. */
function defaultSession(sessions: readonly SessionRecord[]): SessionRecord | undefined {
  return (
    sessions.find((session) => session.counts.errors > 0) ??
    sessions.reduce<SessionRecord | undefined>((latest, session) => (!latest || session.startedAt >= latest.startedAt ? session : latest), undefined)
  )
}
