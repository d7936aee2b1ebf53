import { readingOf } from '../../protocols/tracking-event'
import { durationText } from '../../protocols/time-text'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'gamesparks-request-unanswered',
  severity: 'warning',
  title: 'GameSparks request not answered in time',
  why:
    'The SDKs wait a limited time for the response with a request\'s requestId: the JS SDK 32 s (then NO_RESPONSE), ' +
    'the C++ and C# SDKs 15 s by default or clientConfig.requestTimeout. A request still unanswered after that, ' +
    'while the socket went on, is reported to the game as failed, and a late answer reaches no callback.',
  fix: 'Check the server side (Cloud Code that never responds, overload), and handle NO_RESPONSE and timeouts in the game.',
  docs: 'https://api.gamesparks.net/',
  protocols: ['gamesparks'],
  onEvent({ event }) {
    const unanswered = readingOf(event, 'gamesparks')?.unanswered
    if (!unanswered) return null
    if (unanswered.answeredAfterMs !== null) {
      return { message: `${event.type} was answered only after ${durationText(unanswered.answeredAfterMs)}, later than the SDKs wait (${durationText(unanswered.timeoutMs)}): the game had already been told it failed.` }
    }
    return { message: `${event.type} got no response within ${durationText(unanswered.timeoutMs)}, although the socket went on: the SDK reports it as failed.` }
  },
}
export default rule
