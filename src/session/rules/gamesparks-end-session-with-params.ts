import { readingOf } from '../../protocols/tracking-event'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'gamesparks-end-session-with-params',
  severity: 'info',
  title: 'GameSparks EndSessionRequest with parameters it does not take',
  why:
    'EndSessionRequest documents no request parameters (an older revision had analyticsData, and a legacy client sent ' +
    'the handshake sessionId). Anything else is not part of the request: it often means data meant for another request.',
  fix: 'Send EndSessionRequest with requestId only; put game data in a LogEventRequest or AnalyticsRequest before it.',
  docs: 'https://docs.gamesparks.com/api-documentation/request-api/analytics/endsessionrequest.html',
  protocols: ['gamesparks'],
  onEvent({ event }) {
    const extra = readingOf(event, 'gamesparks')?.endSessionParams
    if (!extra || extra.length === 0) return null
    const names = extra.slice(0, 8).map((name) => JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name))
    return { message: `${event.type} carries ${names.join(', ')}${extra.length > 8 ? ` and ${extra.length - 8} more` : ''}: parameters it does not take.` }
  },
}
export default rule
