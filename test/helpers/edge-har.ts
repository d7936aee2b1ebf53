/**
 * Builds Media Edge captures as HAR 1.2 from a compact script, the way Chrome's DevTools export writes them.
 * Used by the golden fixtures (test/fixtures/adobe-media-edge) and by unit tests.
 */
import type { Entry, Har } from 'har-format'

export interface EdgeStep {
  /** Wall-clock offset from the script start, ms. The request is observed then, unless `observedDelay` is set. */
  at: number
  type: string
  playhead: number
  /** Defaults to the script's session ID (ignored on sessionStart). */
  sessionId?: string | null
  /** URL action, when it must differ from the type. */
  action?: string
  /** Extra or replacing `mediaCollection` fields. */
  media?: Record<string, unknown>
  /** Drop these dotted paths (relative to xdm) from the body. */
  omit?: string[]
  /** A sessionStart response other than the usual 200 with a new-session handle. */
  response?: { status: number; body: unknown }
  /** ms between the client timestamp and the moment the request is observed (parallel requests arrive late). */
  observedDelay?: number
  /** Path prefix before /va/v1 or /v1/interact (default /ee). */
  basePath?: string
  /** Send through the Web SDK's /v1/interact instead of /va/v1/{action}. */
  viaInteract?: boolean
}

export interface EdgeScript {
  /** ISO time of `at: 0`. */
  origin: string
  sessionId: string
  /** sessionDetails for sessionStart. */
  session?: Record<string, unknown>
  steps: EdgeStep[]
  /** Entries are sorted by observed time, as DevTools writes them (default true). */
  sortByObserved?: boolean
  comment?: string
}

export const EDGE_HOST = 'https://edge.adobedc.net'
export const DATASTREAM = 'd4b8c1f2-0a1b-4c2d-9e3f-5a6b7c8d9e0f'

export const DEFAULT_SESSION_DETAILS = {
  name: 'sample-video-1',
  friendlyName: 'Sample video',
  playerName: 'sample-html5-api-player',
  contentType: 'VOD',
  length: 60,
  channel: 'sample-channel',
  streamType: 'video',
}

export function edgeHar(script: EdgeScript): Har {
  const origin = Date.parse(script.origin)
  const entries = script.steps.map((step) => entry(script, origin, step))
  if (script.sortByObserved !== false) entries.sort((a, b) => Date.parse(a.startedDateTime) - Date.parse(b.startedDateTime))
  return {
    log: {
      version: '1.2',
      creator: { name: 'sessionscope-fixtures', version: '1' },
      ...(script.comment ? { comment: script.comment } : {}),
      pages: [],
      entries,
    },
  }
}

function entry(script: EdgeScript, origin: number, step: EdgeStep): Entry {
  const isStart = step.type === 'sessionStart'
  const timestamp = new Date(origin + step.at).toISOString()
  const observed = new Date(origin + step.at + (step.observedDelay ?? 0)).toISOString()
  const mediaCollection: Record<string, unknown> = { playhead: step.playhead }
  if (isStart) mediaCollection.sessionDetails = { ...DEFAULT_SESSION_DETAILS, ...script.session }
  else if (step.sessionId !== null) mediaCollection.sessionID = step.sessionId ?? script.sessionId
  Object.assign(mediaCollection, step.media)
  const xdm: Record<string, unknown> = { eventType: `media.${step.type}`, mediaCollection, timestamp }
  for (const path of step.omit ?? []) omitPath(xdm, path)
  const body = JSON.stringify({ events: [{ xdm }] })
  const path = step.viaInteract ? '/v1/interact' : `/va/v1/${step.action ?? step.type}`
  const url = `${EDGE_HOST}${step.basePath ?? '/ee'}${path}?configId=${DATASTREAM}`
  const response = isStart ? (step.response ?? startResponse(script.sessionId)) : (step.response ?? { status: 204, body: null })
  const responseText = response.body === null ? undefined : JSON.stringify(response.body)
  return {
    startedDateTime: observed,
    time: 42,
    request: {
      method: 'POST',
      url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      queryString: [{ name: 'configId', value: DATASTREAM }],
      postData: { mimeType: 'application/json', text: body },
      headersSize: -1,
      bodySize: body.length,
    },
    response: {
      status: response.status,
      statusText: STATUS_TEXT[response.status] ?? '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: responseText === undefined ? [] : [{ name: 'Content-Type', value: 'application/json' }],
      content: responseText === undefined
        ? { size: 0, mimeType: 'x-unknown' }
        : { size: responseText.length, mimeType: 'application/json', text: responseText },
      redirectURL: '',
      headersSize: -1,
      bodySize: responseText?.length ?? 0,
    },
    cache: {},
    timings: { send: 1, wait: 40, receive: 1 },
  }
}

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 204: 'No Content', 207: 'Multi-Status', 400: 'Bad Request', 404: 'Not Found' }

export function startResponse(sessionId: string): { status: number; body: unknown } {
  return {
    status: 200,
    body: {
      requestId: 'c6ae3a62-4a52-46a8-9b8f-3f1a2c6b6f3d',
      handle: [
        { payload: [{ sessionId }], type: 'media-analytics:new-session', eventIndex: 0 },
        { payload: [{ scope: 'EdgeNetwork', hint: 'or2', ttlSeconds: 1800 }], type: 'locationHint:result' },
      ],
    },
  }
}

/** The 207 the Media Edge OpenAPI documents for a sessionStart that fails validation. */
export function rejectedStartResponse(field = '$.xdm.mediaCollection.sessionDetails.name'): { status: number; body: unknown } {
  return {
    status: 207,
    body: {
      requestId: '5c1e8f2a-7b3d-4e9f-8a6c-2d4b6f8e0a1c',
      handle: [],
      errors: [
        {
          type: 'https://ns.adobe.com/aep/errors/va-edge-0400-400',
          status: 400,
          title: 'Invalid request',
          report: { eventIndex: 0, details: [{ name: field, reason: 'Missing required field' }] },
        },
      ],
    },
  }
}

function omitPath(root: Record<string, unknown>, path: string): void {
  const keys = path.split('.')
  const last = keys.pop()!
  let node: unknown = root
  for (const key of keys) node = (node as Record<string, unknown> | undefined)?.[key]
  if (node && typeof node === 'object') delete (node as Record<string, unknown>)[last]
}
