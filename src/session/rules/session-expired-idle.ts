import { ADOBE_DOCS } from './docs-links'
import { expiryRule } from './expiry'

export default expiryRule('idle', {
  id: 'session-expired-idle',
  title: 'Event sent after the session expired for lack of events',
  why:
    'Adobe closes a session after 10 minutes without events. Every later event with that session ID is ' +
    'dropped without an error, so the rest of the viewing is missing from the reports.',
  fix:
    'Keep sending pings every 10 seconds while the player is open, including while paused or buffering. ' +
    'When the player comes back after a long background period, start a new session.',
  docs: ADOBE_DOCS.timeouts,
})
