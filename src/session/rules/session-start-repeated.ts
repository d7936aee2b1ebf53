import { ADOBE_DOCS } from './docs-links'
import { sessionName } from './describe'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'session-start-repeated',
  severity: 'info',
  title: 'A start sent as new for a session already started',
  why:
    'Where the client makes the session ID (legacy heartbeats: `s:event:sid`), the server files every call under ' +
    'that ID, so a `start` sent again with the same ID continues the same session rather than opening a new one. ' +
    'The heartbeat SDKs send `start` again themselves, pointing back to the first (`l:event:prev_ts`): that is ' +
    'normal and not reported. A `start` that points back to none (prev_ts -1) was meant to begin a new viewing, ' +
    'but the server counts it as part of the session already under way.',
  fix: 'Give each new viewing a new session ID.',
  docs: ADOBE_DOCS.heartbeatParams,
  onEvent({ before, event }) {
    // A start that points back to an earlier one is the SDK's own repeat.
    if (before === null || event.role !== 'start' || event.idIssuer !== 'client' || !before.sawStart || event.sessionSince !== undefined) return null
    return {
      group: 'start',
      message: `${event.type} was sent as the start of a new viewing for ${sessionName(before)}, which had already started: the server counts it as part of that session.`,
    }
  },
}
export default rule
