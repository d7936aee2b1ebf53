/**
 * Stand-ins for the two non-Adobe back ends, on 127.0.0.1:
 * - GameSparks over WebSocket at /ws/device/<apiKey>: nonce → AuthenticatedConnectRequest → sessionId, then an
 *   answer to every request by requestId, and an EndSessionResponse with the session's duration in ms;
 * - the VideoSDK v2 REST API (rooms, sessions, participants) and the browser SDK's init-config.
 * Both record what they received, so tests can compare it with what the extension captured.
 */
import { createHmac, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { WebSocketServer } from 'ws'

const PAGES = resolve(import.meta.dirname, '../pages')
export const GAMESPARKS_SECRET = 'e2e-api-secret'
export const VIDEOSDK_SECRET = 'e2e-videosdk-secret'

export interface Received {
  channel: 'gamesparks' | 'videosdk'
  method: string
  path: string
  body: string
  authorization: string | null
}

export interface GameAndCallServers {
  origin: string
  port: number
  received: Received[]
  waitFor(match: (request: Received) => boolean, what: string): Promise<Received>
  close(): Promise<void>
}

/** An HS256 JWT as VideoSDK's server SDK mints it. */
export function videoSdkToken(payload: Record<string, unknown>): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url')
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`
  return `${unsigned}.${createHmac('sha256', VIDEOSDK_SECRET).update(unsigned).digest('base64url')}`
}

export async function startGameAndCallServers(): Promise<GameAndCallServers> {
  const received: Received[] = []
  const waiters: Array<() => void> = []
  const record = (entry: Received): void => {
    received.push(entry)
    for (const wake of waiters.splice(0)) wake()
  }

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => response.writeHead(500).end(String(error)))
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
    if (url.pathname.startsWith('/v2/') || url.pathname.startsWith('/infra/')) {
      record({ channel: 'videosdk', method: request.method ?? '', path: url.pathname, body, authorization: request.headers.authorization ?? null })
      const json = body ? (JSON.parse(body) as Record<string, unknown>) : {}
      const roomId = String(json.roomId ?? 'room-unknown')
      const session = { id: '62429766903bdf001299cac5', roomId, start: '2026-03-27T05:21:42.829Z', end: null, status: 'ongoing', participants: [{ participantId: 'demo-1', name: 'Ada', timelog: [{ start: '2026-03-27T05:21:43.663Z', end: null }] }] }
      const answer =
        url.pathname === '/v2/rooms' ? { roomId: 'abcd-efgh-lmno', customRoomId: null, disabled: false, id: '660400f2aa0000000000aaaa' }
        : url.pathname === '/infra/v1/meetings/init-config' ? { data: { baseUrl: '127.0.0.1', socketUrl: '127.0.0.1', socketPath: '/socket.io' } }
        : session
      response.writeHead(200, { 'Content-Type': 'application/json' })
      response.end(JSON.stringify(answer))
      return
    }
    response.writeHead(404).end()
  }

  const sockets = new WebSocketServer({ server })
  sockets.on('connection', (socket, request) => {
    const nonce = randomBytes(8).toString('hex')
    let sessionId: string | null = null
    let startedAt = 0
    socket.send(JSON.stringify({ '@class': '.AuthenticatedConnectResponse', nonce }))
    socket.on('message', (data) => {
      const text = String(data)
      if (text.trim() === '') return
      const message = JSON.parse(text) as Record<string, unknown>
      const type = String(message['@class'])
      record({ channel: 'gamesparks', method: 'FRAME', path: request.url ?? '', body: text, authorization: null })
      if (type === '.AuthenticatedConnectRequest') {
        const expected = createHmac('sha256', GAMESPARKS_SECRET).update(nonce).digest('base64')
        if (message.hmac !== expected) {
          socket.send(JSON.stringify({ '@class': '.AuthenticatedConnectResponse', error: { hmac: 'INVALID' } }))
          return
        }
        sessionId = randomBytes(12).toString('hex')
        startedAt = Date.now()
        socket.send(JSON.stringify({ '@class': '.AuthenticatedConnectResponse', sessionId }))
        return
      }
      // Every authentication request is answered with .AuthenticationResponse, as GameSparks does.
      const responseClass = /AuthenticationRequest$/.test(type) ? '.AuthenticationResponse' : type.replace(/Request$/, 'Response')
      const answer: Record<string, unknown> = { '@class': responseClass, requestId: message.requestId }
      if (type === '.DeviceAuthenticationRequest') Object.assign(answer, { authToken: '44b297a8-162a-4220-8c14-dad9a1946ad2', userId: '5849655e16c047eb048bc585', displayName: 'Ada', newPlayer: true })
      if (type === '.EndSessionRequest') answer.sessionDuration = Date.now() - startedAt
      socket.send(JSON.stringify(answer))
    })
  })

  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    received,
    async waitFor(match, what) {
      const deadline = Date.now() + 15_000
      for (;;) {
        const found = received.find(match)
        if (found) return found
        if (Date.now() > deadline) throw new Error(`the stand-in servers did not get ${what}; they got: ${received.map((r) => `${r.channel} ${r.path} ${r.body.slice(0, 60)}`).join(' | ')}`)
        await new Promise<void>((wake) => {
          waiters.push(wake)
          setTimeout(wake, 200)
        })
      }
    },
    close: () =>
      new Promise<void>((done) => {
        for (const client of sockets.clients) client.terminate()
        sockets.close()
        server.close(() => done())
        server.closeAllConnections()
      }),
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
