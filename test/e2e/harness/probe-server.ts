/**
 * A server on 127.0.0.1 for the tests of the page hook itself (what a page can see of it, what it does to the
 * page's downloads). It serves the test pages, answers tracking URLs (any `/ee/va/v1/<action>?configId=…`, which
 * the Media Edge adapter claims on any host) with a small JSON body, streams bodies slowly and records what it
 * wrote of each and when the browser closed it, and runs a WebSocket whose first frame carries a GameSparks
 * `@class`, so the hook follows it.
 */
import { readFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { WebSocketServer } from 'ws'

const PAGES = resolve(import.meta.dirname, '../pages')

/** What the server did with one streamed body. */
export interface StreamRecord {
  /** Bytes handed to the connection (never more than it took: the server waits for it to drain). */
  written: number
  /** When each chunk was handed over (ms since the epoch), and its size. */
  writes: Array<[number, number]>
  /** When the browser closed the connection before the end (ms since the epoch), or null. */
  closedAt: number | null
  finished: boolean
}

/** Bytes the server handed over after `time`. */
export function sentAfter(record: StreamRecord, time: number): number {
  return record.writes.reduce((sum, [at, size]) => (at > time ? sum + size : sum), 0)
}

export interface ProbeServer {
  origin: string
  /** The WebSocket URL. */
  socketUrl: string
  /** Streamed bodies by the `id` of their URL. */
  streams: Map<string, StreamRecord>
  close(): Promise<void>
}

export const TRACKED_PATH = '/ee/va/v1'

export async function startProbeServer(): Promise<ProbeServer> {
  const streams = new Map<string, StreamRecord>()
  const server = createServer((request, response) => handle(request, response))

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    request.resume()
    if (url.pathname.startsWith('/pages/')) {
      const file = join(PAGES, url.pathname.slice('/pages/'.length).replace(/\.\./g, ''))
      response.writeHead(200, { 'Content-Type': file.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
      response.end(readFileSync(file))
      return
    }
    if (url.pathname.endsWith('/stream')) return stream(url, response)
    if (url.pathname.startsWith(`${TRACKED_PATH}/`) || url.pathname === '/untracked') {
      request.on('end', () => response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end('{"handle":[]}'))
      return
    }
    response.writeHead(404).end()
  }

  /** `?id&chunk=bytes&every=ms&total=bytes`: `total` bytes of JSON-ish text, `chunk` at a time, one per `every` ms. */
  function stream(url: URL, response: ServerResponse): void {
    const id = url.searchParams.get('id') ?? ''
    const chunkSize = Number(url.searchParams.get('chunk') ?? 16_384)
    const every = Number(url.searchParams.get('every') ?? 50)
    const total = Number(url.searchParams.get('total') ?? 8 * 1024 * 1024)
    const record: StreamRecord = { written: 0, writes: [], closedAt: null, finished: false }
    streams.set(id, record)
    response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Cache-Control': 'no-store' })
    const chunk = Buffer.alloc(chunkSize, 'a')
    let draining = false
    const timer = setInterval(() => {
      if (draining) return
      if (record.written >= total) {
        clearInterval(timer)
        record.finished = true
        response.end()
        return
      }
      const part = chunk.subarray(0, Math.min(chunkSize, total - record.written))
      record.written += part.length
      record.writes.push([Date.now(), part.length])
      if (!response.write(part)) {
        draining = true
        response.once('drain', () => void (draining = false))
      }
    }, every)
    response.on('close', () => {
      clearInterval(timer)
      if (!record.finished) record.closedAt = Date.now()
    })
  }

  const sockets = new WebSocketServer({ server, path: '/ws/probe' })
  sockets.on('connection', (socket) => {
    socket.send(JSON.stringify({ '@class': '.ProbeGreeting', nonce: 'probe' }))
    socket.on('message', (data, binary) => socket.send(data, { binary }))
  })

  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    socketUrl: `ws://127.0.0.1:${port}/ws/probe`,
    streams,
    close: () => new Promise<void>((done) => {
      for (const client of sockets.clients) client.terminate()
      sockets.close()
      server.close(() => done())
      server.closeAllConnections()
    }),
  }
}
