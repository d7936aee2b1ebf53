import { ADOBE_DOCS } from './docs-links'
import { sessionName } from './describe'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'duplicate-session-end',
  severity: 'info',
  title: 'Session ended a second time',
  why:
    'Adobe documents a repeated sessionEnd as safe: the backend closes the session on the first and silently ' +
    'drops the rest. It often shows a player that tears down twice, though.',
  fix: 'Nothing is required. If the player ends sessions from two code paths, one of them can go.',
  docs: ADOBE_DOCS.sessionEnd,
  onEvent({ before, event }) {
    if (before === null || event.role !== 'end') return null
    if (before.state === 'ended') return { message: `${sessionName(before)} had already ended; this ${event.type} is dropped.` }
    if (before.state === 'expired' && before.expiry?.revealedBy) {
      return { message: `${sessionName(before)} had already expired; this ${event.type} is dropped.` }
    }
    return null
  },
}
export default rule
