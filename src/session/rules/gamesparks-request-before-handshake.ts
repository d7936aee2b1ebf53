import { readingOf } from '../../protocols/tracking-event'
import type { HandshakeStage } from '../../protocols/gamesparks/reading'
import type { Rule } from './rule'

const WHEN: Record<Exclude<HandshakeStage, 'complete' | 'rejected'>, string> = {
  'awaiting-nonce': 'before the server sent its handshake nonce',
  'awaiting-signature': 'before the client answered the handshake nonce',
  'awaiting-session': 'before the server issued a session ID',
}

const rule: Rule = {
  id: 'gamesparks-request-before-handshake',
  severity: 'error',
  title: 'GameSparks request sent before the handshake issued a session',
  why:
    'A GameSparks socket takes requests only after its handshake: the server sends a nonce, the client answers with ' +
    'an HMAC of it, and the server issues a session ID. The SDKs refuse to send before that (NOT_INITIALISED). A ' +
    'request sent earlier, or after the server refused the handshake, belongs to no session and is not carried out.',
  fix:
    "Send requests only after the AuthenticatedConnectResponse that carries a sessionId (the SDK's onInit or " +
    'GameSparksAvailable callback). If the server refused the handshake, fix the API key and secret rather than sending on.',
  docs: 'https://api.gamesparks.net/',
  protocols: ['gamesparks'],
  onEvent({ event }) {
    const reading = readingOf(event, 'gamesparks')
    if (!reading || reading.transport !== 'socket' || reading.direction !== 'send' || reading.className === '.AuthenticatedConnectRequest') return null
    const stage = reading.handshake
    if (stage === undefined || stage === 'complete') return null
    if (stage === 'rejected') {
      return { message: `${event.type} was sent after the server refused the handshake (${reading.handshakeError ?? 'an error'}): the socket has no session, so the request is not carried out.` }
    }
    return { message: `${event.type} was sent ${WHEN[stage]}: the socket has no session yet, so the request is not carried out.` }
  },
}
export default rule
