import { readingOf } from '../../protocols/tracking-event'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'gamesparks-handshake-not-signed',
  severity: 'error',
  title: "GameSparks handshake not signed with the server's nonce",
  why:
    'The client proves it knows the API secret by answering the nonce the server sent with hmac = base64 ' +
    'HMAC-SHA256(nonce, apiSecret). An AuthenticatedConnectRequest sent without a nonce to sign, or with an empty ' +
    'hmac, cannot pass: the server issues no session ID, and nothing sent on the socket is carried out.',
  fix:
    'Wait for the AuthenticatedConnectResponse carrying a nonce, then send AuthenticatedConnectRequest with its HMAC; ' +
    'use the GameSparks SDK, which does this on connect.',
  docs: 'https://api.gamesparks.net/',
  protocols: ['gamesparks'],
  onEvent({ event }) {
    const signature = readingOf(event, 'gamesparks')?.signature
    if (!signature) return null
    const problems: string[] = []
    if (!signature.nonceSeen) problems.push('no nonce from the server came before it, so it has nothing to sign')
    // A missing hmac is a missing required field, reported by missing-required-field.
    if (signature.hmac === 'empty') problems.push('its hmac is empty')
    if (signature.hmac === 'not-a-string') problems.push('its hmac is not a string')
    if (problems.length === 0) return null
    return { message: `${event.type}: ${problems.join(', and ')}. The server refuses a handshake without the HMAC of its nonce.` }
  },
}
export default rule
