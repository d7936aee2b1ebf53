/** Builds Media Collection API captures as HAR 1.2 from a compact script, for golden fixtures. */
import type { Har } from 'har-format'
import { har, harEntry } from './har-entry'

export const COLLECTION_HOST = 'https://example.hb-api.omtrdc.net'

export interface CollectionStep {
  /** Wall-clock offset from the script start, ms (the client timestamp and, by default, the observed time). */
  at: number
  type: string
  playhead: number
  params?: Record<string, unknown>
  customMetadata?: Record<string, unknown>
  qoeData?: Record<string, unknown>
  /** Replaces the whole body (for malformed requests). */
  body?: unknown
  /** Session ID for the URL (defaults to the script's). */
  sessionId?: string
  /** Post to /api/v1/sessions even if the type is not sessionStart, or to /events even if it is. */
  endpoint?: 'sessions' | 'events'
  status?: number
  responseBody?: unknown
  observedDelay?: number
}

export interface CollectionScript {
  origin: string
  sessionId: string
  steps: CollectionStep[]
  comment?: string
}

/** sessionStart params of Adobe's Media Collection quick start (MC-QS). */
export const START_PARAMS = {
  'analytics.trackingServer': 'example.sc.omtrdc.net',
  'analytics.reportSuite': 'example-rsid',
  'analytics.enableSSL': true,
  'visitor.marketingCloudOrgId': 'ABC123@AdobeOrg',
  'media.id': 'VA API Sample Player',
  'media.name': 'ClickMe',
  'media.length': 60.33,
  'media.contentType': 'VOD',
  'media.playerName': 'sample-html5-api-player',
  'media.channel': 'sample-channel',
  'media.sdkVersion': 'va-api-0.0.0',
}

export function collectionHar(script: CollectionScript): Har {
  const origin = Date.parse(script.origin)
  const entries = script.steps.map((step) => {
    const endpoint = step.endpoint ?? (step.type === 'sessionStart' ? 'sessions' : 'events')
    const body = step.body ?? {
      playerTime: { playhead: step.playhead, ts: origin + step.at },
      eventType: step.type,
      ...(step.params ? { params: step.params } : {}),
      ...(step.customMetadata ? { customMetadata: step.customMetadata } : {}),
      ...(step.qoeData ? { qoeData: step.qoeData } : {}),
    }
    const sid = step.sessionId ?? script.sessionId
    const isStart = endpoint === 'sessions'
    const status = step.status ?? (isStart ? 201 : 204)
    return harEntry({
      method: 'POST',
      url: isStart ? `${COLLECTION_HOST}/api/v1/sessions` : `${COLLECTION_HOST}/api/v1/sessions/${sid}/events`,
      observedAt: origin + step.at + (step.observedDelay ?? 0),
      body,
      status,
      responseBody: step.responseBody,
      responseHeaders: isStart && status === 201 ? [{ name: 'Location', value: `/api/v1/sessions/${sid}` }, { name: 'Content-Length', value: '0' }] : [],
    })
  })
  entries.sort((a, b) => Date.parse(a.startedDateTime) - Date.parse(b.startedDateTime))
  return har(entries, script.comment)
}

/** An offline session posted to /api/v1/downloaded in one request, observed at `observedAt`. */
export function downloadedHar(events: Array<{ type: string; playhead: number; ts: number; params?: Record<string, unknown> }>, observedAt: number, comment?: string): Har {
  const body = events.map((event) => ({ playerTime: { playhead: event.playhead, ts: event.ts }, eventType: event.type, ...(event.params ? { params: event.params } : {}) }))
  return har([harEntry({ method: 'POST', url: `${COLLECTION_HOST}/api/v1/downloaded`, observedAt, body, status: 201 })], comment)
}
