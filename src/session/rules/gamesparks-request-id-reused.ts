import { readingOf } from '../../protocols/tracking-event'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'gamesparks-request-id-reused',
  severity: 'warning',
  title: 'GameSparks requestId used twice on one socket',
  why:
    'The SDKs match each response to its request by requestId. Two requests with the same requestId on one socket ' +
    'get their answers mixed up: one callback gets the other\'s response, the other gets none. Durable requests ' +
    '(requestId "d_…") are sent again after a reconnect by design, so they are not reported.',
  fix: 'Give every request a unique requestId; the SDKs use "<time>_<counter>". Let the SDK assign it.',
  docs: 'https://api.gamesparks.net/',
  protocols: ['gamesparks'],
  onEvent({ event }) {
    const reading = readingOf(event, 'gamesparks')
    if (!reading?.requestIdReused || reading.requestId === null) return null
    return { message: `${event.type} uses requestId ${JSON.stringify(reading.requestId)} again (first used in frame ${reading.requestIdReused.firstFrame}): responses to the two requests cannot be told apart.` }
  },
}
export default rule
