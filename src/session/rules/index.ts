/** The one registry of rules. Adding a rule is one file (named after its id) and one line here. */
import actionEventTypeMismatch from './action-event-type-mismatch'
import adBreakNotClosed from './ad-break-not-closed'
import adOutsideAdBreak from './ad-outside-ad-break'
import adOverlap from './ad-overlap'
import bodyTruncated from './body-truncated'
import captureBeganMidSession from './capture-began-mid-session'
import captureDropped from './capture-dropped'
import chapterNotStarted from './chapter-not-started'
import chapterOverlap from './chapter-overlap'
import customMetadataInvalid from './custom-metadata-invalid'
import duplicateSessionEnd from './duplicate-session-end'
import duplicateTimestamp from './duplicate-timestamp'
import eventAfterSessionComplete from './event-after-session-complete'
import eventAfterSessionEnd from './event-after-session-end'
import eventBeforeSessionStart from './event-before-session-start'
import eventRejectedByVendor from './event-rejected-by-vendor'
import gamesparksAnalyticsEndWithoutStart from './gamesparks-analytics-end-without-start'
import gamesparksAnalyticsStartAndEnd from './gamesparks-analytics-start-and-end'
import gamesparksAnalyticsTimerOpen from './gamesparks-analytics-timer-open'
import gamesparksEndSessionWithParams from './gamesparks-end-session-with-params'
import gamesparksErrorResponse from './gamesparks-error-response'
import gamesparksHandshakeNotSigned from './gamesparks-handshake-not-signed'
import gamesparksMissingSessionDuration from './gamesparks-missing-session-duration'
import gamesparksRequestBeforeAuthentication from './gamesparks-request-before-authentication'
import gamesparksRequestBeforeHandshake from './gamesparks-request-before-handshake'
import gamesparksRequestIdReused from './gamesparks-request-id-reused'
import gamesparksRequestUnanswered from './gamesparks-request-unanswered'
import gamesparksResponseWithoutRequest from './gamesparks-response-without-request'
import gamesparksSecretInUrl from './gamesparks-secret-in-url'
import invalidFieldValue from './invalid-field-value'
import missingRequiredField from './missing-required-field'
import paramsOnPing from './params-on-ping'
import pingIntervalTooLong from './ping-interval-too-long'
import playerStateMismatch from './player-state-mismatch'
import playheadAdvancedWhilePaused from './playhead-advanced-while-paused'
import playheadMovedDuringAdBreak from './playhead-moved-during-ad-break'
import playheadOutOfRange from './playhead-out-of-range'
import sessionCompleteMissing from './session-complete-missing'
import sessionExpiredIdle from './session-expired-idle'
import sessionExpiredPlayheadStalled from './session-expired-playhead-stalled'
import sessionIdAdopted from './session-id-adopted'
import sessionStartRepeated from './session-start-repeated'
import sessionStartRejected from './session-start-rejected'
import sessionTooOld from './session-too-old'
import timestampOutOfOrder from './timestamp-out-of-order'
import undecodableRequest from './undecodable-request'
import unknownEventType from './unknown-event-type'
import unknownSessionId from './unknown-session-id'
import videosdkAuthorizationPrefix from './videosdk-authorization-prefix'
import videosdkManagementTokenInBrowser from './videosdk-management-token-in-browser'
import videosdkMissingRoomId from './videosdk-missing-room-id'
import videosdkRequestNotJson from './videosdk-request-not-json'
import videosdkTokenExpired from './videosdk-token-expired'
import videosdkTokenInvalid from './videosdk-token-invalid'
import videosdkTokenNeverExpires from './videosdk-token-never-expires'
import type { Rule } from './rule'

/**
 * In report order for findings on the same event: the shape of the request, then the session lifecycle,
 * then order and timing, ads and chapters, playhead and player states.
 */
export const rules: readonly Rule[] = [
  undecodableRequest,
  captureDropped,
  bodyTruncated,
  missingRequiredField,
  invalidFieldValue,
  unknownEventType,
  actionEventTypeMismatch,
  customMetadataInvalid,
  paramsOnPing,
  unknownSessionId,
  captureBeganMidSession,
  eventBeforeSessionStart,
  eventAfterSessionEnd,
  duplicateSessionEnd,
  eventAfterSessionComplete,
  sessionExpiredIdle,
  sessionExpiredPlayheadStalled,
  sessionTooOld,
  sessionStartRejected,
  sessionIdAdopted,
  sessionStartRepeated,
  eventRejectedByVendor,
  sessionCompleteMissing,
  duplicateTimestamp,
  timestampOutOfOrder,
  pingIntervalTooLong,
  adOutsideAdBreak,
  adOverlap,
  adBreakNotClosed,
  chapterOverlap,
  chapterNotStarted,
  playheadOutOfRange,
  playheadMovedDuringAdBreak,
  playheadAdvancedWhilePaused,
  playerStateMismatch,
  // GameSparks
  gamesparksSecretInUrl,
  gamesparksRequestBeforeHandshake,
  gamesparksHandshakeNotSigned,
  gamesparksRequestBeforeAuthentication,
  gamesparksRequestIdReused,
  gamesparksResponseWithoutRequest,
  gamesparksRequestUnanswered,
  gamesparksErrorResponse,
  gamesparksEndSessionWithParams,
  gamesparksMissingSessionDuration,
  gamesparksAnalyticsEndWithoutStart,
  gamesparksAnalyticsStartAndEnd,
  gamesparksAnalyticsTimerOpen,
  // VideoSDK
  videosdkMissingRoomId,
  videosdkRequestNotJson,
  videosdkAuthorizationPrefix,
  videosdkTokenInvalid,
  videosdkTokenExpired,
  videosdkTokenNeverExpires,
  videosdkManagementTokenInBrowser,
]

export function ruleById(id: string): Rule | undefined {
  return rules.find((rule) => rule.id === id)
}
