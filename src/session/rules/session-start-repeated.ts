import { ADOBE_DOCS } from './docs-links'
import { sessionName } from './describe'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'session-start-repeated',
  severity: 'info',
  title: 'A start sent again for a session already started',
  why:
    'Where the client makes the session ID (legacy heartbeats: `s:event:sid`), the server files every call under ' +
    'that ID, so a `start` sent again with the same ID continues the same session rather than opening a new one. ' +
    'Heartbeat clients do resend `start` (after returning from the background, on a new asset in the same ' +
    'session); it loses nothing.',
  fix: 'Nothing to fix. A new viewing should get a new session ID.',
  docs: ADOBE_DOCS.heartbeatParams,
  onEvent({ before, event }) {
    if (before === null || event.role !== 'start' || event.idIssuer !== 'client' || !before.sawStart) return null
    return { group: 'start', message: `${event.type} was sent again for ${sessionName(before)}, which had already started; it joins that session.` }
  },
}
export default rule
