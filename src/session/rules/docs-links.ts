/** Vendor pages that rules cite; one place, so a moved page is fixed once. */
const EXPERIENCE_LEAGUE = 'https://experienceleague.adobe.com/en/docs/media-analytics/using'
const MEDIA_EDGE = 'https://developer.adobe.com/data-collection-apis/docs'

export const ADOBE_DOCS = {
  mediaEdgeSessions: `${MEDIA_EDGE}/endpoints/media/sessions/`,
  mediaEdgeEndpoints: `${MEDIA_EDGE}/endpoints/media/`,
  mediaEdgeTroubleshooting: `${MEDIA_EDGE}/getting-started/troubleshooting/`,
  sessionEnd: `${EXPERIENCE_LEAGUE}/implementation/events/session/session-end`,
  sessionComplete: `${EXPERIENCE_LEAGUE}/implementation/events/session/session-complete`,
  timeouts: `${EXPERIENCE_LEAGUE}/implementation/media-collection-api/mc-api-impl/mc-api-timeout`,
  longSessions: 'https://developer.adobe.com/analytics-collection-apis/methods/media-collection/implementation/',
  queueing: `${EXPERIENCE_LEAGUE}/implementation/media-collection-api/mc-api-impl/mc-api-queuing`,
} as const
