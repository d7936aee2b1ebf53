import { readingOf } from '../../protocols/tracking-event'
import { describe } from '../../protocols/describe-value'
import { matchingUnit } from '../../protocols/gamesparks/reading'
import { durationText } from '../../protocols/time-text'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'gamesparks-missing-session-duration',
  severity: 'warning',
  title: 'GameSparks EndSessionResponse without a usable sessionDuration',
  why:
    'EndSessionRequest records the end of the player\'s session, and its response reports "the length of this ' +
    'session" as the number sessionDuration. Without it, or with a value that is not a non-negative number, session ' +
    'length reports are wrong. The unit is not documented (one client reads it as milliseconds), so a value that ' +
    'matches the observed length in neither milliseconds nor seconds is noted as information.',
  fix:
    'Send EndSessionRequest on an authenticated, initialised socket and check the response. If a server or emulator ' +
    'answers it, have it return sessionDuration as a number.',
  docs: 'https://docs.gamesparks.com/api-documentation/request-api/analytics/endsessionrequest.html',
  protocols: ['gamesparks'],
  onEvent({ event, after }) {
    const end = readingOf(event, 'gamesparks')?.endSession
    if (!end) return null
    const { sessionDuration, observedMs } = end
    if (sessionDuration === undefined || sessionDuration === null) {
      return { message: `${event.type} carries no sessionDuration: the length of the session is not reported.` }
    }
    if (typeof sessionDuration !== 'number' || !Number.isFinite(sessionDuration) || sessionDuration < 0) {
      return { message: `${event.type} carries sessionDuration ${describe(sessionDuration)}, not a non-negative number: the length of the session is not reported.` }
    }
    if (observedMs === null || matchingUnit(sessionDuration, observedMs) !== null) return null
    // A client that reconnected to resume its session (the server issued the same session ID again) reports the
    // whole session, begun on an earlier socket.
    if (after.sawStart && matchingUnit(sessionDuration, event.observedAt - after.startedAt) !== null) return null
    return {
      severity: 'info',
      message:
        `sessionDuration ${sessionDuration} matches the session's observed length (${durationText(observedMs)}) neither as ` +
        'milliseconds nor as seconds. The unit is not documented; if the session began on an earlier socket, a longer value is expected.',
    }
  },
}
export default rule
