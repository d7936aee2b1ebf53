/**
 * One capture, written the way each HAR exporter writes it: Chrome DevTools, Firefox DevTools, Charles, Proxyman
 * (Windows/Linux), mitmproxy's `save.har` and Playwright's `recordHar`. The foreign-flavour golden fixtures
 * (test/fixtures/har-flavours) are built with it; what each tool does, and where that is known from, is in
 * test/fixtures/har-flavours/README.md.
 *
 * A capture is a list of tool-neutral Exchanges (what went over the wire, header names in lower case). Each writer
 * turns it into that tool's HAR: its entry order, time format, header casing, body encoding and custom fields.
 */
import type { Har } from 'har-format'
import { groupBy } from '../../src/report/group-by'
import { COLLECTION_HOST } from './collection-har'
import type { EdgeStep } from './edge-har'
import { DATASTREAM, DEFAULT_SESSION_DETAILS, EDGE_HOST, startResponse } from './edge-har'

export interface Header {
  name: string
  value: string
}

/** A body as text, or as the bytes of a binary body (base64). */
export type Body = { mimeType: string; text: string } | { mimeType: string; base64: string }

export type Kind = 'document' | 'script' | 'image' | 'media' | 'fetch' | 'preflight' | 'other'

export interface Exchange {
  /** A name to find the exchange's entry again in any flavour. */
  id: string
  /** When the page issued the request, ms since the epoch. */
  at: number
  /**
   * When the request left the client, if later than `at` (a request waiting for its CORS preflight). Proxies
   * see it only then.
   */
  sentAt?: number
  /** From leaving the client to the end of the response, ms. */
  duration: number
  kind: Kind
  method: string
  url: string
  h2: boolean
  /** Lower-case names, in the order the client sent them. */
  requestHeaders: Header[]
  requestBody?: Body
  /** Absent when the request failed before any response (`failure`), or was still running at export (`inFlight`). */
  response?: { status: number; headers: Header[]; body?: Body }
  /** Chrome's net error, e.g. net::ERR_BLOCKED_BY_CLIENT. */
  failure?: string
  inFlight?: boolean
  serverIp: string
  /** For a preflight: the id of the request it clears. */
  preflightFor?: string
}

export interface Capture {
  /** The page the browser showed (browser flavours), or null for an app behind a proxy. */
  page: { url: string; title: string; at: number } | null
  exchanges: Exchange[]
}

/** A flavour's HAR, and where each exchange landed in it. */
export interface Written {
  har: Har
  /** The 0-based entry index of exchange `id`. Throws if the flavour left it out. */
  entry(id: string): number
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 206: 'Partial Content', 304: 'Not Modified', 404: 'Not Found', 410: 'Gone',
}

// ---------------------------------------------------------------------------------------------------------------
// Building captures

/** `at: 0` of every script: the moment of sessionStart. */
const ORIGIN = Date.parse('2026-01-15T02:00:00.000Z')
const PAGE_ORIGIN = 'https://www.example-video.test'
const PAGE_URL = `${PAGE_ORIGIN}/watch/sample-video-1`
const CHROME_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36'
const FIREFOX_UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0'
const APP_UA = 'ExampleVideo/5.2.0 (Linux; Android 12; BRAVIA 4K VH2) ExoPlayerLib/2.19.1'
const SEC_CH_UA = '"Not)A;Brand";v="8", "Chromium";v="138", "Google Chrome";v="138"'

const IP = { www: '203.0.113.10', img: '203.0.113.20', cdn: '203.0.113.30', api: '203.0.113.40', ads: '', edge: '66.117.21.98', hbApi: '63.140.39.105', demdex: '52.48.117.94' }

/** A 1×1 PNG: the poster and thumbnails (bytes do not matter, only that they are binary). */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='
/** The first bytes of an MPEG-TS segment (sync byte 0x47 every 188 bytes). */
const TS_SEGMENT = Buffer.from([0x47, 0x40, 0x11, 0x10, 0x00, 0x42, 0xf0, 0x25, 0x00, 0x01, 0xc1, 0x00, 0x00, 0xff, 0x01, 0xff]).toString('base64')
const HTML = '<!doctype html><html><head><title>Sample video</title><script src="/static/player.js" defer></script></head><body><video id="player" poster="https://img.example-video.test/posters/sample-video-1.jpg"></video></body></html>'
const PLAYER_JS = 'import{MediaEdgeTracker}from"./tracker.js";const t=new MediaEdgeTracker({configId:"d4b8c1f2-0a1b-4c2d-9e3f-5a6b7c8d9e0f"});t.attach(document.getElementById("player"));'
const MASTER_M3U8 = '#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-STREAM-INF:BANDWIDTH=2400000,RESOLUTION=1280x720\n720p/index.m3u8\n'
const NOT_FOUND_HTML = '<!doctype html><title>404 Not Found</title><h1>Not Found</h1>'

function browserHeaders(ua: 'chrome' | 'firefox', accept: string, dest: string, mode: string, site: string, extra: Header[] = []): Header[] {
  if (ua === 'firefox') {
    return [
      { name: 'user-agent', value: FIREFOX_UA }, { name: 'accept', value: accept }, { name: 'accept-language', value: 'de,en-US;q=0.7,en;q=0.3' },
      { name: 'accept-encoding', value: 'gzip, deflate, br, zstd' }, ...extra, { name: 'referer', value: PAGE_URL },
      { name: 'sec-fetch-dest', value: dest }, { name: 'sec-fetch-mode', value: mode }, { name: 'sec-fetch-site', value: site },
    ]
  }
  return [
    { name: 'accept', value: accept }, { name: 'accept-encoding', value: 'gzip, deflate, br, zstd' }, { name: 'accept-language', value: 'en-US,en;q=0.9' },
    ...extra, { name: 'referer', value: `${PAGE_ORIGIN}/` }, { name: 'sec-ch-ua', value: SEC_CH_UA }, { name: 'sec-ch-ua-mobile', value: '?0' },
    { name: 'sec-ch-ua-platform', value: '"Linux"' }, { name: 'sec-fetch-dest', value: dest }, { name: 'sec-fetch-mode', value: mode },
    { name: 'sec-fetch-site', value: site }, { name: 'user-agent', value: CHROME_UA },
  ]
}

function appHeaders(extra: Header[] = []): Header[] {
  return [{ name: 'user-agent', value: APP_UA }, { name: 'accept', value: '*/*' }, ...extra, { name: 'accept-encoding', value: 'gzip' }, { name: 'connection', value: 'Keep-Alive' }]
}

function hostOf(url: string): string {
  return new URL(url).host
}

function contentHeaders(body: Body, extra: Header[] = []): Header[] {
  const length = 'text' in body ? Buffer.byteLength(body.text) : Buffer.from(body.base64, 'base64').length
  return [{ name: 'content-type', value: body.mimeType }, { name: 'content-length', value: String(length) }, ...extra]
}

function get(id: string, at: number, url: string, kind: Kind, body: Body, options: { status?: number; duration?: number; headers?: Header[]; ip: string; h2?: boolean }): Exchange {
  return {
    id, at, duration: options.duration ?? 48, kind, method: 'GET', url, h2: options.h2 ?? true, requestHeaders: options.headers ?? [],
    response: { status: options.status ?? 200, headers: contentHeaders(body, [{ name: 'date', value: new Date(at).toUTCString() }]), body },
    serverIp: options.ip,
  }
}

/** The Media Edge request of one step, as `edge-har.ts` writes its body. */
function edgeBody(step: EdgeStep, sessionId: string): string {
  const mediaCollection: Record<string, unknown> = { playhead: step.playhead }
  if (step.type === 'sessionStart') mediaCollection.sessionDetails = { ...DEFAULT_SESSION_DETAILS }
  else mediaCollection.sessionID = step.sessionId ?? sessionId
  const xdm = { eventType: `media.${step.type}`, mediaCollection, timestamp: new Date(ORIGIN + step.at).toISOString() }
  return JSON.stringify({ events: [{ xdm }] })
}

export interface EdgeOptions {
  /** Request Content-Type: a page calling the API with `application/json` needs a CORS preflight per request. */
  contentType: string
  headers: 'chrome' | 'firefox' | 'app'
  /** Steps whose request fails before any response (net error). */
  failing?: Record<number, string>
}

/**
 * The Media Edge API exchanges of an Edge script: `edge:<n>` for step n (and `preflight:edge:<n>` for its CORS
 * preflight, when a page sends a non-simple Content-Type). Each request leaves a few ms after the client stamped
 * its event, as it does in a real player.
 */
export function edgeExchanges(steps: EdgeStep[], sessionId: string, options: EdgeOptions): Exchange[] {
  return steps.flatMap((step, n): Exchange[] => {
    const url = `${EDGE_HOST}/ee/va/v1/${step.type}?configId=${DATASTREAM}`
    const at = ORIGIN + step.at + 3 + ((n * 7) % 11)
    const start = step.type === 'sessionStart' ? startResponse(sessionId) : null
    return edgeExchange({ n, at, url, text: edgeBody(step, sessionId), start, failure: options.failing?.[n] }, options)
  })
}

/** One Media Edge request, whatever wrote its body and chose its time. */
export interface EdgeRequest {
  /** Its place among the capture's Media Edge requests: the exchange is `edge:<n>`. */
  n: number
  at: number
  url: string
  /** The request body. */
  text: string
  /** A sessionStart's response; null: the usual 204. */
  start: { status: number; body: unknown } | null
  /** The net error, when the request failed before any response. */
  failure?: string | undefined
}

/** A Media Edge request as the client in `options` sends it, with its CORS preflight when it needs one. */
export function edgeExchange({ n, at, url, text, start, failure }: EdgeRequest, options: EdgeOptions): Exchange[] {
  const cors = options.headers !== 'app' && !/^(text\/plain|application\/x-www-form-urlencoded|multipart\/form-data)\b/.test(options.contentType)
  const responseHeaders: Header[] = start
    ? contentHeaders({ mimeType: 'application/json;charset=utf-8', text: JSON.stringify(start.body) }, [{ name: 'x-request-id', value: 'c6ae3a62-4a52-46a8-9b8f-3f1a2c6b6f3d' }])
    : [{ name: 'x-request-id', value: `5f0c${String(n).padStart(4, '0')}-9d1e-4c55-b1f6-0a7c3e2d9b4f` }]
  if (options.headers !== 'app') responseHeaders.push({ name: 'access-control-allow-origin', value: PAGE_ORIGIN }, { name: 'access-control-allow-credentials', value: 'true' })
  const request: Exchange = {
    id: `edge:${n}`,
    at,
    duration: start ? 96 : 41,
    kind: 'fetch',
    method: 'POST',
    url,
    h2: true,
    requestHeaders: options.headers === 'app'
      ? appHeaders([{ name: 'content-type', value: options.contentType }, { name: 'content-length', value: String(Buffer.byteLength(text)) }, { name: 'host', value: hostOf(url) }])
      : browserHeaders(options.headers, '*/*', 'empty', 'cors', 'cross-site', [{ name: 'content-length', value: String(Buffer.byteLength(text)) }, { name: 'content-type', value: options.contentType }, { name: 'origin', value: PAGE_ORIGIN }]),
    requestBody: { mimeType: options.contentType, text },
    response: { status: start ? start.status : 204, headers: responseHeaders, ...(start ? { body: { mimeType: 'application/json;charset=utf-8', text: JSON.stringify(start.body) } } : {}) },
    serverIp: IP.edge,
  }
  if (failure !== undefined) {
    delete request.response
    request.failure = failure
  }
  return cors ? [request, preflightOf(request, options.headers === 'firefox' ? 'firefox' : 'chrome', 'content-type')] : [request]
}

/**
 * The CORS preflight (`preflight:<id>`) a browser sends before a cross-origin request that is not
 * "simple" (a JSON Content-Type, an Authorization header): an OPTIONS with Access-Control-Request-*, no body.
 * The request waits for it, so a proxy sees the request only after the preflight (`sentAt`).
 */
function preflightOf(request: Exchange, ua: 'chrome' | 'firefox', requestHeaders: string): Exchange {
  const duration = 34
  request.sentAt = request.at + 2 + duration + 1
  const origin = request.requestHeaders.find((h) => h.name === 'origin')?.value ?? PAGE_ORIGIN
  return {
    id: `preflight:${request.id}`,
    at: request.at + 2,
    duration,
    kind: 'preflight',
    method: 'OPTIONS',
    url: request.url,
    h2: request.h2,
    requestHeaders: browserHeaders(ua, '*/*', 'empty', 'cors', 'cross-site', [
      { name: 'access-control-request-headers', value: requestHeaders }, { name: 'access-control-request-method', value: request.method }, { name: 'origin', value: origin },
    ]),
    response: {
      status: 204,
      headers: [
        { name: 'access-control-allow-credentials', value: 'true' }, { name: 'access-control-allow-headers', value: requestHeaders },
        { name: 'access-control-allow-methods', value: `${request.method}, OPTIONS` }, { name: 'access-control-allow-origin', value: origin },
        { name: 'access-control-max-age', value: '600' }, { name: 'date', value: new Date(request.at).toUTCString() },
      ],
    },
    serverIp: request.serverIp,
    preflightFor: request.id,
  }
}

export interface CollectionStepLike {
  at: number
  type: string
  playhead: number
  params?: Record<string, unknown>
  customMetadata?: Record<string, unknown>
  /** Answer with this status (and JSON body) instead of 201/204. */
  status?: number
  responseBody?: unknown
}

/** Media Collection API exchanges (`collection:<n>`): sessionStart answered 201 with `Location`, events 204. */
export function collectionExchanges(steps: CollectionStepLike[], sessionId: string): Exchange[] {
  return steps.map((step, n) => {
    const isStart = step.type === 'sessionStart'
    const url = isStart ? `${COLLECTION_HOST}/api/v1/sessions` : `${COLLECTION_HOST}/api/v1/sessions/${sessionId}/events`
    const text = JSON.stringify({
      playerTime: { playhead: step.playhead, ts: ORIGIN + step.at },
      eventType: step.type,
      ...(step.params ? { params: step.params } : {}),
      ...(step.customMetadata ? { customMetadata: step.customMetadata } : {}),
    })
    const at = ORIGIN + step.at + 2 + ((n * 5) % 9)
    const date = { name: 'date', value: new Date(at).toUTCString() }
    const status = step.status ?? (isStart ? 201 : 204)
    const headers: Header[] = isStart
      ? [date, { name: 'location', value: `/api/v1/sessions/${sessionId}` }, { name: 'content-length', value: '0' }, { name: 'access-control-expose-headers', value: 'Location' }]
      : step.responseBody !== undefined
        ? [date, ...contentHeaders({ mimeType: 'application/json', text: JSON.stringify(step.responseBody) })]
        : [date]
    return {
      id: `collection:${n}`,
      at,
      duration: isStart ? 118 : 37,
      kind: 'fetch',
      method: 'POST',
      url,
      h2: true,
      requestHeaders: appHeaders([{ name: 'content-type', value: 'application/json; charset=utf-8' }, { name: 'content-length', value: String(Buffer.byteLength(text)) }]),
      requestBody: { mimeType: 'application/json; charset=utf-8', text },
      response: { status, headers, ...(step.responseBody !== undefined ? { body: { mimeType: 'application/json', text: JSON.stringify(step.responseBody) } } : {}) },
      serverIp: IP.hbApi,
    }
  })
}

const seconds = (s: number): number => ORIGIN + Math.round(s * 1000)

/** HLS segments every 6 s of media from `from` to `to` seconds, as an app or a page fetches them. */
function segments(from: number, to: number, headers: () => Header[], h2: boolean): Exchange[] {
  const list: Exchange[] = []
  for (let at = from, i = 0; at <= to; at += 6, i++) {
    list.push(get(`segment:${i}`, seconds(at), `https://cdn.example-video.test/vod/sample-video-1/720p/seg-${i}.ts`, 'media', { mimeType: 'video/mp2t', base64: TS_SEGMENT }, { ip: IP.cdn, headers: headers(), duration: 210, h2 }))
  }
  return list
}

/**
 * A web page playing F4 (plus the late ping) with its own traffic: the HTML, a script, an ad script that never
 * loads (`adFailure`), a poster, a favicon that is not there, the HLS manifest and segments, a call to the site's
 * API (with its CORS preflight, for the tools known to list preflights), the next poster after the session ended,
 * and the next page after the late ping.
 */
export function webPageCapture(edge: Exchange[], ua: 'chrome' | 'firefox', options: { adFailure?: string; preflights?: boolean } = {}): Capture {
  const adFailure = options.adFailure ?? 'net::ERR_BLOCKED_BY_CLIENT'
  const nav = browserHeaders(ua, 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'document', 'navigate', 'none')
  const script = browserHeaders(ua, '*/*', 'script', 'no-cors', 'same-origin')
  const image = browserHeaders(ua, 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8', 'image', 'no-cors', 'same-site')
  const xhr = (site: string, extra: Header[] = []): Header[] => browserHeaders(ua, '*/*', 'empty', 'cors', site, [...extra, { name: 'origin', value: PAGE_ORIGIN }])
  // The site's API is on another origin and wants a token: the browser sends a preflight first.
  const recommendations = get('recommendations', seconds(12.3), 'https://api.example-video.test/v2/recommendations?video=sample-video-1', 'fetch', { mimeType: 'application/json', text: '{"items":[{"id":"sample-video-2","title":"Next sample"}]}' }, {
    ip: IP.api, headers: xhr('same-site', [{ name: 'authorization', value: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ2aWV3ZXItNDIifQ.c2lnbmF0dXJl' }]), duration: 88,
  })
  recommendations.response!.headers.push({ name: 'access-control-allow-origin', value: PAGE_ORIGIN })
  const page: Exchange[] = [
    get('page', seconds(-3.2), PAGE_URL, 'document', { mimeType: 'text/html; charset=utf-8', text: HTML }, { ip: IP.www, headers: nav, duration: 182 }),
    get('player-js', seconds(-2.95), `${PAGE_ORIGIN}/static/player.js`, 'script', { mimeType: 'text/javascript; charset=utf-8', text: PLAYER_JS }, { ip: IP.www, headers: script, duration: 61 }),
    {
      id: 'ad-script', at: seconds(-2.94), duration: 3, kind: 'script', method: 'GET', url: 'https://ads.example-adnetwork.test/tag.js?slot=preroll', h2: false,
      requestHeaders: script, failure: adFailure, serverIp: IP.ads,
    },
    get('poster', seconds(-2.6), 'https://img.example-video.test/posters/sample-video-1.jpg', 'image', { mimeType: 'image/png', base64: PNG }, { ip: IP.img, headers: image, duration: 73 }),
    get('favicon', seconds(-2.4), `${PAGE_ORIGIN}/favicon.ico`, 'other', { mimeType: 'text/html; charset=utf-8', text: NOT_FOUND_HTML }, { ip: IP.www, headers: image, status: 404, duration: 30 }),
    get('manifest', seconds(-0.5), 'https://cdn.example-video.test/vod/sample-video-1/master.m3u8', 'fetch', { mimeType: 'application/vnd.apple.mpegurl', text: MASTER_M3U8 }, { ip: IP.cdn, headers: xhr('same-site'), duration: 55 }),
    ...segments(0.4, 24.4, () => xhr('same-site'), true),
    recommendations,
    ...(options.preflights ? [preflightOf(recommendations, ua, 'authorization')] : []),
    get('next-poster', seconds(31.5), 'https://img.example-video.test/posters/sample-video-2.jpg', 'image', { mimeType: 'image/png', base64: PNG }, { ip: IP.img, headers: image, duration: 64 }),
    get('next-page', seconds(36.2), `${PAGE_ORIGIN}/watch/sample-video-2`, 'document', { mimeType: 'text/html; charset=utf-8', text: HTML.replaceAll('sample-video-1', 'sample-video-2') }, { ip: IP.www, headers: nav, duration: 140 }),
  ]
  return { page: { url: PAGE_URL, title: 'Sample video', at: seconds(-3.2) }, exchanges: [...page, ...edge] }
}

/**
 * A TV app playing F4 (plus the late ping) behind a proxy: its configuration, the video's metadata, a poster,
 * the HLS manifest and segments, recommendations, the next video's metadata after the late ping; with
 * `inFlightAtExport`, a segment still loading when the capture was exported.
 */
export function appCapture(edge: Exchange[], h2: boolean, inFlightAtExport = false): Capture {
  const json = (text: string): Body => ({ mimeType: 'application/json; charset=utf-8', text })
  const api = (): Header[] => appHeaders([{ name: 'host', value: 'api.example-video.test' }])
  const last = segments(34.6, 34.6, appHeaders, h2)[0]!
  const inFlight: Exchange = { ...last, id: 'segment:in-flight', url: last.url.replace(/seg-\d+/, 'seg-6'), inFlight: true }
  delete inFlight.response
  return {
    page: null,
    exchanges: [
      get('config', seconds(-4.1), 'https://api.example-video.test/v2/config?platform=androidtv', 'fetch', json('{"analytics":{"edgeConfigId":"d4b8c1f2-0a1b-4c2d-9e3f-5a6b7c8d9e0f"},"ads":false}'), { ip: IP.api, headers: api(), duration: 120, h2 }),
      get('metadata', seconds(-3.6), 'https://api.example-video.test/v2/videos/sample-video-1', 'fetch', json('{"id":"sample-video-1","title":"Sample video","duration":60}'), { ip: IP.api, headers: api(), duration: 95, h2 }),
      get('poster', seconds(-3.2), 'https://img.example-video.test/posters/sample-video-1.jpg', 'image', { mimeType: 'image/png', base64: PNG }, { ip: IP.img, headers: appHeaders(), duration: 80, h2 }),
      get('manifest', seconds(-0.6), 'https://cdn.example-video.test/vod/sample-video-1/master.m3u8', 'fetch', { mimeType: 'application/vnd.apple.mpegurl', text: MASTER_M3U8 }, { ip: IP.cdn, headers: appHeaders(), duration: 60, h2 }),
      ...segments(0.4, 24.4, appHeaders, h2),
      get('recommendations', seconds(12.3), 'https://api.example-video.test/v2/recommendations?after=sample-video-1', 'fetch', json('{"items":[{"id":"sample-video-2"}]}'), { ip: IP.api, headers: api(), duration: 90, h2 }),
      get('next-metadata', seconds(35.8), 'https://api.example-video.test/v2/videos/sample-video-2', 'fetch', json('{"id":"sample-video-2","title":"Next sample","duration":45}'), { ip: IP.api, headers: api(), duration: 93, h2 }),
      ...(inFlightAtExport ? [inFlight] : []),
      ...edge,
    ],
  }
}

/** The TV app playing a Media Collection API session behind a proxy, with the Experience Cloud ID call before it. */
export function collectionAppCapture(collection: Exchange[], lastSecond: number): Capture {
  const json = (text: string): Body => ({ mimeType: 'application/json;charset=utf-8', text })
  return {
    page: null,
    exchanges: [
      get('config', seconds(-4.1), 'https://api.example-video.test/v2/config?platform=androidtv', 'fetch', json('{"analytics":{"trackingServer":"example.hb-api.omtrdc.net"}}'), { ip: IP.api, headers: appHeaders(), duration: 120 }),
      get('ecid', seconds(-3.5), 'https://dpm.demdex.net/id?d_visid_ver=5.5.0&d_fieldgroup=MC&d_rtbd=json&d_ver=2&d_orgid=ABC123%40AdobeOrg', 'fetch', json('{"d_mid":"71602184623178290611374618720612738811","id_sync_ttl":604800,"d_blob":"RKhpRz8krg2tLO6pguXWp5olkAcUniQYPHaMWWgdJ3xzPWQmdj0y","dcs_region":9}'), { ip: IP.demdex, headers: appHeaders(), duration: 140 }),
      get('poster', seconds(-3.1), 'https://img.example-video.test/posters/sample-video-1.jpg', 'image', { mimeType: 'image/png', base64: PNG }, { ip: IP.img, headers: appHeaders(), duration: 80 }),
      get('manifest', seconds(-0.6), 'https://cdn.example-video.test/vod/sample-video-1/master.m3u8', 'fetch', { mimeType: 'application/vnd.apple.mpegurl', text: MASTER_M3U8 }, { ip: IP.cdn, headers: appHeaders(), duration: 60 }),
      ...segments(12.4, lastSecond - 2, appHeaders, true),
      ...collection,
    ],
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Writing flavours

type Json = Record<string, unknown>

interface Phase {
  blocked: number
  dns: number
  connect: number
  ssl: number
  send: number
  wait: number
  receive: number
}

/** Splits an exchange's duration the way a first or a reused connection spends it. */
function phases(x: Exchange, fresh: boolean): Phase {
  const connect = fresh ? Math.round(x.duration * 0.3) : -1
  const ssl = fresh ? Math.round(x.duration * 0.2) : -1
  const dns = fresh ? 6 : -1
  const receive = x.kind === 'media' ? Math.round(x.duration * 0.5) : 1
  const send = 1
  const wait = Math.max(1, x.duration - send - receive - (fresh ? dns + connect : 0))
  return { blocked: 2, dns, connect, ssl, send, wait, receive }
}

function freshTracker(): (x: Exchange) => boolean {
  const seen = new Set<string>()
  return (x) => {
    const host = hostOf(x.url)
    if (seen.has(host)) return false
    seen.add(host)
    return true
  }
}

function sorted(exchanges: Exchange[], time: (x: Exchange) => number): Exchange[] {
  return [...exchanges].sort((a, b) => time(a) - time(b))
}

function written(entries: Array<{ id: string; entry: Json }>, log: Json): Written {
  const har = { log: { ...log, entries: entries.map((e) => e.entry) } } as unknown as Har
  return {
    har,
    entry(id) {
      const index = entries.findIndex((e) => e.id === id)
      if (index < 0) throw new Error(`no entry for ${id}`)
      return index
    },
  }
}

/** `content-type` → `Content-Type`. Chrome sends its `sec-*` headers in lower case even over HTTP/1.1. */
function titleCase(name: string, keepSec = true): string {
  if (keepSec && name.startsWith('sec-')) return name
  return name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase())
}

const titleCased = (headers: Header[], keepSec = true): Header[] => headers.map((h) => ({ name: titleCase(h.name, keepSec), value: h.value }))

function pathOf(url: string): string {
  const u = new URL(url)
  return u.pathname + u.search
}

function queryString(url: string): Header[] {
  return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }))
}

function bodyText(body: Body): string {
  return 'text' in body ? body.text : Buffer.from(body.base64, 'base64').toString('latin1')
}

function byteLength(body: Body | undefined): number {
  if (!body) return 0
  return 'text' in body ? Buffer.byteLength(body.text) : Buffer.from(body.base64, 'base64').length
}

function base64Of(body: Body): string {
  return 'text' in body ? Buffer.from(body.text).toString('base64') : body.base64
}

/** `2026-01-15T03:00:04.123+01:00`: local time with its offset, as Firefox, Charles and Proxyman write it. */
function withOffset(ms: number, offsetMinutes: number, fraction: boolean): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, fraction ? 23 : 19)
  const sign = offsetMinutes < 0 ? '-' : '+'
  const abs = Math.abs(offsetMinutes)
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

/** Python's `datetime.isoformat()` in UTC: microseconds, and no fraction at all when they are zero. */
function pythonIso(ms: number, micros: number): string {
  const base = new Date(ms).toISOString().slice(0, 19)
  const fraction = (ms % 1000) * 1000 + micros
  return `${base}${fraction === 0 ? '' : `.${String(fraction).padStart(6, '0')}`}+00:00`
}

function mimeBase(mimeType: string): string {
  return mimeType.split(';')[0]!.trim()
}

// --- Chrome DevTools ("Save all as HAR with content") ---------------------------------------------------------

const CHROME_TYPE: Record<Kind, string> = { document: 'document', script: 'script', image: 'image', media: 'media', fetch: 'fetch', preflight: 'preflight', other: 'other' }
const CHROME_PRIORITY: Record<Kind, string> = { document: 'VeryHigh', script: 'High', image: 'Low', media: 'Low', fetch: 'High', preflight: 'High', other: 'Low' }

export function chromeHar(capture: Capture): Written {
  const fresh = freshTracker()
  // DevTools lists requests as the page issued them; a preflight comes right after the request it clears.
  const order = sorted(capture.exchanges.filter((x) => x.kind !== 'preflight'), (x) => x.at)
  const preflights = groupBy(capture.exchanges.filter((x) => x.preflightFor !== undefined), (x) => x.preflightFor)
  const withPreflights = order.flatMap((x) => [x, ...(preflights.get(x.id) ?? [])])
  const entries = withPreflights.map((x, i) => ({ id: x.id, entry: chromeEntry(x, i, fresh(x), capture) }))
  const page = capture.page!
  return written(entries, {
    version: '1.2',
    creator: { name: 'WebInspector', version: '537.36' },
    pages: [{ startedDateTime: new Date(page.at).toISOString(), id: 'page_1', title: page.url, pageTimings: { onContentLoad: 412.734, onLoad: 688.192 } }],
  })
}

function chromeEntry(x: Exchange, i: number, fresh: boolean, capture: Capture): Json {
  const u = new URL(x.url)
  const failed = x.response === undefined
  const initiator =
    x.kind === 'document' ? { type: 'other' }
      : x.kind === 'preflight' ? { type: 'preflight', url: x.url, requestId: `41207.${300 + i}` }
        : x.kind === 'fetch' || x.kind === 'media'
          ? { type: 'script', stack: { callFrames: [{ functionName: x.url.startsWith(EDGE_HOST) ? 'sendMediaEvent' : 'load', scriptId: '17', url: `${PAGE_ORIGIN}/static/player.js`, lineNumber: 0, columnNumber: 1184 }] } }
          : { type: 'parser', url: capture.page!.url, lineNumber: 0 }
  // A request that never left (blocked) has only the provisional headers; one sent over h2 shows the pseudo-headers.
  // The default export is sanitized: no Authorization, Cookie or Set-Cookie.
  const sent = x.requestHeaders.filter((h) => h.name !== 'authorization' && h.name !== 'cookie')
  const requestHeaders = failed
    ? titleCased(sent.filter((h) => ['referer', 'user-agent', 'accept'].includes(h.name))).concat(sent.filter((h) => h.name.startsWith('sec-ch-ua')))
    : x.h2
      ? [{ name: ':authority', value: u.host }, { name: ':method', value: x.method }, { name: ':path', value: pathOf(x.url) }, { name: ':scheme', value: 'https' }, ...sent]
      : titleCased(sent)
  const version = failed ? '' : x.h2 ? 'http/2.0' : 'HTTP/1.1'
  const p = phases(x, fresh)
  const timings = failed
    ? { blocked: x.duration, dns: -1, ssl: -1, connect: -1, send: 0, wait: 0, receive: 0, _blocked_queueing: 0.8 }
    : { blocked: p.blocked, dns: p.dns, ssl: p.ssl, connect: p.connect, send: p.send, wait: p.wait, receive: p.receive, _blocked_queueing: 0.6, _workerStart: -1, _workerReady: -1, _workerFetchStart: -1, _workerRespondWithSettled: -1 }
  const time = [timings.blocked, timings.dns, timings.connect, timings.send, timings.wait, timings.receive].reduce((sum, t) => sum + Math.max(0, t), 0)
  const response = x.response
  const body = response?.body
  const content: Json = body ? { size: byteLength(body), mimeType: mimeBase(body.mimeType) } : { size: 0, mimeType: 'x-unknown' }
  if (body) Object.assign(content, 'text' in body ? { text: body.text } : { text: body.base64, encoding: 'base64' })
  return {
    ...(failed ? {} : { _connectionId: String(480_211 + (fresh ? i : 0)) }),
    _initiator: initiator,
    _priority: CHROME_PRIORITY[x.kind],
    _resourceType: CHROME_TYPE[x.kind],
    cache: {},
    ...(failed ? {} : { connection: '443' }),
    pageref: 'page_1',
    request: {
      method: x.method,
      url: x.url,
      httpVersion: version,
      headers: requestHeaders,
      queryString: queryString(x.url),
      cookies: [],
      headersSize: -1,
      bodySize: byteLength(x.requestBody),
      ...(x.requestBody ? { postData: { mimeType: x.requestBody.mimeType, text: bodyText(x.requestBody) } } : {}),
    },
    response: {
      status: response?.status ?? 0,
      statusText: response ? STATUS_TEXT[response.status] ?? '' : '',
      httpVersion: version,
      headers: (response?.headers ?? []).filter((h) => h.name !== 'set-cookie'),
      cookies: [],
      content,
      redirectURL: '',
      headersSize: -1,
      bodySize: failed ? -1 : byteLength(body),
      _transferSize: failed ? 0 : byteLength(body) + 120,
      _error: x.failure ?? null,
      _fetchedViaServiceWorker: false,
    },
    serverIPAddress: x.serverIp,
    startedDateTime: new Date(x.at).toISOString(),
    time,
    timings,
  }
}

// --- Firefox DevTools ("Save All As HAR") ----------------------------------------------------------------------

export interface FirefoxOptions {
  /** Minutes east of UTC of the machine that exported (Firefox writes local time with its offset). */
  offset: number
  /** devtools.netmonitor.har.includeResponseBodies = false: every content gets a comment instead of text. */
  withoutResponseBodies?: boolean
}

export function firefoxHar(capture: Capture, options: FirefoxOptions): Written {
  const fresh = freshTracker()
  const entries = sorted(capture.exchanges, (x) => x.at).map((x) => ({ id: x.id, entry: firefoxEntry(x, fresh(x), options) }))
  const page = capture.page!
  return written(entries, {
    version: '1.2',
    creator: { name: 'Firefox', version: '140.0' },
    browser: { name: 'Firefox', version: '140.0' },
    pages: [{ id: 'page_1', pageTimings: { onContentLoad: 455, onLoad: 702 }, startedDateTime: withOffset(page.at, options.offset, true), title: page.url }],
  })
}

function firefoxEntry(x: Exchange, fresh: boolean, options: FirefoxOptions): Json {
  const u = new URL(x.url)
  const failed = x.response === undefined
  const version = failed ? '' : x.h2 ? 'HTTP/2' : 'HTTP/1.1'
  // Firefox shows request headers as it built them (Host first, Title-Case), response headers as received.
  const requestHeaders = titleCased([{ name: 'host', value: u.host }, ...x.requestHeaders], false)
  const request: Json = {
    bodySize: x.requestBody ? bodyText(x.requestBody).length : 0,
    method: x.method,
    url: x.url,
    httpVersion: version,
    headers: requestHeaders,
    cookies: [],
    queryString: queryString(x.url),
    headersSize: requestHeaders.reduce((n, h) => n + h.name.length + h.value.length + 4, 0),
    ...(x.requestBody ? { postData: { mimeType: x.requestBody.mimeType, params: [], text: bodyText(x.requestBody) } } : {}),
  }
  const body = x.response?.body
  const content: Json = {}
  if (failed) content.size = -1
  else {
    if (body) content.mimeType = body.mimeType
    content.size = byteLength(body)
    if (body && !('text' in body)) content.encoding = 'base64'
    if (options.withoutResponseBodies) content.comment = 'Response bodies are not included.'
    else content.text = body ? ('text' in body ? body.text : body.base64) : ''
  }
  const response: Json = {
    status: x.response?.status ?? 0,
    statusText: x.response ? STATUS_TEXT[x.response.status] ?? '' : '',
    httpVersion: version,
    headers: x.response?.headers ?? [],
    cookies: [],
    content,
    redirectURL: '',
    headersSize: failed ? -1 : 180,
    bodySize: failed ? -1 : byteLength(body) + 180,
  }
  const p = phases(x, fresh)
  // A request blocked before it left has no event timings: Firefox writes an empty object and time 0.
  const timings = failed ? {} : { blocked: 0, dns: Math.max(0, p.dns), connect: Math.max(0, p.connect), ssl: Math.max(0, p.ssl), send: 0, wait: p.wait, receive: p.receive }
  const time = Object.values(timings).reduce((sum: number, t) => sum + (t === -1 ? 0 : t), 0)
  return {
    startedDateTime: withOffset(x.at, options.offset, true),
    request,
    response,
    cache: {},
    timings,
    time,
    _securityState: failed ? 'insecure' : 'secure',
    ...(x.serverIp ? { serverIPAddress: x.serverIp, connection: '443' } : {}),
    pageref: 'page_1',
  }
}

// --- Charles Proxy (File → Export Session… → HTTP Archive) -----------------------------------------------------

export function charlesHar(capture: Capture, options: { offset: number; version?: string }): Written {
  const fresh = freshTracker()
  const entries = sorted(capture.exchanges, (x) => x.sentAt ?? x.at).map((x) => ({ id: x.id, entry: charlesEntry(x, fresh(x), options.offset) }))
  return written(entries, { version: '1.2', creator: { name: 'Charles Proxy', version: options.version ?? '4.6.8' } })
}

function charlesEntry(x: Exchange, fresh: boolean, offset: number): Json {
  const u = new URL(x.url)
  const version = x.h2 ? 'HTTP/2.0' : 'HTTP/1.1'
  const requestHeaders = x.h2
    ? [{ name: ':method', value: x.method }, { name: ':scheme', value: 'https' }, { name: ':path', value: pathOf(x.url) }, { name: ':authority', value: u.host }, ...x.requestHeaders.filter((h) => h.name !== 'host' && h.name !== 'connection')]
    : titleCased(x.requestHeaders)
  const response = x.response
  if (!response) throw new Error(`charlesHar: no Charles format is known for ${x.id}, which has no response`)
  const body = response.body
  const contentType = response.headers.find((h) => h.name === 'content-type')?.value ?? null
  // Charles saves response bodies as base64, JSON included; a missing Content-Type is a null mimeType.
  const content: Json = { size: byteLength(body), mimeType: contentType }
  if (body) Object.assign(content, { text: base64Of(body), encoding: 'base64' })
  const p = phases(x, fresh)
  return {
    startedDateTime: withOffset(x.sentAt ?? x.at, offset, true),
    time: x.duration,
    request: {
      method: x.method,
      url: x.url,
      httpVersion: version,
      cookies: [],
      headers: requestHeaders,
      queryString: queryString(x.url),
      ...(x.requestBody ? { postData: { mimeType: x.requestBody.mimeType, text: bodyText(x.requestBody) } } : {}),
      headersSize: requestHeaders.reduce((n, h) => n + h.name.length + h.value.length + 4, 0),
      bodySize: byteLength(x.requestBody),
    },
    response: {
      _charlesStatus: 'COMPLETE',
      status: response.status,
      statusText: x.h2 ? null : STATUS_TEXT[response.status] ?? null,
      httpVersion: version,
      cookies: [],
      headers: x.h2 ? [{ name: ':status', value: String(response.status) }, ...response.headers] : titleCased(response.headers),
      content,
      redirectURL: null,
      headersSize: 160,
      bodySize: byteLength(body),
    },
    serverIPAddress: x.serverIp,
    cache: {},
    timings: { dns: p.dns, connect: p.connect, ssl: p.ssl, send: p.send, wait: p.wait, receive: p.receive },
  }
}

// --- Proxyman for Windows/Linux (Export → HAR) ------------------------------------------------------------------

export function proxymanHar(capture: Capture, options: { offset: number; version?: string }): Written {
  const entries = sorted(capture.exchanges, (x) => x.sentAt ?? x.at).map((x) => ({ id: x.id, entry: proxymanEntry(x, options.offset) }))
  // No log.pages, and whole seconds in startedDateTime (ProxymanApp/proxyman-windows-linux#560).
  return written(entries, { version: '1.2', creator: { name: 'Proxyman', version: options.version ?? '3.5.0' } })
}

function proxymanEntry(x: Exchange, offset: number): Json {
  const request = {
    method: x.method,
    url: x.url,
    httpVersion: 'HTTP/1.1',
    cookies: [],
    headers: titleCased(x.requestHeaders),
    queryString: queryString(x.url),
    ...(x.requestBody ? { postData: { mimeType: x.requestBody.mimeType, text: bodyText(x.requestBody) } } : {}),
    headersSize: -1,
    bodySize: byteLength(x.requestBody),
  }
  const base: Json = { startedDateTime: withOffset(x.sentAt ?? x.at, offset, false), time: x.inFlight ? 0 : x.duration, request }
  // A request still running when the session was exported has no response object at all.
  if (!x.response) return { ...base, cache: {}, timings: { send: 0, wait: 0, receive: 0 } }
  const body = x.response.body
  const content: Json = { size: byteLength(body), mimeType: body?.mimeType ?? '' }
  if (body) Object.assign(content, 'text' in body ? { text: body.text } : { text: body.base64, encoding: 'base64' })
  return {
    ...base,
    response: {
      status: x.response.status,
      statusText: STATUS_TEXT[x.response.status] ?? '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: titleCased(x.response.headers),
      content,
      redirectURL: '',
      headersSize: -1,
      bodySize: byteLength(body),
    },
    cache: {},
    timings: { send: 1, wait: x.duration - 2, receive: 1 },
    serverIPAddress: x.serverIp,
  }
}

// --- mitmproxy (`save.har` command / savehar addon) -------------------------------------------------------------

export function mitmproxyHar(capture: Capture, options: { mitmproxyVersion?: string } = {}): Written {
  const fresh = freshTracker()
  const entries = sorted(capture.exchanges, (x) => x.sentAt ?? x.at).map((x, i) => ({ id: x.id, entry: mitmproxyEntry(x, i, fresh(x)) }))
  return written(entries, {
    version: '1.2',
    creator: { name: 'mitmproxy exporthar', version: '0.1', comment: `mitmproxy version ${options.mitmproxyVersion ?? '12.1.1'}` },
    pages: [],
  })
}

function mitmproxyEntry(x: Exchange, i: number, fresh: boolean): Json {
  const start = x.sentAt ?? x.at
  // Microseconds from the flow's float timestamps; the sessionStart left on the second exactly.
  const micros = x.id === 'edge:0' ? 0 : (i * 389) % 1000
  const version = x.h2 ? 'HTTP/2.0' : 'HTTP/1.1'
  const failed = x.response === undefined
  const p = phases(x, fresh)
  // Reused server connections get -1.0; a server connection never made leaves connect and ssl None (null).
  const timings = failed
    ? { connect: null, ssl: null, send: 0.215, receive: 0, wait: 0 }
    : { connect: fresh ? p.connect + 0.113 : -1.0, ssl: fresh ? p.ssl + 0.291 : -1.0, send: 0.318, receive: p.receive + 0.042, wait: p.wait + 0.527 }
  const time = Object.values(timings).reduce((sum: number, t) => sum + (t !== null && t >= 0 ? t : 0), 0)
  const requestHeaders = x.h2 ? x.requestHeaders.filter((h) => h.name !== 'host' && h.name !== 'connection') : titleCased(x.requestHeaders)
  let response: Json
  if (x.response) {
    const body = x.response.body
    const contentType = x.response.headers.find((h) => h.name === 'content-type')?.value ?? ''
    const content: Json = { size: byteLength(body), compression: 0, mimeType: contentType }
    // Binary ("mostly binary") bodies are base64; everything else is text, "" for none.
    if (body && !('text' in body)) Object.assign(content, { text: body.base64, encoding: 'base64' })
    else content.text = body ? body.text : ''
    response = {
      status: x.response.status,
      statusText: x.h2 ? '' : STATUS_TEXT[x.response.status] ?? '',
      httpVersion: version,
      cookies: [],
      headers: x.h2 ? x.response.headers : titleCased(x.response.headers),
      content,
      redirectURL: '',
      headersSize: x.response.headers.reduce((n, h) => n + h.name.length + h.value.length + 4, 0),
      bodySize: byteLength(body),
    }
  } else {
    response = {
      status: 0, statusText: '', httpVersion: '', headers: [], cookies: [], content: {}, redirectURL: '', headersSize: -1, bodySize: -1,
      _transferSize: 0, _error: `Server connection to ('${hostOf(x.url)}', 443) failed: Error connecting to "${hostOf(x.url)}": [Errno -2] Name or service not known`,
    }
  }
  const request: Json = {
    method: x.method,
    url: x.url,
    httpVersion: version,
    cookies: [],
    headers: requestHeaders,
    queryString: queryString(x.url),
    headersSize: requestHeaders.reduce((n, h) => n + h.name.length + h.value.length + 4, 0),
    bodySize: byteLength(x.requestBody),
  }
  if (['POST', 'PUT', 'PATCH'].includes(x.method)) request.postData = { mimeType: x.requestBody?.mimeType ?? '', text: x.requestBody ? bodyText(x.requestBody) : '', params: [] }
  return {
    startedDateTime: pythonIso(start, micros),
    time,
    request,
    response,
    cache: {},
    timings,
    ...(x.serverIp ? { serverIPAddress: x.serverIp } : {}),
  }
}

// --- Playwright (`recordHar`, content: 'embed') -----------------------------------------------------------------

const PAGE_GUID = 'page@5f2d0c8be1a34f6f9a1d7c3b2e4a6f80'

export function playwrightHar(capture: Capture, options: { playwrightVersion?: string; chromiumVersion?: string } = {}): Written {
  const fresh = freshTracker()
  // Entries are pushed when requests start.
  const entries = sorted(capture.exchanges, (x) => x.at).map((x) => ({ id: x.id, entry: playwrightEntry(x, fresh(x)) }))
  const page = capture.page!
  return written(entries, {
    version: '1.2',
    creator: { name: 'Playwright', version: options.playwrightVersion ?? '1.54.1' },
    browser: { name: 'chromium', version: options.chromiumVersion ?? '139.0.7258.5' },
    pages: [{ startedDateTime: new Date(page.at).toISOString(), id: PAGE_GUID, title: page.title, pageTimings: { onContentLoad: 397, onLoad: 671 } }],
  })
}

const TEXTUAL = /^(text\/.*?|application\/(json|(x-)?javascript|xml.*?|ecmascript|graphql|x-www-form-urlencoded)|image\/svg(\+xml)?|application\/.*?(\+json|\+xml))(;\s*charset=.*)?$/

function playwrightEntry(x: Exchange, fresh: boolean): Json {
  const u = new URL(x.url)
  const request: Json = {
    method: x.method,
    url: x.url,
    httpVersion: 'HTTP/1.1',
    cookies: [],
    headers: titleCased(x.requestHeaders),
    queryString: queryString(x.url),
    headersSize: -1,
    bodySize: byteLength(x.requestBody),
  }
  if (x.requestBody) request.postData = { mimeType: x.requestBody.mimeType, text: bodyText(x.requestBody), params: [] }
  const entry: Json = { startedDateTime: new Date(x.at).toISOString(), time: -1, request }
  if (!x.response) {
    // No response event: the entry keeps the placeholders it was created with, and the failure text.
    Object.assign(entry, {
      response: {
        status: -1, statusText: '', httpVersion: 'HTTP/1.1', cookies: [], headers: [], content: { size: -1, mimeType: 'x-unknown' },
        headersSize: -1, bodySize: -1, redirectURL: '', _transferSize: -1, ...(x.failure ? { _failureText: x.failure } : {}),
      },
      cache: {},
      timings: { send: -1, wait: -1, receive: -1 },
      pageref: PAGE_GUID,
      // A test that routes a request to abort() marks it.
      ...(x.failure === 'net::ERR_FAILED' ? { _wasAborted: true } : {}),
    })
    return entry
  }
  const version = x.h2 ? 'HTTP/2.0' : 'HTTP/1.1'
  // The raw headers from the network stack replace the provisional ones: over h2, lower case with pseudo-headers.
  request.httpVersion = version
  request.headers = x.h2
    ? [{ name: ':authority', value: u.host }, { name: ':method', value: x.method }, { name: ':path', value: pathOf(x.url) }, { name: ':scheme', value: 'https' }, ...x.requestHeaders]
    : titleCased(x.requestHeaders)
  request.headersSize = 412
  const body = x.response.body
  const contentType = x.response.headers.find((h) => h.name === 'content-type')?.value ?? 'x-unknown'
  const content: Json = { size: byteLength(body), mimeType: contentType, compression: 0 }
  // Textual types are embedded as text, everything else (an empty 204 of type x-unknown too) as base64.
  if (TEXTUAL.test(contentType)) content.text = body ? bodyText(body) : ''
  else Object.assign(content, { text: body ? base64Of(body) : '', encoding: 'base64' })
  const p = phases(x, fresh)
  const timings = { dns: p.dns, connect: p.connect, ssl: p.ssl, send: 0, wait: p.wait, receive: p.receive }
  Object.assign(entry, {
    time: [timings.dns, timings.connect, timings.ssl, timings.wait, timings.receive].reduce((sum, t) => (t > 0 ? sum + t : sum), 0),
    response: {
      status: x.response.status,
      statusText: STATUS_TEXT[x.response.status] ?? '',
      httpVersion: version,
      cookies: [],
      headers: x.h2 ? x.response.headers : titleCased(x.response.headers),
      content,
      headersSize: 230,
      bodySize: byteLength(body),
      redirectURL: '',
      _transferSize: byteLength(body) + 230,
    },
    cache: {},
    timings,
    pageref: PAGE_GUID,
    serverIPAddress: x.serverIp,
    _serverPort: 443,
    _securityDetails: { protocol: 'TLS 1.3', subjectName: u.hostname, issuer: 'Example Issuing CA', validFrom: 1767225600, validTo: 1798761599 },
  })
  return entry
}
