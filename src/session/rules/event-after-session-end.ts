import { ADOBE_DOCS } from './docs-links'
import { clock, sessionName } from './describe'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'event-after-session-end',
  severity: 'error',
  title: 'Event sent for a session that already ended or expired',
  why:
    'sessionEnd closes a session for good, and an expired session is just as closed. The vendor silently drops ' +
    'every later event sent with that session ID, so the reports miss them.',
  fix:
    'Stop the tracker when you end the session (in the Web SDK tracker, call destroy()), and start a new session ' +
    'before tracking more playback.',
  docs: ADOBE_DOCS.sessionEnd,
  onEvent({ before, event }) {
    if (before === null || event.role === 'end') return null
    if (before.state === 'ended') {
      return {
        message:
          `${event.type} was sent for ${sessionName(before)} after it ended with sessionEnd at ` +
          `${clock(before.endedAt ?? before.lastEventAt)}: the vendor drops it.`,
      }
    }
    if (before.state === 'expired' && before.expiry?.revealedBy) {
      return {
        message: `${event.type} was sent for ${sessionName(before)} after it expired at ${clock(before.expiry.at)}: the vendor drops it.`,
      }
    }
    return null
  },
}
export default rule
