import { readingOf } from '../../protocols/tracking-event'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'gamesparks-analytics-start-and-end',
  severity: 'warning',
  title: 'GameSparks analytics request both starts and ends a timer',
  why:
    'An AnalyticsRequest with both start and end set "will be treated as a start timer": the timer opens instead of ' +
    'closing, and the time it should have measured is never recorded.',
  fix: 'Set start: true to open a timer and, in a later request for the same key, end: true to close it. Never both.',
  docs: 'https://docs.gamesparks.com/api-documentation/request-api/analytics/analyticsrequest.html',
  protocols: ['gamesparks'],
  onEvent({ event }) {
    const analytics = readingOf(event, 'gamesparks')?.analytics
    if (!analytics?.start || !analytics.end) return null
    const key = analytics.key === null ? 'without a key' : `for ${JSON.stringify(analytics.key)}`
    return { message: `${event.type} ${key} sets both start and end: GameSparks treats it as a start, so the timer opens instead of closing.` }
  },
}
export default rule
