/**
 * Builds Media Edge captures as HAR 1.2 from a compact script, the way Chrome's DevTools export writes them.
 * Used by the golden fixtures (test/fixtures/adobe-media-edge) and by unit tests.
 */
import type { Entry, Har } from 'har-format'
import { har, harEntry } from './har-entry'

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
  /** The xdm eventType as sent, when it is not `media.${type}`. */
  eventType?: string
  /** Send this text as the body instead of the generated JSON. */
  rawBody?: string
  /** The response had a body the capture did not save. */
  responseNotSaved?: boolean
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
  return har(entries, script.comment)
}

function entry(script: EdgeScript, origin: number, step: EdgeStep): Entry {
  const isStart = step.type === 'sessionStart'
  const mediaCollection: Record<string, unknown> = { playhead: step.playhead }
  if (isStart) mediaCollection.sessionDetails = { ...DEFAULT_SESSION_DETAILS, ...script.session }
  else if (step.sessionId !== null) mediaCollection.sessionID = step.sessionId ?? script.sessionId
  Object.assign(mediaCollection, step.media)
  const xdm: Record<string, unknown> = { eventType: step.eventType ?? `media.${step.type}`, mediaCollection, timestamp: new Date(origin + step.at).toISOString() }
  for (const path of step.omit ?? []) omitPath(xdm, path)
  const path = step.viaInteract ? '/v1/interact' : `/va/v1/${step.action ?? step.type}`
  const response = step.response ?? (isStart ? startResponse(script.sessionId) : { status: 204, body: null })
  return harEntry({
    method: 'POST',
    url: `${EDGE_HOST}${step.basePath ?? '/ee'}${path}?configId=${DATASTREAM}`,
    observedAt: origin + step.at + (step.observedDelay ?? 0),
    body: step.rawBody ?? { events: [{ xdm }] },
    status: response.status,
    responseBody: response.body,
    ...(step.responseNotSaved ? { responseNotSaved: true } : {}),
  })
}

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
