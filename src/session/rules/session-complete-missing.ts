import { ADOBE_MEDIA_PROTOCOLS } from '../../protocols/adobe-media/event'
import { isLiveContent } from '../../protocols/adobe-media/vocabulary'
import { appliedToLiveSession } from './conditions'
import { ADOBE_DOCS } from './docs-links'
import type { Rule } from './rule'

/** How close to the end counts as "watched to the end". */
const END_TOLERANCE_S = 1

const rule: Rule = {
  id: 'session-complete-missing',
  severity: 'warning',
  title: 'Content watched to the end but never completed',
  why: 'Completion is counted only from sessionComplete. A session that reaches the end of the content and then ends without it reports the view as abandoned.',
  fix: 'Send sessionComplete when playback reaches the end of the main content, then sessionEnd.',
  docs: ADOBE_DOCS.sessionOverview,
  protocols: ADOBE_MEDIA_PROTOCOLS,
  onEvent(transition) {
    const { before, event } = transition
    if (event.role !== 'end' || before?.state !== 'active' || !appliedToLiveSession(transition)) return null
    const { length, contentType } = before.summary
    const playhead = event.playhead ?? before.playhead
    if (isLiveContent(contentType) || length === undefined || length <= 0 || playhead === null || playhead < length - END_TOLERANCE_S) return null
    return { message: `sessionEnd at playhead ${playhead} of ${length} s without sessionComplete: the view counts as abandoned.` }
  },
}
export default rule
