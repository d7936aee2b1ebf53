import { ADOBE_DOCS } from './docs-links'
import { quoteId } from './describe'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'event-before-session-start',
  severity: 'error',
  title: 'Event sent before its session started',
  why:
    'sessionStart must be the first event of a session. Where the client creates the session ID (legacy ' +
    'heartbeats), events sent before the start are dropped; an offline batch that does not begin with ' +
    'sessionStart is discarded as a whole.',
  fix: 'Start the session first and queue the events raised before it; send the queue after the start, in order.',
  docs: ADOBE_DOCS.sessionStart,
  onEvent({ before, event }) {
    if (before !== null || event.role === 'start') return null
    if (event.batch !== undefined) return { message: `This offline batch begins with ${event.type}, not sessionStart: the whole batch is discarded.` }
    if (event.idIssuer !== 'client') return null
    return { message: `${event.type} was sent for session ${quoteId(event.sessionId)} before that session's start.` }
  },
}
export default rule
