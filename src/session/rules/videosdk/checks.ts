/**
 * What is wrong with one VideoSDK request, judged from the reading its adapter worked out (src/protocols/videosdk/).
 * The VideoSDK rules report these one each; `explainsRejection` tells the shared rules about refusals
 * (rejectionExplained in conditions.ts) that a refusal is already explained. Messages use only what a redacted export keeps (scheme, token header and
 * claims, room IDs), so linting an export gives the same findings. Pure.
 */
import type { VideoSdkEndpoint, VideoSdkReading } from '../../../protocols/videosdk/reading'
import { isJoinEndpoint } from '../../../protocols/videosdk/reading'

export interface TokenProblem {
  severity: 'error' | 'warning'
  /** A clause that reads after "The token of endSession …" is replaced by the rule's own lead. */
  text: string
}

/** A token minted a little ahead of the observer's clock is normal; this much is not. */
const IAT_SKEW_MS = 5 * 60_000
const PERMISSIONS = new Set(['allow_join', 'ask_join', 'allow_mod'])
/** Operations that act on one room and cannot without naming it. */
const ROOM_OPERATIONS: ReadonlySet<VideoSdkEndpoint> = new Set(['end-session', 'remove-participant', 'deactivate-room', 'init-config', 'signalling-socket'])
/** Operations sent as POST with JSON parameters. */
const JSON_POSTS: ReadonlySet<VideoSdkEndpoint> = new Set(['create-room', 'deactivate-room', 'end-session', 'remove-participant', 'init-config'])

/** The scheme written before the token in Authorization ("Bearer", "Basic"), or null. */
export function authorizationScheme(reading: VideoSdkReading): string | null {
  return reading.token.state === 'sent' && reading.token.carrier === 'authorization' ? reading.token.scheme : null
}

/** Everything that makes the token unusable (errors) or not what was meant (warnings), expiry and exp aside. */
export function tokenProblems(reading: VideoSdkReading): TokenProblem[] {
  const { token } = reading
  const where = token.carrier === 'authorization' ? 'the Authorization header' : "the socket URL's secret"
  if (token.state === 'not-visible') return []
  if (token.state === 'missing') return [{ severity: 'error', text: token.carrier === 'authorization' ? 'no Authorization header was sent' : 'the socket URL has no secret' }]
  if (token.state === 'empty') return [{ severity: 'error', text: `${where} is empty` }]
  if (!token.jwt.ok) return [{ severity: 'error', text: `${where} is not a JWT: ${token.jwt.reason}` }]
  const { header, payload } = token.jwt
  const problems: TokenProblem[] = []
  const error = (text: string): void => void problems.push({ severity: 'error', text })
  const alg = header.alg
  if (alg !== 'HS256') error(typeof alg === 'string' ? `it is signed with ${alg}, not HS256` : 'its header names no alg (VideoSDK tokens are HS256)')
  if (typeof payload.apikey !== 'string' || payload.apikey === '') error('its payload has no apikey')
  const permissions = payload.permissions
  if (permissions === undefined) error('its payload has no permissions')
  else if (!Array.isArray(permissions) || permissions.length === 0 || !permissions.every((p) => typeof p === 'string' && PERMISSIONS.has(p))) {
    error('its permissions are not a list of allow_join, ask_join and allow_mod')
  } else if (permissions.includes('ask_join') && (permissions.includes('allow_join') || permissions.includes('allow_mod'))) {
    error('its permissions mix ask_join with allow_join or allow_mod (error 4008 INVALID_PERMISSIONS)')
  }
  if (payload.exp !== undefined && !isFiniteNumber(payload.exp)) error('its exp is not a number of seconds')
  const scopedRoom = payload.roomId
  const room = reading.requestRoom
  if (typeof scopedRoom === 'string' && room && (room.field === 'roomId' || room.field === 'meetingId') && room.id !== scopedRoom) {
    error(`it is scoped to room "${scopedRoom}" but the request is for room "${room.id}" (error 4022 UNAUTHORIZED_MEETING_ID)`)
  }
  const roles = rolesOf(payload)
  const join = isJoinEndpoint(reading.endpoint)
  if (!join && roles.includes('rtc') && !roles.includes('crawler')) error('its role rtc only runs meetings; the v2 REST API needs a crawler token')
  if (join && roles.includes('crawler') && !roles.includes('rtc')) error('its role crawler only reaches the v2 REST API; it cannot join a meeting')
  const scoped = ['roomId', 'participantId', 'roles'].filter((claim) => payload[claim] !== undefined)
  if (scoped.length > 0 && payload.version !== 2) {
    const list = scoped.length === 1 ? `a ${scoped[0]} claim` : `${scoped.join(', ')} claims`
    problems.push({ severity: 'warning', text: `it has ${list} but no version 2, without which VideoSDK does not apply ${scoped.length === 1 ? 'it' : 'them'}` })
  }
  if (isFiniteNumber(payload.iat) && payload.iat * 1000 > reading.requestTime + IAT_SKEW_MS) {
    problems.push({ severity: 'warning', text: `it was issued at ${new Date(payload.iat * 1000).toISOString()}, after the request was sent: the minting server's clock is ahead` })
  }
  return problems
}

/** When the token expired, if it had by the time of the request (VideoSDK refuses it once now ≥ exp). */
export function tokenExpiredAt(reading: VideoSdkReading): number | null {
  const exp = claims(reading)?.exp
  if (!isFiniteNumber(exp)) return null
  return exp * 1000 <= reading.requestTime ? exp * 1000 : null
}

/** True when the token is readable and has no exp claim at all. */
export function tokenNeverExpires(reading: VideoSdkReading): boolean {
  const payload = claims(reading)
  return payload !== null && payload.exp === undefined
}

/** Why an operation on one room does not name it, or null. */
export function roomProblem(reading: VideoSdkReading): string | null {
  if (!ROOM_OPERATIONS.has(reading.endpoint)) return null
  const room = reading.requestRoom
  if (reading.endpoint === 'signalling-socket') return room === null ? 'its URL has no roomId' : null
  if (room === null) return reading.body === 'not-visible' ? null : reading.body === 'none' ? 'it has no body, so no roomId' : 'its body has no roomId (nor meetingId)'
  if (reading.endpoint === 'deactivate-room' && room.field === 'customRoomId') return 'its body names the room by customRoomId, which deactivate refuses (402): it needs the roomId'
  return null
}

/** Why a POST is not sent as JSON, or null. */
export function bodyProblem(reading: VideoSdkReading): string | null {
  if (!JSON_POSTS.has(reading.endpoint)) return null
  const type = reading.contentType
  const json = type !== null && /^application\/json\s*(;|$)/i.test(type)
  const header = type === null ? 'no Content-Type header' : `Content-Type ${type}`
  if (reading.body === 'not-json') return json ? 'its body is not a JSON object' : `its body is not a JSON object, sent with ${header}`
  // All of create room's parameters are optional: a bare POST sends nothing to misread.
  if (json || (reading.endpoint === 'create-room' && reading.body === 'none')) return null
  return `it is sent with ${header}, not application/json`
}

/** A crawler token, or a v2 token without roles, reaches the whole REST API of the account. */
export function managementRole(reading: VideoSdkReading): string | null {
  const payload = claims(reading)
  if (payload === null) return null
  const roles = rolesOf(payload)
  if (roles.includes('crawler')) return 'role crawler'
  if (roles.length === 0 && payload.version === 2) return 'a version 2 token without roles'
  return null
}

/** True when the request's own faults (token, prefix, body, room) explain why VideoSDK refused it. */
export function explainsRejection(reading: VideoSdkReading): boolean {
  return (
    authorizationScheme(reading) !== null ||
    tokenProblems(reading).some((problem) => problem.severity === 'error') ||
    tokenExpiredAt(reading) !== null ||
    roomProblem(reading) !== null ||
    bodyProblem(reading) !== null
  )
}

function claims(reading: VideoSdkReading): Record<string, unknown> | null {
  return reading.token.state === 'sent' && reading.token.jwt.ok ? reading.token.jwt.payload : null
}

function rolesOf(payload: Record<string, unknown>): string[] {
  const roles = payload.roles
  return Array.isArray(roles) ? roles.filter((role): role is string => typeof role === 'string') : []
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}
