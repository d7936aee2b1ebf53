import { appliedToLiveSession, rejectionExplained } from './conditions'
import { ADOBE_DOCS, VIDEOSDK_DOCS } from './docs-links'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'event-rejected-by-vendor',
  severity: 'error',
  title: 'The vendor refused an event of a session that looked healthy',
  why:
    'The response says the event was not recorded (400 invalid, 404 unknown session, 410 closed session), ' +
    "although the session looks open from the traffic. Reported only where Sessionscope's own findings do not " +
    'already explain the refusal. A refusal the client is meant to retry (429 or a 5xx: "recipients of 503 errors ' +
    'may retry the request") is information: the SDKs send the same event again, and the retry is what is recorded.',
  fix: 'Read the reason in the message; a 404 or 410 means the session must be restarted with a new sessionStart.',
  docs: ADOBE_DOCS.collectionEventsRequest,
  docsByProtocol: { 'adobe-media-edge': ADOBE_DOCS.mediaEdgeTroubleshooting, videosdk: VIDEOSDK_DOCS.intro },
  onEvent(transition) {
    const { event } = transition
    if (!event.vendorRejection || !appliedToLiveSession(transition)) return null
    // A missing field, a bad value or an unknown type already explains a 400.
    if (event.missingFields.length > 0 || !event.typeKnown || event.invalidFields.some((issue) => issue.severity === 'error')) return null
    // A refusal the request's own faults explain has its finding from the protocol's rules.
    if (rejectionExplained(event)) return null
    if (retryable(event.vendorRejection.status)) {
      return {
        severity: 'info',
        message: `The vendor answered ${event.type} with ${event.vendorRejection.reason}, asking for a retry: the event is recorded once the client sends it again.`,
      }
    }
    return { message: `The vendor answered ${event.type} with ${event.vendorRejection.reason}: the event was not recorded.` }
  },
}
/** Statuses that ask the client to try again later (too many requests, a server or gateway momentarily failing). */
function retryable(status: number): boolean {
  return status === 429 || status >= 500
}
export default rule
