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
    'Take the session ID from the sessionStart response and use it unchanged. An ID first seen after the capture ' +
    'saw a session start of the same protocol was not issued before the capture began, so the start is not simply ' +
    'missing from the capture.',
  docs: ADOBE_DOCS.mediaEdgeSessions,
  onEvent({ event, after }) {
    if (event.role === 'start' || event.sessionId === null || event.idIssuer !== 'server' || event.batch !== undefined) return null
    // Every event sent with the ID is lost, so each is reported. A session that began before the capture did
    // ('before-capture') has its own finding: its ID was issued where the capture cannot see.
    if (after.idSource !== 'unverified') return null
    return {
      message:
        `${event.type} uses session ID ${quoteId(event.sessionId)}, which no session start in this capture issued, ` +
        'although the capture saw tracking start before it. The vendor drops this event and every later one with it.',
    }
  },
}
export default rule
