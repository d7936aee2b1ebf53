/**
 * Builds legacy Adobe heartbeat captures as HAR 1.2 from a compact script, the way Chrome's DevTools export
 * writes them: one GET per call with its `queryString`, or a form POST. Used by the golden fixtures
 * (test/fixtures/adobe-heartbeat) and by unit tests.
 */
import type { Entry, Har } from 'har-format'

export interface HeartbeatAd {
  id: string
  podId: string
  /** 0-based, as heartbeats count it. */
  position: number
  /** Seconds. */
  length: number
}

export interface HeartbeatStep {
  /** Wall-clock offset from the script start, ms: `l:event:ts`, and the observed time unless `observedDelay`. */
  at: number
  /** `s:event:type`; null leaves it out. */
  type: string | null
  /** `l:event:playhead`: main content, or the ad's own position while `ad` is set. */
  playhead: number
  /** Makes the call about this ad (`s:asset:type=ad`). */
  ad?: HeartbeatAd
  /** Defaults to the script's session ID; null leaves `s:event:sid` out. */
  sessionId?: string | null
  /** Extra or replacing parameters. */
  params?: Record<string, string | number>
  /** Parameters to leave out. */
  omit?: string[]
  /** ms between the client timestamp and the moment the request is observed. */
  observedDelay?: number
  /** POST the parameters as a form body instead of a query string. */
  method?: 'GET' | 'POST'
}

export interface HeartbeatScript {
  /** ISO time of `at: 0`. */
  origin: string
  sessionId: string
  /** Main-content parameters, replacing the defaults. */
  media?: Record<string, string | number>
  steps: HeartbeatStep[]
  /** Every step's method, unless the step says otherwise (default GET). */
  method?: 'GET' | 'POST'
  comment?: string
}

export const HEARTBEAT_HOST = 'https://sample.hb.omtrdc.net'

/** What VHL 1.x/2.x sends on every call about the player, the report suite and the main content. */
export const DEFAULT_MEDIA: Record<string, string | number> = {
  's:sc:rsid': 'sample-rsid',
  's:sc:tracking_server': 'sample.sc.omtrdc.net',
  'h:sc:ssl': 1,
  's:user:mid': '07193930379656792541444603315072046627',
  's:sp:player_name': 'sample-html5-player',
  's:sp:channel': 'sample-channel',
  's:sp:hb_version': 'js-2.0.2',
  's:asset:video_id': 'sample-video-1',
  's:asset:name': 'Sample video',
  's:asset:publisher': 'A8AB776A5245B4220A490D44@AdobeOrg',
  'l:asset:length': 60,
  's:stream:type': 'vod',
}

/** Calls that report no elapsed time (heartbeat-params: `l:event:duration` is 0 for state changes). */
const STATE_CHANGES = new Set(['start', 'complete', 'chapter_start', 'chapter_complete', 'bitrate_change', 'aa_start', 'aa_ad_start', 'end'])

export function heartbeatHar(script: HeartbeatScript): Har {
  const origin = Date.parse(script.origin)
  const previousOfType = new Map<string, number>()
  let previousAt: number | null = null
  const entries = script.steps.map((step) => {
    const ts = origin + step.at
    const type = step.type ?? ''
    const params = parameters(script, step, {
      duration: previousAt === null || STATE_CHANGES.has(type) ? 0 : step.at - previousAt,
      prevTs: previousOfType.get(type) ?? -1,
      ts,
    })
    previousOfType.set(type, ts)
    previousAt = step.at
    return entry(params, ts + (step.observedDelay ?? 0), step.method ?? script.method ?? 'GET')
  })
  entries.sort((a, b) => Date.parse(a.startedDateTime) - Date.parse(b.startedDateTime))
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

function parameters(script: HeartbeatScript, step: HeartbeatStep, time: { duration: number; prevTs: number; ts: number }): Array<[string, string]> {
  const params: Record<string, string | number> = { ...DEFAULT_MEDIA, ...script.media }
  const sessionId = step.sessionId === undefined ? script.sessionId : step.sessionId
  if (sessionId !== null) params['s:event:sid'] = sessionId
  if (step.type !== null) params['s:event:type'] = step.type
  Object.assign(params, {
    'l:event:duration': time.duration,
    'l:event:playhead': step.playhead,
    'l:event:ts': time.ts,
    'l:event:prev_ts': time.prevTs,
    's:asset:type': step.ad ? 'ad' : 'main',
  })
  if (step.ad) {
    Object.assign(params, {
      's:asset:ad_id': step.ad.id,
      's:asset:ad_sid': `${sessionId ?? ''}-${step.ad.position}`,
      's:asset:pod_id': step.ad.podId,
      's:asset:pod_position': step.ad.position,
      's:asset:resolver': 'sample-ad-server',
      // The main content's length stays in l:asset:length (heartbeat test-call-details).
      'l:asset:ad_length': step.ad.length,
    })
  }
  Object.assign(params, step.params)
  for (const name of step.omit ?? []) delete params[name]
  return Object.entries(params).map(([name, value]) => [name, String(value)])
}

/** `a:b:c=v%20w`: the SDK escapes names and values but keeps the colons of names readable. */
function encode(params: ReadonlyArray<[string, string]>): string {
  return params.map(([name, value]) => `${name.split(':').map(encodeURIComponent).join(':')}=${encodeURIComponent(value)}`).join('&')
}

function entry(params: Array<[string, string]>, observed: number, method: 'GET' | 'POST'): Entry {
  const query = encode(params)
  const request: Entry['request'] = method === 'GET'
    ? {
        method,
        url: `${HEARTBEAT_HOST}/?${query}`,
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: [],
        queryString: params.map(([name, value]) => ({ name, value })),
        headersSize: -1,
        bodySize: 0,
      }
    : {
        method,
        url: `${HEARTBEAT_HOST}/`,
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }],
        queryString: [],
        postData: { mimeType: 'application/x-www-form-urlencoded', text: query },
        headersSize: -1,
        bodySize: query.length,
      }
  return {
    startedDateTime: new Date(observed).toISOString(),
    time: 42,
    request,
    response: {
      status: 200,
      statusText: 'OK',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [],
      content: { size: 0, mimeType: 'x-unknown' },
      redirectURL: '',
      headersSize: -1,
      bodySize: 0,
    },
    cache: {},
    timings: { send: 1, wait: 40, receive: 1 },
  }
}
