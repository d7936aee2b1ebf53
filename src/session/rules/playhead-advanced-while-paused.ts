import { ADOBE_MEDIA_PROTOCOLS } from '../../protocols/adobe-media/event'
import { adapterOf } from '../../protocols'
import type { TrackingEvent } from '../../protocols/tracking-event'
import type { Session } from '../session'
import { appliedToLiveSession } from './conditions'
import { ADOBE_DOCS } from './docs-links'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'playhead-advanced-while-paused',
  severity: 'warning',
  title: 'The playhead advanced while playback was paused, buffering or not yet started',
  why:
    'The playhead "does not advance during buffering, pausing, or an ad break", and before play the player is ' +
    '"not yet in the playing state". If pings show it advancing, the player most likely played without sending ' +
    'play, and Adobe counts the time as paused, or not at all. Only periodic calls are judged: the SDKs send a ' +
    'seek as pauseStart followed by play, so an event in between may carry where the seek went.',
  fix: 'Send play when playback starts, and again when it resumes after pauseStart or bufferStart.',
  docs: ADOBE_DOCS.mediaEdgeExamples,
  oncePerSession: true,
  protocols: ADOBE_MEDIA_PROTOCOLS,
  onEvent(transition) {
    const { before, event } = transition
    if (!before || !isPeriodic(event, before) || !appliedToLiveSession(transition)) return null
    const held = heldPlayhead(before)
    const playhead = event.asset === 'ad' ? null : event.playhead
    if (playhead === null || held === null || playhead <= held) return null
    const since = before.playback === 'starting' ? 'sessionStart' : before.playback === 'paused' ? 'pauseStart' : 'bufferStart'
    return { message: `${event.type} moved the playhead from ${held} to ${playhead} after ${since}, without a play in between (reported once per session).` }
  },
}

/** Where the playhead should still be: as held by a pause or a buffer, or where the session started; null while playing. */
function heldPlayhead(session: Session): number | null {
  if (session.playback === 'paused' || session.playback === 'buffering') return session.heldPlayhead
  return session.playback === 'starting' ? session.playhead : null
}

/** A ping, or a pause or buffer call repeated where the protocol sends that in place of pings (legacy heartbeats). */
function isPeriodic(event: TrackingEvent, before: Session): boolean {
  if (event.type === 'ping') return true
  if (!adapterOf(event.protocol).repeatsHeldStateAsPing) return false
  return (event.type === 'pauseStart' && before.playback === 'paused') || (event.type === 'bufferStart' && before.playback === 'buffering')
}
export default rule
