import { sessionEnding } from '../../protocols'
import type { Severity } from '../finding'
import type { Session } from '../session'
import { ADOBE_DOCS } from './docs-links'
import { clock, sessionName } from './describe'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'event-after-session-end',
  severity: 'error',
  title: 'Event sent for a session that already ended or expired',
  why:
    'Once a session has ended or expired, the vendor no longer accepts events for it: Adobe silently drops ' +
    'everything sent with the ID after sessionEnd or expiry, and nothing can use a deactivated VideoSDK room. ' +
    "For GameSparks, the server's handling of requests after EndSessionRequest is not documented, so it is a warning there.",
  fix:
    'Stop the tracker when you end the session (in the Web SDK tracker, call destroy()), and start a new session ' +
    'before tracking more playback or activity.',
  docs: ADOBE_DOCS.sessionEnd,
  docsByProtocol: {
    gamesparks: 'https://docs.gamesparks.com/api-documentation/request-api/analytics/endsessionrequest.html',
    videosdk: 'https://docs.videosdk.live/api-reference/realtime-communication/end-session',
  },
  onEvent({ before, event }) {
    // Only what the client asks the session to record is dropped: not a server's answer or push, nor a read of the
    // session's state (servers read a VideoSDK session after ending it to confirm the end).
    if (before === null || event.role === 'end' || event.observed) return null
    if (before.state === 'ended') {
      if (before.retired) return { severity: severityFor(before), message: `${event.type} was sent for ${sessionName(before)} after it was deactivated (${before.endedBy ?? 'ended'}): it can never be used again.` }
      return {
        severity: severityFor(before),
        message: `${event.type} was sent for ${sessionName(before)} after it ended with ${before.endedBy ?? 'its end'} at ${clock(before.endedAt ?? before.lastEventAt)}: the vendor drops it.`,
      }
    }
    if (before.state === 'expired' && before.expiry?.revealedBy) {
      return { severity: severityFor(before), message: `${event.type} was sent for ${sessionName(before)} after it expired at ${clock(before.expiry.at)}: the vendor drops it.` }
    }
    return null
  },
}

/** The vendor's consequence: documented loss, or a retired ID that nothing can use again; unverified or recoverable otherwise. */
function severityFor(session: Session): Severity {
  if (session.retired) return 'error'
  return sessionEnding(session.protocol).laterEvents === 'dropped' ? 'error' : 'warning'
}
export default rule
