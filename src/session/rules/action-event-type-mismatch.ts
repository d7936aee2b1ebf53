import { ADOBE_MEDIA_PROTOCOLS } from '../../protocols/adobe-media/event'
import { ADOBE_DOCS } from './docs-links'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'action-event-type-mismatch',
  severity: 'error',
  title: 'The URL names a different event than the body',
  why:
    'Each Media Edge endpoint accepts exactly one event type ("always set this property to media.<action> for ' +
    'this endpoint"), and the Media Collection API takes sessionStart only at /api/v1/sessions and every other ' +
    'event only at /sessions/{id}/events. A body that does not match its endpoint is rejected or counted as the wrong event.',
  fix: 'Post each event to the endpoint of its own type: media.play to /va/v1/play, media.ping to /va/v1/ping; sessionStart to /api/v1/sessions.',
  docs: ADOBE_DOCS.mediaEdgeSessions,
  protocols: ADOBE_MEDIA_PROTOCOLS,
  onEvent({ event }) {
    if (event.urlAction === undefined || event.urlAction === event.type) return null
    if (event.missingFields.includes('eventType')) return null
    return { message: `The request went to the ${event.urlAction} endpoint, but its body carries ${event.type}.`, group: `${event.urlAction} ${event.type}` }
  },
}
export default rule
