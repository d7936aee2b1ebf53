import { appliedToLiveSession } from './conditions'
import { ADOBE_DOCS } from './docs-links'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'playhead-advanced-while-paused',
  severity: 'warning',
  title: 'The playhead advanced while playback was paused or buffering',
  why:
    'The playhead "does not advance during buffering, pausing, or an ad break". If it does, the player most ' +
    'likely resumed without sending play, and Adobe counts the time as paused.',
  fix: 'Send play when playback resumes after pauseStart or bufferStart.',
  docs: ADOBE_DOCS.mediaEdgeExamples,
  oncePerSession: true,
  onEvent(transition) {
    const { before, event } = transition
    if (!before || (before.playback !== 'paused' && before.playback !== 'buffering') || event.type === 'play') return null
    const playhead = event.asset === 'ad' ? null : event.playhead
    if (playhead === null || before.heldPlayhead === null || playhead <= before.heldPlayhead || !appliedToLiveSession(transition)) return null
    const since = before.playback === 'paused' ? 'pauseStart' : 'bufferStart'
    return { message: `${event.type} moved the playhead from ${before.heldPlayhead} to ${playhead} after ${since}, without a play in between (reported once per session).` }
  },
}
export default rule
