/** GameSparks messages: the classes Sessionscope knows, and what a message says whatever its transport. */
import { MEDIA_EVENT_TYPES } from '../adobe-media/vocabulary'
import { describe } from '../describe-value'
import { field, isRecord } from '../json-body'
import type { FieldIssue } from '../tracking-event'
import type { GameSparksReading } from './reading'

/** What `@class` looks like: a class name with the leading dot the SDKs add. */
export const CLASS_NAME = /^\.?[A-Za-z][A-Za-z0-9_]{0,127}$/

export const HANDSHAKE_REQUEST = '.AuthenticatedConnectRequest'
export const HANDSHAKE_RESPONSE = '.AuthenticatedConnectResponse'
export const END_SESSION = '.EndSessionRequest'
export const END_SESSION_RESPONSE = '.EndSessionResponse'
export const TERMINATED = '.SessionTerminatedMessage'
export const ANALYTICS = '.AnalyticsRequest'
/** EndSessionRequest has no documented parameters; older docs had `analyticsData`, a legacy client sent `sessionId`. */
export const END_SESSION_KEYS = new Set(['@class', 'requestId', 'analyticsData', 'sessionId'])
const DEVICE_AUTHENTICATION = '.DeviceAuthenticationRequest'
/** DeviceAuthenticationRequest: "deviceOS … should be IOS, ANDROID, WP8 or W8". */
const DEVICE_OS = ['IOS', 'ANDROID', 'WP8', 'W8']
/** Documented required parameters. A Map, so that a page's "constructor" class is just an unknown name. */
const REQUIRED: ReadonlyMap<string, readonly string[]> = new Map([
  ['.LogEventRequest', ['eventKey']],
  ['.LogChallengeEventRequest', ['challengeInstanceId', 'eventKey']],
  ['.AuthenticationRequest', ['userName', 'password']],
  [DEVICE_AUTHENTICATION, ['deviceId', 'deviceOS']],
  [HANDSHAKE_REQUEST, ['hmac']],
])
/** Names the session machine acts on (play, adStart…): a GameSparks class must not pose as one. */
const VOCABULARY = new Set([...MEDIA_EVENT_TYPES, 'unknown'])

export function kindOf(className: string | null): GameSparksReading['kind'] {
  if (className === null) return 'other'
  if (className.endsWith('Request')) return 'request'
  if (className.endsWith('Response')) return 'response'
  if (className.endsWith('Message')) return 'message'
  return 'other'
}

/** The class without its leading dot; never a name the session machine acts on. */
export function typeOf(className: string | null): string {
  if (className === null || className === '' || className === '.') return 'unknown'
  const name = (className.startsWith('.') ? className.slice(1) : className).slice(0, 128)
  return VOCABULARY.has(name) ? `gs:${name}` : name
}

export function missingFields(value: Record<string, unknown>, className: string | null): string[] {
  if (field(value, '@class') === undefined) return ['@class']
  if (className === null) return []
  return (REQUIRED.get(className) ?? []).filter((name) => field(value, name) === undefined || field(value, name) === null)
}

export function fieldIssues(value: Record<string, unknown>, className: string | null): FieldIssue[] {
  const issues: FieldIssue[] = []
  const declared = field(value, '@class')
  if (declared !== undefined && (typeof declared !== 'string' || !CLASS_NAME.test(declared))) {
    issues.push({ path: '@class', problem: `must name a request, e.g. ".LogEventRequest", not ${describe(declared)}`, severity: 'error' })
  }
  for (const name of REQUIRED.get(className ?? '') ?? []) {
    // An empty or mistyped hmac is an unsigned handshake, which gamesparks-handshake-not-signed explains.
    if (name === 'hmac') continue
    const present = field(value, name)
    if (present === undefined || present === null) continue
    if (typeof present !== 'string') issues.push({ path: name, problem: `must be a string, not ${describe(present)}`, severity: 'error' })
    else if (present.trim() === '') issues.push({ path: name, problem: 'must not be empty', severity: 'error' })
  }
  // The SDKs send text; a number is echoed back as well, but anything else cannot match its response.
  const requestId = field(value, 'requestId')
  if (requestId !== undefined && requestId !== null && requestIdOf(requestId) === null && requestId !== '') {
    issues.push({ path: 'requestId', problem: `should be a string, not ${describe(requestId)}; its response cannot be matched to it`, severity: 'warning' })
  }
  if (className === DEVICE_AUTHENTICATION) {
    // The SDKs send what their platform calls itself ("js", "Linux") and are authenticated: worth knowing only.
    const os = field(value, 'deviceOS')
    if (typeof os === 'string' && os.trim() !== '' && !DEVICE_OS.includes(os)) {
      issues.push({ path: 'deviceOS', problem: `is documented as one of ${DEVICE_OS.map((name) => `"${name}"`).join(', ')}, not ${describe(os)}`, severity: 'info' })
    }
  }
  if (className === ANALYTICS) {
    const key = field(value, 'key')
    if (key !== undefined && key !== null && typeof key !== 'string') issues.push({ path: 'key', problem: `must be a string, not ${describe(key)}`, severity: 'error' })
    for (const flag of ['start', 'end']) {
      const present = field(value, flag)
      if (present !== undefined && present !== null && typeof present !== 'boolean') {
        issues.push({ path: flag, problem: `should be true or false, not ${describe(present)}; only true starts or ends a timer`, severity: 'warning' })
      }
    }
  }
  return issues
}

export function hmacState(hmac: unknown): NonNullable<GameSparksReading['signature']>['hmac'] {
  if (hmac === undefined || hmac === null) return 'missing'
  if (typeof hmac !== 'string') return 'not-a-string'
  return hmac.trim() === '' ? 'empty' : 'present'
}

/** A response's `error` for people: `authentication: NOTAUTHORIZED`; null when there is none. */
export function errorText(error: unknown): string | null {
  if (error === undefined || error === null || error === false || error === '') return null
  if (typeof error === 'string') return clip(error)
  if (isRecord(error)) {
    const entries = Object.keys(error).slice(0, 5).map((key) => {
      const detail = error[key]
      return `${clip(key, 40)}: ${typeof detail === 'string' ? clip(detail, 80) : describe(detail)}`
    })
    if (entries.length === 0) return null
    const more = Object.keys(error).length - entries.length
    return more > 0 ? `${entries.join(', ')} and ${more} more` : entries.join(', ')
  }
  return describe(error)
}

export function requestIdOf(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value.slice(0, 200)
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return null
}

export function nonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null
}

function clip(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}
