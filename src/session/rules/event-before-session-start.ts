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
    'sessionStart is discarded as a whole. A session whose first events came before any start the capture saw is ' +
    'taken to have begun before the capture, unless its own first start comes later.',
  fix: 'Start the session first and queue the events raised before it; send the queue after the start, in order.',
  docs: ADOBE_DOCS.sessionStart,
  onEvent({ before, event, after }) {
    if (event.role === 'start') {
      // The session's first start (it points back to no earlier one) after calls that were taken for a capture
      // begun mid-session: those calls came before the session started.
      if (before === null || event.idIssuer !== 'client' || before.idSource !== 'before-capture' || before.sawStart || event.sessionSince !== undefined) return null
      return {
        message:
          `This is the first start of session ${quoteId(event.sessionId)} (l:event:prev_ts shows no earlier one), ` +
          `yet ${before.events} ${before.events === 1 ? 'call' : 'calls'} of the session came before it: they were dropped.`,
      }
    }
    if (before !== null) return null
    if (event.batch !== undefined) return { message: `This offline batch begins with ${event.type}, not sessionStart: the whole batch is discarded.` }
    if (event.idIssuer !== 'client' || after.idSource === 'before-capture') return null
    return { message: `${event.type} was sent for session ${quoteId(event.sessionId)} before that session's start.` }
  },
}
export default rule
