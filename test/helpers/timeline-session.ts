/**
 * A HAR replayed through the real engine, as the panel would read it back from the store: the events of its
 * (first) session as EventRecords in applied order, and that session's findings.
 */
import { readFileSync } from 'node:fs'
import type { Finding } from '../../src/session/finding'
import type { EventRecord } from '../../src/store/records'
import { fromHar } from '../../src/report/from-har'
import { replay } from '../../src/session/replay'

export interface ReplayedSession {
  sessionKey: string
  events: EventRecord[]
  findings: Finding[]
}

export function replayedSession(harPath: string, scope = 'import:test'): ReplayedSession {
  const har = fromHar(readFileSync(harPath, 'utf8'))
  const verdict = replay(har.captures, undefined, har.observedUntil)
  const session = verdict.sessions[0]
  if (!session) throw new Error(`${harPath} has no session`)
  const sessionKey = session.key
  const events = verdict.events
    .filter((result) => result.sessionKey === sessionKey)
    .sort((a, b) => a.position - b.position)
    .map(({ event, position }): EventRecord => {
      const { protocol, type, role, sessionId, playhead, clientTime, observedAt, details } = event
      return { scope, ...event.origin, sessionKey, position, protocol, type, role, sessionId, playhead, clientTime, observedAt, details }
    })
  return { sessionKey, events, findings: verdict.findings.filter((finding) => finding.sessionKey === sessionKey) }
}
