import { readingOf } from '../../protocols/tracking-event'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'gamesparks-analytics-end-without-start',
  severity: 'warning',
  title: 'GameSparks analytics timer ended without a start',
  why:
    'Timed analytics pair an AnalyticsRequest with start: true and one with end: true for the same key. "If an end ' +
    'request is sent without a matching start timer the request will fail silently and your analytics data might ' +
    'not contain what you expect."',
  fix: 'Send the start for the key first (start: true), then the end; check that both use exactly the same key.',
  docs: 'https://docs.gamesparks.com/api-documentation/request-api/analytics/analyticsrequest.html',
  protocols: ['gamesparks'],
  onEvent({ before, event }) {
    const analytics = readingOf(event, 'gamesparks')?.analytics
    if (!analytics || !analytics.end || analytics.start || before?.openTimers.includes(analytics.key ?? '')) return null
    return { message: `${event.type} ends the timer ${keyName(analytics.key)}, but no start for that key was sent before it in this session: GameSparks drops the end silently.` }
  },
}

function keyName(key: string | null): string {
  return key === null ? 'without a key' : JSON.stringify(key)
}
export default rule
