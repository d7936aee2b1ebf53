import { reordersByTimestamp } from '../../protocols'
import { appliedToLiveSession } from './conditions'
import { ADOBE_DOCS } from './docs-links'
import { clock } from './describe'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'duplicate-timestamp',
  severity: 'info',
  title: 'Two consecutive events share a timestamp',
  why:
    "Adobe's backend orders a session's events by their timestamps and asks for consecutive events at least " +
    '1 ms apart: with equal timestamps, only arrival order decides, and parallel requests can arrive swapped. ' +
    "Adobe's own Web SDK stamps calls made together with the same millisecond, and a tie costs nothing while " +
    'the requests arrive in order; when they do not, the consequence (an ad outside its break, a pause after ' +
    'its play) is reported by its own rule. So this is information, once per shared timestamp. A sessionStart ' +
    'is not compared: the backend forwards it at once instead of ordering it with the rest.',
  fix: 'Keep consecutive events at least 1 ms apart, as Adobe\'s own examples do for events that happen at the same moment.',
  docs: ADOBE_DOCS.order,
  onEvent(transition) {
    const { before, event } = transition
    if (!reordersByTimestamp(event.protocol) || event.clientTime === null || !appliedToLiveSession(transition)) return null
    if (before?.lastClientTime !== event.clientTime) return null
    return { message: `${event.type} has the same timestamp as the event before it (${clock(event.clientTime)}).`, group: String(event.clientTime) }
  },
}
export default rule
