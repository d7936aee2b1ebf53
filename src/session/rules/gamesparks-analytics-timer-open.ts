import { readingOf } from '../../protocols/tracking-event'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'gamesparks-analytics-timer-open',
  severity: 'info',
  title: 'GameSparks analytics timer started again, or left open at the end of the session',
  why:
    '"If a second start timer is created using a key that has already had a start timer created without an end, the ' +
    'previous one will be marked as abandoned." A timer still open when the session ends has measured nothing yet. ' +
    'Either can be intended, so it is information.',
  fix: 'End each timer (end: true, same key) before starting it again, and before EndSessionRequest.',
  docs: 'https://docs.gamesparks.com/api-documentation/request-api/analytics/analyticsrequest.html',
  protocols: ['gamesparks'],
  onEvent({ before, event }) {
    const analytics = readingOf(event, 'gamesparks')?.analytics
    if (analytics?.start && before?.openTimers.includes(analytics.key ?? '')) {
      const key = analytics.key === null ? 'the timer without a key' : `timer ${JSON.stringify(analytics.key)}`
      return { message: `${event.type} starts ${key} again while it is open: GameSparks marks the earlier start as abandoned.` }
    }
    const open = event.role === 'end' && event.type === 'EndSessionRequest' ? (before?.openTimers ?? []).map((key) => (key === '' ? '(no key)' : key)) : []
    if (open.length > 0) {
      return { message: `The session ends with analytics ${open.length === 1 ? 'timer' : 'timers'} still open: ${open.map((key) => JSON.stringify(key)).join(', ')}. Without an end, no time is recorded for ${open.length === 1 ? 'it' : 'them'}.` }
    }
    return null
  },
}
export default rule
