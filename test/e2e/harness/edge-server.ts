/**
 * A stand-in Adobe Edge Network on 127.0.0.1: answers sessionStart (on /va/v1/sessionStart and on
 * /v1/interact) with a fresh session ID in the `media-analytics:new-session` handle, every other media
 * endpoint with 204, and serves the test pages from test/e2e/pages. It records what it received, so tests
 * can compare it with what the extension captured.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'

const PAGES = resolve(import.meta.dirname, '../pages')

export interface ReceivedRequest {
  method: string
  path: string
  body: string
  /** For sessionStart: the ID this server issued. */
  issued?: string
}

export interface EdgeServer {
  origin: string
  received: ReceivedRequest[]
  /** Resolves once `count` media requests arrived. */
  waitForRequests(count: number, timeoutMs?: number): Promise<void>
  close(): Promise<void>
}

const MEDIA_PATH = /^\/[^/]+(?:\/[^/]+)?\/(?:va\/v1\/[^/]+|v1\/(?:interact|collect))$/

export async function startEdgeServer(): Promise<EdgeServer> {
  const received: ReceivedRequest[] = []
  const waiters: Array<() => void> = []

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      response.writeHead(500).end(String(error))
    })
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const body = await readBody(request)
    if (request.method === 'GET' && url.pathname.startsWith('/pages/')) {
      const file = join(PAGES, url.pathname.slice('/pages/'.length).replace(/\.\./g, ''))
      response.writeHead(200, { 'Content-Type': file.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
      response.end(readFileSync(file))
      return
    }
    if (request.method === 'POST' && MEDIA_PATH.test(url.pathname)) {
      const record: ReceivedRequest = { method: request.method, path: url.pathname, body }
      received.push(record)
      for (const wake of waiters.splice(0)) wake()
      if (isSessionStart(url.pathname, body)) {
        record.issued = randomUUID().replace(/-/g, '')
        response.writeHead(200, { 'Content-Type': 'application/json' })
        response.end(JSON.stringify({
          requestId: randomUUID(),
          handle: [
            { payload: [{ sessionId: record.issued }], type: 'media-analytics:new-session', eventIndex: 0 },
            { payload: [{ scope: 'EdgeNetwork', hint: 'or2', ttlSeconds: 1800 }], type: 'locationHint:result' },
          ],
        }))
        return
      }
      response.writeHead(url.pathname.endsWith('/v1/interact') ? 200 : 204, { 'Content-Type': 'application/json' })
      response.end(url.pathname.endsWith('/v1/interact') ? '{"handle":[]}' : undefined)
      return
    }
    response.writeHead(404).end()
  }

  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
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
    close: () => new Promise<void>((done) => server.close(() => done())),
  }
}

function isSessionStart(path: string, body: string): boolean {
  return path.endsWith('/va/v1/sessionStart') || (path.endsWith('/v1/interact') && body.includes('"media.sessionStart"'))
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => done(Buffer.concat(chunks).toString('utf8')))
    request.on('error', fail)
  })
}
