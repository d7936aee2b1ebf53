import { ADOBE_DOCS } from './docs-links'
import { expiryRule } from './expiry'

export default expiryRule('playhead-stalled', {
  id: 'session-expired-playhead-stalled',
  title: 'Event sent after the session expired because the playhead stood still for 30 minutes',
  why:
    'Adobe closes a session whose playhead has not moved for 30 minutes, even while pings keep arriving. ' +
    'Events sent afterwards with that session ID are dropped.',
  fix:
    'End the session (sessionEnd) when playback has been paused for a long time, and start a new one when the ' +
    'viewer resumes; re-send the player states after restarting.',
  docs: ADOBE_DOCS.timeouts,
})
