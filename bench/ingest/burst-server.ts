/**
 * The cheapest stand-in Media Edge there is, so the ingest figure measures the browser and the extension, not
 * the server: GET serves an empty page, POST …/sessionStart gets the session ID in the `media-analytics:new-session`
 * handle, every other POST 204. Bodies are drained, not kept; only a count of answered POSTs is.
 * CORS is open (`*`), because the burst spreads over several host names that all map to this one server.
 * WebSockets (the flood benchmark) are accepted on any path and their frames counted and discarded.
 */
import { randomUUID } from 'node:crypto'
import type { Server } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'

export interface BurstServer {
  port: number
  /** POSTs answered so far. */
  answered(): number
  /** WebSocket frames received so far, and their characters. */
  socketFrames(): { frames: number; chars: number }
  close(): Promise<void>
}

const CORS = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'Content-Type', 'Access-Control-Allow-Methods': 'POST' }

export async function startBurstServer(): Promise<BurstServer> {
  let answered = 0
  const server: Server = createServer((request, response) => {
    if (request.method === 'GET') {
      response.writeHead(200, { 'Content-Type': 'text/html', 'Cache-Control': 'no-store' }).end('<!doctype html><title>ingest</title>')
      return
    }
    if (request.method === 'OPTIONS') {
      response.writeHead(204, CORS).end()
      return
    }
    request.resume()
    request.on('end', () => {
      answered++
      if (request.url?.includes('/sessionStart')) {
        const sessionId = randomUUID().replace(/-/g, '')
        response.writeHead(200, { ...CORS, 'Content-Type': 'application/json' })
        response.end(JSON.stringify({ requestId: randomUUID(), handle: [{ payload: [{ sessionId }], type: 'media-analytics:new-session', eventIndex: 0 }] }))
      } else {
        response.writeHead(204, CORS).end()
      }
    })
  })
  server.keepAliveTimeout = 60_000
  const sockets = new WebSocketServer({ server })
  const received = { frames: 0, chars: 0 }
  sockets.on('connection', (socket) => socket.on('message', (data: Buffer) => {
    received.frames++
    received.chars += data.length
  }))
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready))
  return {
    port: (server.address() as AddressInfo).port,
    answered: () => answered,
    socketFrames: () => ({ ...received }),
    close: () => new Promise<void>((closed) => {
      for (const client of sockets.clients) client.terminate()
      sockets.close()
      server.closeAllConnections()
      server.close(() => closed())
    }),
  }
}
