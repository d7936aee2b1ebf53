import { readingOf } from '../../protocols/tracking-event'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'gamesparks-error-response',
  severity: 'info',
  title: 'GameSparks answered a request with an error',
  why:
    'Every GameSparks response may carry error, a map of what went wrong keyed by field (DETAILS: UNRECOGNISED, ' +
    'authentication: NOTAUTHORIZED…). The request was not carried out. The server decides this, so it is reported ' +
    'as information with the keys it gave.',
  fix: 'Read the error keys against the request\'s documentation page ("Error Codes") and fix the request or the state it assumes.',
  docs: 'https://docs.gamesparks.com/api-documentation/request-api/authentication/authenticationrequest.html',
  protocols: ['gamesparks'],
  onEvent({ event }) {
    const reading = readingOf(event, 'gamesparks')
    if (!reading?.error) return null
    // A refused handshake is a refused session start: session-start-rejected reports it.
    if (reading.className === '.AuthenticatedConnectResponse') return null
    if (reading.transport === 'socket' && (reading.direction !== 'receive' || reading.kind !== 'response')) return null
    return { message: `${event.type} ${reading.transport === 'socket' ? 'came back' : 'was answered'} with an error (${reading.error}): the request was not carried out.` }
  },
}
export default rule
