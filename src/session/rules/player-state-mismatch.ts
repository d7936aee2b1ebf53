import { ADOBE_MEDIA_PROTOCOLS } from '../../protocols/adobe-media/event'
import { appliedToLiveSession } from './conditions'
import { ADOBE_DOCS } from './docs-links'
import type { Rule } from './rule'

/** Adobe tracks at most this many distinct player states per session. */
const MAX_STATES = 10

const rule: Rule = {
  id: 'player-state-mismatch',
  severity: 'warning',
  title: 'A player state ended that never started, or too many states',
  why: 'Player states (fullscreen, mute, closed captions…) are tracked as start/end pairs, and Adobe keeps only the first 10 distinct states of a session.',
  fix: 'Start each state before ending it, and keep to at most 10 distinct states per session.',
  docs: ADOBE_DOCS.playerStates,
  protocols: ADOBE_MEDIA_PROTOCOLS,
  onEvent(transition) {
    const { before, event, after } = transition
    if (!event.states || before === null || !appliedToLiveSession(transition)) return null
    const notStarted = event.states.end.filter((name) => !before.states.includes(name))
    if (notStarted.length > 0) return { message: `${event.type} ends ${notStarted.map((n) => `"${n}"`).join(', ')}, which never started.` }
    if (after.statesSeen.length > MAX_STATES && before.statesSeen.length <= MAX_STATES) {
      return { message: `This is distinct player state number ${after.statesSeen.length}; Adobe keeps only the first ${MAX_STATES}.` }
    }
    return null
  },
}
export default rule
