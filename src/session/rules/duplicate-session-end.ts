import { sessionEnding } from '../../protocols'
import { ADOBE_DOCS } from './docs-links'
import { sessionName } from './describe'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'duplicate-session-end',
  severity: 'info',
  title: 'Session ended a second time',
  why:
    'Adobe documents a repeated sessionEnd as safe: the backend closes the session on the first and silently ' +
    'drops the rest. VideoSDK answers an end for an already-ended session with an error unless told to tolerate ' +
    "it, and a second GameSparks EndSessionRequest is undocumented, so there it is a warning. It often shows a " +
    'client that tears down twice.',
  fix: 'End each session from one code path only.',
  docs: ADOBE_DOCS.sessionEnd,
  docsByProtocol: {
    gamesparks: 'https://docs.gamesparks.com/api-documentation/request-api/analytics/endsessionrequest.html',
    videosdk: 'https://docs.videosdk.live/api-reference/realtime-communication/end-session',
  },
  onEvent({ before, event }) {
    if (before === null || event.role !== 'end') return null
    // A read that shows the session ended observes the end; deactivating a VideoSDK room whose session ended
    // retires the room (the documented clean-up), it does not end the session again.
    if (event.observed || (event.retiresId && !before.retired)) return null
    // Only a backend documented to drop the repeat quietly makes it harmless.
    const severity = sessionEnding(event.protocol).repeatedEnd === 'dropped' ? 'info' : 'warning'
    if (before.state === 'ended') return { severity, message: `${sessionName(before)} had already ended; this ${event.type} ${severity === 'info' ? 'is dropped' : 'ends nothing'}.` }
    if (before.state === 'expired' && before.expiry?.revealedBy) {
      return { severity, message: `${sessionName(before)} had already expired; this ${event.type} ${severity === 'info' ? 'is dropped' : 'ends nothing'}.` }
    }
    return null
  },
}
export default rule
