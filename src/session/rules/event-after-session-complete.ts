import { ADOBE_DOCS } from './docs-links'
import { sessionName } from './describe'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'event-after-session-complete',
  severity: 'info',
  title: 'Event sent after sessionComplete',
  why:
    'sessionComplete marks the end of the main content but leaves the session open: later events are still ' +
    'counted. That is allowed, but usually means the player kept tracking after the content finished.',
  fix: 'Send sessionEnd once the viewer leaves the finished content, and stop pinging after sessionComplete.',
  docs: ADOBE_DOCS.sessionComplete,
  onEvent({ before, event }) {
    if (before?.state !== 'completed' || event.role === 'end') return null
    return { message: `${event.type} was sent for ${sessionName(before)} after sessionComplete; the session is still open, so it counts.` }
  },
}
export default rule
