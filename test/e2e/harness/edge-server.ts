/**
 * A stand-in Adobe Edge Network on 127.0.0.1: answers sessionStart (on /va/v1/sessionStart and on
 * /v1/interact) with a fresh session ID in the `media-analytics:new-session` handle, every other media
 * endpoint with 204, and serves the test pages from test/e2e/pages (plus alloy's standalone build at
 * /vendor/alloy.js). It records what it received, so tests can compare it with what the extension captured.
 *
 * `startEdgeServer()` is plain HTTP and serves pages and Edge from one origin (the scripted player).
 * `startEdgeServer({ tls: true })` serves HTTPS with the test-only certificate for edge.example.test in
 * ./certs: the Web SDK (alloy) always calls `https://<edgeDomain>` and its edgeDomain cannot carry a port,
 * so the browser maps edge.example.test to this server (see EDGE_HOST and hostResolverArgs).
 *
 * What alloy needs from it (reference/alloy-facts.md): every response carries the identity and cluster
 * cookies as a `state:store` handle (alloy writes them with document.cookie and serialises its requests
 * until the identity cookie exists), and CORS for credentialed requests: the exact Origin and
 * Allow-Credentials; OPTIONS preflights are answered too.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'

const PAGES = resolve(import.meta.dirname, '../pages')
const CERTS = resolve(import.meta.dirname, 'certs')
/** alloy's standalone build, which the pages load as /vendor/alloy.js (the demo site serves it too). */
export const ALLOY = resolve(import.meta.dirname, '../../../node_modules/@adobe/alloy/dist/alloy.js')

/** The host name the test pages give alloy as `edgeDomain`; the certificate in ./certs is made for it. */
export const EDGE_HOST = 'edge.example.test'
/** The IMS org of the test pages' alloy config, and the cookie names Edge derives from it. */
export const ORG_ID = 'ABC@AdobeOrg'
const COOKIE_ORG = ORG_ID.replace(/@/g, '_')
export const IDENTITY_COOKIE = `kndctr_${COOKIE_ORG}_identity`
export const CLUSTER_COOKIE = `kndctr_${COOKIE_ORG}_cluster`
/** The location hint this server hands out; alloy puts it in later paths (/ee/or2/...). */
export const CLUSTER = 'or2'
/** A fixed ECID, returned in the identity:result handle. */
export const ECID = '12345678901234567890123456789012345678'
/** The identity cookie as Edge writes it: a protobuf `Identity { string ecid = 1 }`, base64 with '_' and '-'. */
const IDENTITY_COOKIE_VALUE = Buffer.concat([Buffer.from([0x0a, ECID.length]), Buffer.from(ECID)])
  .toString('base64')
  .replace(/\//g, '_')
  .replace(/\+/g, '-')

export interface ReceivedRequest {
  method: string
  path: string
  /** The query string, with its leading '?', or ''. */
  search: string
  body: string
  /** The request's Origin header, if any. */
  origin: string | null
  /** When the request's body had arrived (ms since the epoch). */
  at: number
  /** The status this server answered with. */
  status: number
  /** For sessionStart: the ID this server issued. */
  issued?: string
}

export interface EdgeServerOptions {
  /** Serve HTTPS with the test-only certificate for EDGE_HOST. */
  tls?: boolean
}

export interface EdgeServer {
  /** http(s)://127.0.0.1:<port>; with `tls`, reach it as https://EDGE_HOST through hostResolverArgs(). */
  origin: string
  port: number
  /** Every POST to a media or Edge path, in order of arrival. */
  received: ReceivedRequest[]
  /** Requests this server had no answer for (404), as 'METHOD path'. */
  unmatched: string[]
  /** Preflights answered, as 'path'. */
  preflights: string[]
  /** Resolves once `count` media requests arrived. */
  waitForRequests(count: number, timeoutMs?: number): Promise<void>
  /** Resolves with the first received request (from index `from` on) that `match` accepts. */
  waitFor(match: (request: ReceivedRequest) => boolean, options?: { from?: number; timeoutMs?: number; what?: string }): Promise<ReceivedRequest>
  close(): Promise<void>
}

const MEDIA_PATH = /^\/[^/]+(?:\/[^/]+)?\/(?:va\/v1\/[^/]+|v1\/(?:interact|collect))$/
const COLLECTION_SESSIONS = /\/api\/v1\/sessions$/
const COLLECTION_EVENTS = /\/api\/v1\/sessions\/[^/]+\/events$/
const TRANSPARENT_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')
/** The legacy heartbeat host the test pages use; the browser maps it to the server (heartbeatResolverArgs). */
export const HEARTBEAT_HOST = 'sample.hb.omtrdc.net'

/** Chromium switch that sends the legacy heartbeat host to a plain-HTTP `server`. */
export function heartbeatResolverArgs(server: EdgeServer): string[] {
  return [`--host-resolver-rules=MAP ${HEARTBEAT_HOST} 127.0.0.1:${server.port}`]
}

/** Chromium switches that send EDGE_HOST to `server` and let it present its self-signed certificate. */
export function hostResolverArgs(server: EdgeServer): string[] {
  return [`--host-resolver-rules=MAP ${EDGE_HOST} 127.0.0.1:${server.port}`, '--ignore-certificate-errors']
}

export async function startEdgeServer(options: EdgeServerOptions = {}): Promise<EdgeServer> {
  const received: ReceivedRequest[] = []
  const unmatched: string[] = []
  const preflights: string[] = []
  const waiters: Array<() => void> = []

  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500)
      response.end(String(error))
    })
  }
  const server = options.tls
    ? createHttpsServer({ key: readFileSync(join(CERTS, `${EDGE_HOST}.key`)), cert: readFileSync(join(CERTS, `${EDGE_HOST}.crt`)) }, listener)
    : createServer(listener)

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const body = await readBody(request)
    const origin = typeof request.headers.origin === 'string' ? request.headers.origin : null
    // Credentialed cross-origin requests need the exact origin, never '*'.
    const cors: Record<string, string> = origin ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' } : {}

    if (request.method === 'OPTIONS') {
      preflights.push(url.pathname)
      response.writeHead(204, {
        ...cors,
        'Access-Control-Allow-Methods': 'POST, GET, OPTIONS',
        'Access-Control-Allow-Headers': String(request.headers['access-control-request-headers'] ?? 'Content-Type'),
        'Access-Control-Max-Age': '600',
      })
      response.end()
      return
    }
    if (request.method === 'GET' && url.pathname === '/favicon.ico') {
      response.writeHead(204).end()
      return
    }
    if (request.method === 'GET' && url.pathname === '/vendor/alloy.js') {
      response.writeHead(200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'no-store' })
      response.end(readFileSync(ALLOY))
      return
    }
    if (request.method === 'GET' && url.pathname.startsWith('/pages/')) {
      const file = join(PAGES, url.pathname.slice('/pages/'.length).replace(/\.\./g, ''))
      response.writeHead(200, { 'Content-Type': file.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
      response.end(readFileSync(file))
      return
    }
    if (request.method === 'POST' && MEDIA_PATH.test(url.pathname)) {
      const record: ReceivedRequest = { method: request.method, path: url.pathname, search: url.search, body, origin, at: Date.now(), status: 0 }
      received.push(record)
      for (const wake of waiters.splice(0)) wake()
      const interact = /\/v1\/(?:interact|collect)$/.test(url.pathname)
      const start = sessionStartIndex(url.pathname, body)
      if (start !== null) {
        record.issued = randomUUID().replace(/-/g, '')
        record.status = 200
        response.writeHead(200, { ...cors, 'Content-Type': 'application/json' })
        response.end(JSON.stringify({
          requestId: randomUUID(),
          handle: [
            { payload: [{ sessionId: record.issued }], type: 'media-analytics:new-session', eventIndex: start },
            { payload: [{ scope: 'EdgeNetwork', hint: CLUSTER, ttlSeconds: 1800 }], type: 'locationHint:result' },
            ...edgeStateHandles(),
          ],
        }))
        return
      }
      record.status = interact ? 200 : 204
      response.writeHead(record.status, { ...cors, 'Content-Type': 'application/json' })
      response.end(interact ? JSON.stringify({ requestId: randomUUID(), handle: edgeStateHandles() }) : undefined)
      return
    }
    // The Media Collection API: sessions are answered 201 with the ID in Location, events 204.
    if (request.method === 'POST' && COLLECTION_SESSIONS.test(url.pathname)) {
      const record: ReceivedRequest = { method: 'POST', path: url.pathname, search: url.search, body, origin, at: Date.now(), status: 201, issued: randomUUID().replace(/-/g, '') }
      received.push(record)
      for (const wake of waiters.splice(0)) wake()
      response.writeHead(201, { ...cors, Location: `/api/v1/sessions/${record.issued}`, 'Access-Control-Expose-Headers': 'Location', 'Content-Length': '0' })
      response.end()
      return
    }
    if (request.method === 'POST' && COLLECTION_EVENTS.test(url.pathname)) {
      received.push({ method: 'POST', path: url.pathname, search: url.search, body, origin, at: Date.now(), status: 204 })
      for (const wake of waiters.splice(0)) wake()
      response.writeHead(204, cors).end()
      return
    }
    // Legacy heartbeats: a GET whose query carries the event, answered with an empty image.
    if (request.method === 'GET' && url.searchParams.has('s:event:type')) {
      received.push({ method: 'GET', path: url.pathname, search: url.search, body: '', origin, at: Date.now(), status: 200 })
      for (const wake of waiters.splice(0)) wake()
      response.writeHead(200, { ...cors, 'Content-Type': 'image/gif', 'Cache-Control': 'no-store' })
      response.end(TRANSPARENT_GIF)
      return
    }
    unmatched.push(`${request.method} ${url.pathname}`)
    response.writeHead(404, cors).end()
  }

  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready))
  const { port } = server.address() as AddressInfo

  async function waitFor(match: (request: ReceivedRequest) => boolean, { from = 0, timeoutMs = 15_000, what = 'the awaited request' } = {}): Promise<ReceivedRequest> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const found = received.slice(from).find(match)
      if (found) return found
      if (Date.now() > deadline) {
        throw new Error(`the stand-in Edge server did not get ${what} within ${timeoutMs} ms; it got: ${received.slice(from).map((r) => r.path).join(', ') || 'nothing'}`)
      }
      await new Promise<void>((wake) => {
        waiters.push(wake)
        setTimeout(wake, 200)
      })
    }
  }

  return {
    origin: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    received,
    unmatched,
    preflights,
    async waitForRequests(count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`the stand-in Edge server got ${received.length} of ${count} requests`)
        await new Promise<void>((wake) => {
          waiters.push(wake)
          setTimeout(wake, 200)
        })
      }
    },
    waitFor,
    close: () => new Promise<void>((done) => {
      server.close(() => done())
      server.closeAllConnections()
    }),
  }
}

/**
 * What Edge returns on every interact call: the identity and cluster cookies for the page to store
 * (alloy writes them itself, since Edge is a third party to the page), and the visitor's ECID.
 */
function edgeStateHandles(): unknown[] {
  return [
    {
      type: 'state:store',
      payload: [
        { key: IDENTITY_COOKIE, value: IDENTITY_COOKIE_VALUE, maxAge: 34128000 },
        { key: CLUSTER_COOKIE, value: CLUSTER, maxAge: 1800 },
      ],
    },
    { type: 'identity:result', payload: [{ id: ECID, namespace: { code: 'ECID' } }] },
  ]
}

/** The index of the media.sessionStart event a request carries, or null if it starts no session. */
function sessionStartIndex(path: string, body: string): number | null {
  if (path.endsWith('/va/v1/sessionStart')) return 0
  if (!/\/v1\/(?:interact|collect)$/.test(path)) return null
  try {
    const events = (JSON.parse(body) as { events?: Array<{ xdm?: { eventType?: unknown } }> }).events
    const index = Array.isArray(events) ? events.findIndex((e) => e?.xdm?.eventType === 'media.sessionStart') : -1
    return index >= 0 ? index : null
  } catch {
    return body.includes('"media.sessionStart"') ? 0 : null
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => done(Buffer.concat(chunks).toString('utf8')))
    request.on('error', fail)
  })
}
