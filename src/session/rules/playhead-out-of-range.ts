import { isLiveContent } from '../../protocols/adobe-media/vocabulary'
import { appliedToLiveSession } from './conditions'
import { ADOBE_DOCS } from './docs-links'
import type { Rule } from './rule'

const SECONDS_PER_DAY = 86_400
/** Players round: a playhead one second past the length is still the end of the content. */
const LENGTH_TOLERANCE_S = 1

const rule: Rule = {
  id: 'playhead-out-of-range',
  severity: 'warning',
  title: 'Playhead outside the content',
  why:
    'The playhead is the position in the main content in seconds: between 0 and the content length for ' +
    'recorded content, the second of the day (0–86400) for live streams. A playhead outside that range (often ' +
    'milliseconds sent as seconds) breaks progress markers and completion rates.',
  fix: 'Send the main-content position in whole seconds; for live streams, the current second of the day.',
  docs: ADOBE_DOCS.mediaEdgeSessions,
  oncePerSession: true,
  onEvent(transition) {
    const { before, event, after } = transition
    const playhead = event.asset === 'ad' ? null : event.playhead
    // The start is judged too, against the content it announces.
    const judged = before === null ? event.role === 'start' && after.state === 'active' : appliedToLiveSession(transition)
    if (playhead === null || !judged) return null
    if (playhead < 0) return { message: `${event.type} has a negative playhead (${playhead}).` }
    const { contentType, length } = (before ?? after).summary
    if (isLiveContent(contentType)) {
      if (playhead >= SECONDS_PER_DAY) return { message: `${event.type} has playhead ${playhead}, but a live playhead is the second of the day (below 86400).` }
      return null
    }
    if (length !== undefined && length > 0 && playhead > length + LENGTH_TOLERANCE_S) {
      return { message: `${event.type} has playhead ${playhead}, beyond the content length of ${length} s (reported once per session).` }
    }
    return null
  },
}
export default rule
