import { readingOf } from '../../protocols/tracking-event'
import { appliedToLiveSession } from './conditions'
import type { Rule } from './rule'

/** Credentials that require an authenticated player: `device` (the default) and its encrypted variant `secure`. */
const PLAYER_CREDENTIALS = new Set(['device', 'secure'])
/** Requests that authenticate a player, and so need none. */
const AUTHENTICATING = /^\.(?:Authentication|DeviceAuthentication|Registration)Request$|ConnectRequest$/

const rule: Rule = {
  id: 'gamesparks-request-before-authentication',
  severity: 'warning',
  title: 'GameSparks player request sent before the player authenticated',
  why:
    'The device credential "requires player authentication before requests can be sent": until an ' +
    'AuthenticationResponse (or the handshake) returns an authToken, the server answers player requests with ' +
    'error authentication: NOTAUTHORIZED, so events, analytics and the session end are not recorded for any player.',
  fix:
    'Authenticate first (DeviceAuthenticationRequest, AuthenticationRequest or a *ConnectRequest) and send player ' +
    'requests only after its response carries an authToken.',
  docs: 'https://docs.gamesparks.com/documentation/key-concepts/authentication.html',
  protocols: ['gamesparks'],
  oncePerSession: true,
  onEvent(transition) {
    const { event } = transition
    const reading = readingOf(event, 'gamesparks')
    if (!reading || reading.transport !== 'socket' || reading.direction !== 'send' || reading.kind !== 'request') return null
    // Before the handshake completes, gamesparks-request-before-handshake applies.
    if (reading.handshake !== 'complete' || reading.authenticated !== false) return null
    if (reading.credential === null || !PLAYER_CREDENTIALS.has(reading.credential)) return null
    if (reading.className === null || AUTHENTICATING.test(reading.className)) return null
    // After the session ended, event-after-session-end says what matters.
    if (!appliedToLiveSession(transition)) return null
    return { message: `${event.type} was sent on the ${reading.credential} credential before any player authenticated (no authToken yet): the server answers it NOTAUTHORIZED.` }
  },
}
export default rule
