import { ADOBE_DOCS } from './docs-links'
import { quoteId } from './describe'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'session-id-adopted',
  severity: 'info',
  title: 'Session ID taken from the first event because the start response was not visible',
  why:
    'The session ID appears only in the start response. When the capture could not see that response (a proxy ' +
    'that drops bodies, a page that blocks the page hook), Sessionscope attributes the first new ID from the ' +
    'same tab to the pending start instead of reporting an unknown session.',
  fix: 'Nothing to fix in the player. Capture response bodies to have the ID checked against the response.',
  docs: ADOBE_DOCS.mediaEdgeSessions,
  onEvent({ before, event, after }) {
    if (before?.state !== 'pending' || after.idSource !== 'adopted' || before.sessionId !== null) return null
    return {
      message:
        `The start response was not visible, so session ID ${quoteId(event.sessionId)} (first used by ${event.type}) ` +
        'is assumed to be the one it issued.',
    }
  },
}
export default rule
