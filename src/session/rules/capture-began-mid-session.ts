import { ADOBE_DOCS } from './docs-links'
import { quoteId } from './describe'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'capture-began-mid-session',
  severity: 'info',
  title: 'The capture began in the middle of this session',
  why:
    'A capture that starts late (a proxy switched on during playback, the extension installed while a video ' +
    'played) holds sessions without their start. Nothing is wrong with such traffic, but the checks that need the ' +
    "start (the content's details, its length, the order of the first events) cannot be made. A session counts as " +
    'begun before the capture when its first event comes before any session start the capture saw for its ' +
    'protocol, or when the event shows its session already existed before the capture began (a heartbeat ' +
    'pointing back to an earlier call).',
  fix: 'Nothing to fix in the player. To check the whole session, start capturing before playback starts.',
  docs: ADOBE_DOCS.sessionStart,
  onEvent({ before, event, after }) {
    if (before !== null || after.idSource !== 'before-capture') return null
    return {
      message:
        `The capture has no start for session ${quoteId(event.sessionId)}: its first event here is ${event.type}, ` +
        'and the session began before the capture did.',
    }
  },
}
export default rule
