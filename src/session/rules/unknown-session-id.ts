import { ADOBE_DOCS } from './docs-links'
import { quoteId } from './describe'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'unknown-session-id',
  severity: 'error',
  title: 'Event sent with a session ID that no session start issued',
  why:
    'The vendor accepts events only for session IDs it issued. "If you use a session ID that is either invalid ' +
    'or expired, that data is irretrievably lost."',
  fix:
    'Take the session ID from the sessionStart response and use it unchanged. If the capture began after the ' +
    'session started, capture again from before playback so the start is included.',
  docs: ADOBE_DOCS.mediaEdgeSessions,
  onEvent({ before, event }) {
    if (before !== null || event.role === 'start' || event.sessionId === null || event.idIssuer !== 'server' || event.batch !== undefined) return null
    return {
      message:
        `${event.type} uses session ID ${quoteId(event.sessionId)}, which no session start in this capture issued. ` +
        'If the ID is invalid, the vendor drops this event and every later one with it (if the capture began ' +
        'mid-session, the start is simply missing from it).',
    }
  },
}
export default rule
