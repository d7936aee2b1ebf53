/**
 * What the game-and-call page (pages/game-and-call.html) plays in every browser's tests: a GameSparks game that
 * sends a request after its EndSessionRequest, and a VideoSDK call whose token carries a forbidden `Bearer ` prefix.
 */
import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import type { JsonReport } from '../../../src/report/json-report'
import type { GameAndCallServers } from '../harness/game-and-call-servers'
import { GAMESPARKS_SECRET, videoSdkToken } from '../harness/game-and-call-servers'
import type { ScenarioPage } from './web-sdk'

const run = promisify(execFile)
const CLI = resolve(import.meta.dirname, '../../../bin/sessionscope.js')

interface Game {
  connect(secret: string): Promise<string>
  request(type: string, fields?: Record<string, unknown>): Promise<Record<string, unknown>>
  keepAlive(): void
}
interface Call {
  endSession(token: string, options?: { prefix?: string }): Promise<number>
}

export interface Played {
  /** The GameSparks session ID the handshake issued. */
  sessionId: string
  /** The VideoSDK token the call sent (after `Bearer `). */
  token: string
  /** The VideoSDK end's answer. */
  status: number
}

/** The classes the game sends, in order; 'keep-alive' is a frame of whitespace. */
export const GAME_SENDS = ['.AuthenticatedConnectRequest', '.DeviceAuthenticationRequest', 'keep-alive', '.LogEventRequest', '.EndSessionRequest', '.LogEventRequest']

/** Plays both on `page` (the game-and-call page) and waits until the servers got the request after EndSession. */
export async function playGameAndCall(page: ScenarioPage, servers: GameAndCallServers): Promise<Played> {
  const now = Math.floor(Date.now() / 1000)
  const token = videoSdkToken({ apikey: 'e2e-key', permissions: ['allow_join', 'allow_mod'], version: 2, roles: ['crawler'], iat: now, exp: now + 3600 })
  const sessionId = await page.evaluate(async (secret) => {
    const game = (window as unknown as { game: Game }).game
    const id = await game.connect(secret)
    await game.request('DeviceAuthenticationRequest', { deviceId: '742', deviceOS: 'js' })
    game.keepAlive()
    await game.request('LogEventRequest', { eventKey: 'LEVEL_UP', LEVEL: 2 })
    await game.request('EndSessionRequest')
    // The game went to the background and came back without a new session.
    await game.request('LogEventRequest', { eventKey: 'AFTER_END' })
    return id
  }, GAMESPARKS_SECRET)
  const status = await page.evaluate((jwt) => (window as unknown as { call: Call }).call.endSession(jwt, { prefix: 'Bearer ' }), token)
  await servers.waitFor((r) => r.body.includes('AFTER_END'), 'the request after EndSession')
  return { sessionId, token, status }
}

/** A frame's GameSparks class, or 'keep-alive' for a frame of whitespace. */
export function classOf(data: string): string {
  return data.trim() === '' ? 'keep-alive' : (JSON.parse(data) as { '@class': string })['@class']
}

/** The CLI's JSON report on a HAR file, whatever its exit status (1 when it finds errors). */
export async function lintWithCli(file: string): Promise<JsonReport> {
  try {
    return JSON.parse((await run(process.execPath, [CLI, 'lint', file, '--format', 'json'])).stdout) as JsonReport
  } catch (error) {
    return JSON.parse((error as { stdout: string }).stdout) as JsonReport
  }
}

/** A report's findings per session, as `rule/severity`, as the panel lists them. */
export function findingsBySession(report: JsonReport): Record<string, string[]> {
  const byKey: Record<string, string[]> = {}
  for (const finding of report.findings) (byKey[finding.sessionKey ?? ''] ??= []).push(`${finding.rule}/${finding.severity}`)
  return byKey
}
