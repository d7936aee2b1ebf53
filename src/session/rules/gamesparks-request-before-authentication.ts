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
    const facts = event.gamesparks
    if (!facts || facts.transport !== 'socket' || facts.direction !== 'send' || facts.kind !== 'request') return null
    // Before the handshake completes, gamesparks-request-before-handshake applies.
    if (facts.handshake !== 'complete' || facts.authenticated !== false) return null
    if (facts.credential === null || !PLAYER_CREDENTIALS.has(facts.credential)) return null
    if (facts.className === null || AUTHENTICATING.test(facts.className)) return null
    // After the session ended, event-after-session-end says what matters.
    if (!appliedToLiveSession(transition)) return null
    return { message: `${event.type} was sent on the ${facts.credential} credential before any player authenticated (no authToken yet): the server answers it NOTAUTHORIZED.` }
  },
}
export default rule
