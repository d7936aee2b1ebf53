import { rejectionExplained } from './conditions'
import { ADOBE_DOCS } from './docs-links'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'session-start-rejected',
  severity: 'error',
  title: 'The vendor refused to start the session',
  why:
    'A session start answered without a session ID (for the Media Edge API: a 207 with errors[] and no ' +
    'media-analytics:new-session handle) creates no session, so nothing the player sends for it is recorded.',
  fix: 'Fix the fields named in the response errors, and check that Media Analytics is enabled on the datastream.',
  docs: ADOBE_DOCS.mediaEdgeSessions,
  docsByProtocol: { gamesparks: 'https://api.gamesparks.net/', videosdk: 'https://docs.videosdk.live/api-reference/realtime-communication/create-room' },
  onEvent({ event }) {
    if (event.role !== 'start' || event.start?.kind !== 'rejected') return null
    // A refusal the request's own faults explain has its finding from the protocol's rules.
    if (rejectionExplained(event)) return null
    return { message: `${event.type} was refused: ${event.start.reason}. No session ID was issued.` }
  },
}
export default rule
