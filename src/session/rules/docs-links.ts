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
  sessionStart: `${EXPERIENCE_LEAGUE}/implementation/events/session/session-start`,
  sessionOverview: `${EXPERIENCE_LEAGUE}/implementation/events/session/overview`,
  ads: `${EXPERIENCE_LEAGUE}/implementation/events/ads/overview`,
  chapters: `${EXPERIENCE_LEAGUE}/implementation/events/chapters/chapter-start`,
  ping: `${EXPERIENCE_LEAGUE}/implementation/events/playback/ping`,
  pingCadence: `${EXPERIENCE_LEAGUE}/implementation/media-collection-api/mc-api-impl/mc-api-sed-pings`,
  order: `${EXPERIENCE_LEAGUE}/implementation/media-collection-api/mc-api-impl/mc-api-ctrl-order`,
  playerStates: `${EXPERIENCE_LEAGUE}/implementation/events/player-state/overview`,
  customMetadata: `${EXPERIENCE_LEAGUE}/implementation/media-collection-api/mc-api-impl/mc-api-custom-meta`,
  collectionValidation: `${EXPERIENCE_LEAGUE}/implementation/media-collection-api/mc-api-impl/mc-api-validate-reqs`,
  collectionEvents: 'https://developer.adobe.com/analytics-collection-apis/methods/media-collection/events/',
  collectionEventsRequest: `${EXPERIENCE_LEAGUE}/implementation/media-collection-api/mc-api-ref/mc-api-events-req`,
  mediaEdgeExamples: `${MEDIA_EDGE}/getting-started/media-edge-examples/`,
  heartbeatParams: `${EXPERIENCE_LEAGUE}/legacy-implementations/validation/heartbeat-params`,
} as const

/** The VideoSDK documentation behind the rules. */
export const VIDEOSDK_DOCS = {
  intro: 'https://docs.videosdk.live/api-reference/realtime-communication/intro',
  endSession: 'https://docs.videosdk.live/api-reference/realtime-communication/end-session',
  serverSetup: 'https://docs.videosdk.live/javascript/guide/video-and-audio-calling-api-sdk/server-setup',
  errorCodes: 'https://docs.videosdk.live/javascript/api/sdk-reference/error-codes',
  roomManagement: 'https://docs.videosdk.live/understanding-videosdk/rooms-participants-streams/room-management',
} as const
