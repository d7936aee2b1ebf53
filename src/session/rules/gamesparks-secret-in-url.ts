import { readingOf } from '../../protocols/tracking-event'
import type { Rule } from './rule'

/** System credentials that accept a `playerId` and act as that player. */
const IMPERSONATING = new Set(['server', 'server-send', 'debug'])

const rule: Rule = {
  id: 'gamesparks-secret-in-url',
  severity: 'error',
  title: "GameSparks credential secret in a request's URL",
  why:
    'The Requests REST API (`/rs/{credential}/{secret}/…`) and Cloud Code callbacks (`/callback/{apiKey}/{credential}/' +
    '{secret}/…`) carry the credential\'s secret in the URL. They are meant for server-to-server calls: called from a ' +
    'page, the secret is visible to anyone who opens the network panel, and the server and debug credentials accept a ' +
    'playerId, so whoever holds the secret can act as any player. The URL shape alone shows it, also in redacted exports.',
  fix:
    'Call the REST API and callbacks only from your own server. In the browser, use the WebSocket SDK with the device ' +
    'credential and authenticate the player. Reset the exposed secret (Configurator > Credentials).',
  docs: 'https://docs.gamesparks.com/api-documentation/rest-apis/',
  protocols: ['gamesparks'],
  onEvent({ event }) {
    const secret = readingOf(event, 'gamesparks')?.secretInUrl
    if (!secret) return null
    const credential = secret.credential ?? 'unnamed'
    const where = secret.path === 'rs' ? `/rs/${credential}/{secret}/…` : `/callback/{apiKey}/${credential}/{secret}/…`
    const impersonation = IMPERSONATING.has(credential) ? ` The ${credential} credential accepts any playerId, so the secret lets anyone act as any player.` : ''
    const what = secret.path === 'rs' ? `This ${event.type} REST call` : 'This Cloud Code callback'
    return { message: `${what} carries the ${credential} credential's secret in its URL (${where}), where any page script and anyone watching the traffic can read it.${impersonation}` }
  },
}
export default rule
