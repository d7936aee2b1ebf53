import { reordersByTimestamp } from '../../protocols'
import { appliedToLiveSession } from './conditions'
import { ADOBE_DOCS } from './docs-links'
import { clock } from './describe'
import { durationText } from '../../protocols/time-text'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'timestamp-out-of-order',
  severity: 'warning',
  title: 'An event arrived after events with later timestamps, too late to be reordered',
  why:
    "Adobe's backend reorders a session only within a short window (5 s or 10 events) before processing it. " +
    'An event that arrives later than that is processed out of order, and the durations around it are wrong. ' +
    'Parallel requests that arrive slightly out of order are repaired by the backend and are not reported.',
  fix: 'Send events in the order they happen; queue events raised before the session ID arrives and send them in order.',
  docs: ADOBE_DOCS.order,
  onEvent(transition) {
    const { before, event } = transition
    if (!reordersByTimestamp(event.protocol) || event.role === 'start' || event.clientTime === null || !appliedToLiveSession(transition)) return null
    if (before?.maxClientTime == null || event.clientTime >= before.maxClientTime) return null
    return {
      message:
        `${event.type} (timestamp ${clock(event.clientTime)}) arrived after an event stamped ` +
        `${durationText(before.maxClientTime - event.clientTime)} later, outside the window in which the backend reorders.`,
    }
  },
}
export default rule
