import { readingOf } from '../../protocols/tracking-event'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'gamesparks-response-without-request',
  severity: 'warning',
  title: 'GameSparks response to no pending request',
  why:
    'The SDKs route a response by its requestId to the request waiting for it. A response whose requestId no request ' +
    'on this socket is waiting for (never sent, or already answered) reaches no callback and is dropped.',
  fix: 'Check requestId handling: responses must echo the requestId of one request, once. Servers and emulators must not invent or repeat them.',
  docs: 'https://api.gamesparks.net/',
  protocols: ['gamesparks'],
  onEvent({ event }) {
    const reading = readingOf(event, 'gamesparks')
    if (!reading?.unmatchedResponse || reading.requestId === null) return null
    return { message: `${event.type} answers requestId ${JSON.stringify(reading.requestId)}, which no request on this socket is waiting for: no callback gets it.` }
  },
}
export default rule
