/**
 * The request fields each adapter reads, with the type the vendor's schema gives them and the name findings use
 * for them: the fuzz suite retypes one of them in a real capture and expects a finding that names it.
 */
import type { CapturedRequest } from '../../src/protocols/captured-request'
import type { ProtocolId } from '../../src/protocols/tracking-event'
import { parsedOrNull } from './fuzz-arbitraries'

export type FieldType = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'string-or-number'

export interface FieldTarget {
  /** Where the field is: a path in the request body's JSON, in a WebSocket frame's JSON, or a URL parameter. */
  at: { kind: 'body'; path: Array<string | number> } | { kind: 'frame'; frame: number; path: string[] } | { kind: 'query'; name: string }
  /** How findings name it. */
  label: string
  type: FieldType
  required: boolean
}

const EDGE_FIELDS: Array<[string, FieldType]> = [
  ['eventType', 'string'], ['timestamp', 'string'], ['mediaCollection', 'object'], ['mediaCollection.playhead', 'number'],
  ['mediaCollection.sessionID', 'string'], ['mediaCollection.sessionDetails', 'object'],
  ['mediaCollection.sessionDetails.name', 'string'], ['mediaCollection.sessionDetails.friendlyName', 'string'],
  ['mediaCollection.sessionDetails.playerName', 'string'], ['mediaCollection.sessionDetails.contentType', 'string'],
  ['mediaCollection.sessionDetails.channel', 'string'], ['mediaCollection.sessionDetails.length', 'number'],
  ['mediaCollection.sessionDetails.streamType', 'string'],
  ['mediaCollection.advertisingPodDetails', 'object'], ['mediaCollection.advertisingPodDetails.index', 'number'],
  ['mediaCollection.advertisingPodDetails.offset', 'number'], ['mediaCollection.advertisingPodDetails.friendlyName', 'string'],
  ['mediaCollection.advertisingDetails', 'object'], ['mediaCollection.advertisingDetails.name', 'string'],
  ['mediaCollection.advertisingDetails.friendlyName', 'string'], ['mediaCollection.advertisingDetails.length', 'number'],
  ['mediaCollection.advertisingDetails.playerName', 'string'], ['mediaCollection.advertisingDetails.podPosition', 'number'],
  ['mediaCollection.chapterDetails', 'object'], ['mediaCollection.chapterDetails.index', 'number'],
  ['mediaCollection.chapterDetails.offset', 'number'], ['mediaCollection.chapterDetails.length', 'number'],
  ['mediaCollection.chapterDetails.friendlyName', 'string'],
  ['mediaCollection.errorDetails', 'object'], ['mediaCollection.errorDetails.name', 'string'], ['mediaCollection.errorDetails.source', 'string'],
  ['mediaCollection.qoeDataDetails', 'object'], ['mediaCollection.qoeDataDetails.bitrate', 'number'],
  ['mediaCollection.statesStart', 'array'], ['mediaCollection.statesEnd', 'array'], ['mediaCollection.customMetadata', 'array'],
]
const EDGE_REQUIRED = new Set(['eventType', 'mediaCollection', 'mediaCollection.playhead'])

const COLLECTION_STRINGS = ['media.id', 'media.name', 'media.contentType', 'media.playerName', 'media.channel', 'analytics.trackingServer', 'analytics.reportSuite', 'visitor.marketingCloudOrgId', 'media.ad.id', 'media.ad.playerName', 'media.state.name']
const COLLECTION_NUMBERS = ['media.length', 'media.ad.podIndex', 'media.ad.podSecond', 'media.ad.podPosition', 'media.ad.length', 'media.chapter.index', 'media.chapter.offset', 'media.chapter.length']
const COLLECTION_BOOLEANS = ['analytics.enableSSL', 'media.resume', 'media.downloaded']

const HEARTBEAT_REQUIRED = ['s:event:sid', 's:event:type', 'l:event:ts', 'l:event:playhead', 's:asset:type']

const GAMESPARKS_STRINGS: Record<string, string[]> = {
  '.LogEventRequest': ['eventKey'],
  '.LogChallengeEventRequest': ['challengeInstanceId', 'eventKey'],
  '.AuthenticationRequest': ['userName', 'password'],
  '.DeviceAuthenticationRequest': ['deviceId', 'deviceOS'],
}

const VIDEOSDK_STRINGS = ['roomId', 'meetingId', 'customRoomId', 'sessionId', 'participantId']

function has(value: unknown, key: string | number): boolean {
  return value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, key)
}

function get(value: unknown, path: ReadonlyArray<string | number>): unknown {
  return path.reduce<unknown>((v, k) => (has(v, k) ? (v as Record<string | number, unknown>)[k] : undefined), value)
}

function edgeTargets(capture: CapturedRequest, body: unknown): FieldTarget[] {
  const mediaEndpoint = /\/va\/v1\/(?!downloaded)/.test(capture.url)
  const events = get(body, ['events'])
  if (!Array.isArray(events)) return []
  return events.flatMap((_, i) =>
    EDGE_FIELDS.filter(([label]) => get(body, ['events', i, 'xdm', ...label.split('.')]) !== undefined)
      // A Web SDK call's eventType is how a media event is told from others: retyped, the event is not media.
      .filter(([label]) => mediaEndpoint || label !== 'eventType')
      .map(([label, type]): FieldTarget => ({ at: { kind: 'body', path: ['events', i, 'xdm', ...label.split('.')] }, label, type, required: EDGE_REQUIRED.has(label) })),
  )
}

function collectionTargets(body: unknown): FieldTarget[] {
  const targets: FieldTarget[] = []
  const add = (path: string[], label: string, type: FieldType, required = false): void => {
    if (get(body, path) !== undefined) targets.push({ at: { kind: 'body', path }, label, type, required })
  }
  add(['eventType'], 'eventType', 'string', true)
  add(['playerTime'], 'playerTime', 'object', true)
  add(['playerTime', 'playhead'], 'playerTime.playhead', 'number', true)
  add(['playerTime', 'ts'], 'playerTime.ts', 'number', true)
  add(['params'], 'params', 'object')
  add(['qoeData'], 'qoeData', 'object')
  add(['customMetadata'], 'customMetadata', 'object')
  for (const key of COLLECTION_STRINGS) add(['params', key], `params["${key}"]`, 'string')
  for (const key of COLLECTION_NUMBERS) add(['params', key], `params["${key}"]`, 'number')
  for (const key of COLLECTION_BOOLEANS) add(['params', key], `params["${key}"]`, 'boolean')
  return targets
}

function heartbeatTargets(capture: CapturedRequest): FieldTarget[] {
  let names: string[]
  try {
    names = [...new URL(capture.url).searchParams.keys()]
  } catch {
    return []
  }
  return names.flatMap((name): FieldTarget[] => {
    if (name.startsWith('l:')) return [{ at: { kind: 'query', name }, label: name, type: 'number', required: HEARTBEAT_REQUIRED.includes(name) }]
    if (name === 's:asset:type' || HEARTBEAT_REQUIRED.includes(name)) return [{ at: { kind: 'query', name }, label: name, type: 'string', required: true }]
    return []
  })
}

function gamesparksTargets(capture: CapturedRequest): FieldTarget[] {
  return (capture.frames ?? []).flatMap((frame, index): FieldTarget[] => {
    if (frame.direction !== 'send') return []
    const value = parsedOrNull(frame.data)
    const className = get(value, ['@class'])
    if (typeof className !== 'string') return []
    const targets: FieldTarget[] = [{ at: { kind: 'frame', frame: index, path: ['@class'] }, label: '@class', type: 'string', required: true }]
    for (const key of GAMESPARKS_STRINGS[className] ?? []) if (has(value, key)) targets.push({ at: { kind: 'frame', frame: index, path: [key] }, label: key, type: 'string', required: true })
    if (has(value, 'requestId')) targets.push({ at: { kind: 'frame', frame: index, path: ['requestId'] }, label: 'requestId', type: 'string-or-number', required: false })
    return targets
  })
}

function videosdkTargets(body: unknown): FieldTarget[] {
  return VIDEOSDK_STRINGS.filter((key) => get(body, [key]) !== undefined).map((key): FieldTarget => ({ at: { kind: 'body', path: [key] }, label: key, type: 'string', required: false }))
}

/** The fields of this capture the adapter reads and a finding must name when they are retyped. */
export function fieldTargets(protocol: ProtocolId, capture: CapturedRequest): FieldTarget[] {
  const body = capture.requestBody && capture.requestBody.encoding === undefined ? parsedOrNull(capture.requestBody.text) : null
  switch (protocol) {
    case 'adobe-media-edge':
      return edgeTargets(capture, body)
    case 'adobe-media-collection':
      return Array.isArray(body) ? [] : collectionTargets(body)
    case 'adobe-heartbeat':
      return heartbeatTargets(capture)
    case 'gamesparks':
      return gamesparksTargets(capture)
    case 'videosdk':
      return videosdkTargets(body)
    default:
      // A protocol this helper does not know yet has no fields to retype.
      return []
  }
}

/** Does `value` have the type the schema gives the field? Numeric text is not a number. */
export function hasType(value: unknown, type: FieldType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string'
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
    case 'string-or-number':
      return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))
    case 'boolean':
      return typeof value === 'boolean'
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value)
    case 'array':
      return Array.isArray(value)
  }
}
