/**
 * Secrets at rest: unless the user keeps them on disk, the store holds captures redacted, and so does everything
 * derived from them, while the findings stay those of the captures as sent. The real values stay in memory for the
 * open tab.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CaptureUpdate } from '../../../src/background/capture-update'
import type { Pipeline } from '../../../src/background/pipeline'
import { createPipeline } from '../../../src/background/pipeline'
import { closeDatabase, database } from '../../../src/store/db'
import { capturesOf, findingsOf, sessionsOf } from '../../../src/store/queries'
import { mintToken } from '../../helpers/videosdk-har'
import { testPlatform } from './test-platform'

const T0 = Date.parse('2026-01-15T02:00:00.000Z')
const TAB = 5
const SCOPE = `tab:${TAB}@test`
const SIGNATURE = 'c2lnbmF0dXJlLW9mLXRoZS1tYW5hZ2VtZW50LWtleQ'
const TOKEN = `${mintToken({ apikey: 'k', permissions: ['allow_join'], iat: T0 / 1000 - 60, exp: T0 / 1000 + 3600 }).split('.').slice(0, 2).join('.')}.${SIGNATURE}`
const SECRETS = [SIGNATURE, 'cookie-value-7f3a', 'api-key-91c2', 'hunter2-password', 'auth-token-55e1', 'tab-secret-0d9e']
const tabInfo = async () => ({ title: 'Player', url: 'https://player.example/watch?access_token=tab-secret-0d9e' })

/** A VideoSDK end with a Bearer token (a finding) and a cookie; a GameSparks socket that authenticates. */
function traffic(): CaptureUpdate[] {
  const end: CaptureUpdate[] = [
    { kind: 'request', tabId: TAB, frameId: 0, requestId: 'v1', url: 'https://api.videosdk.live/v2/sessions/end', method: 'POST', body: { text: JSON.stringify({ roomId: 'room', apiKey: 'api-key-91c2' }) }, time: T0, resourceType: 'xmlhttprequest' },
    { kind: 'request-headers', tabId: TAB, requestId: 'v1', headers: [{ name: 'Authorization', value: `Bearer ${TOKEN}` }, { name: 'Cookie', value: 'sid=cookie-value-7f3a' }, { name: 'Content-Type', value: 'application/json' }] },
    { kind: 'response', tabId: TAB, requestId: 'v1', status: 200, statusText: 'OK', headers: [] },
  ]
  const socket = 'wss://preview-exampleKey12.ws.gamesparks.net/ws/device/exampleKey12'
  const frame = (at: number, direction: 'send' | 'receive', data: object): CaptureUpdate => ({ kind: 'socket-frame', tabId: TAB, frameId: 0, message: { kind: 'ws-frame', id: 'g1', direction, opcode: 1, data: JSON.stringify(data), time: T0 + at } })
  return [
    ...end,
    { kind: 'socket-open', tabId: TAB, frameId: 0, message: { kind: 'ws-open', id: 'g1', url: socket, time: T0 } },
    frame(0, 'receive', { '@class': '.AuthenticatedConnectResponse', nonce: '1688466811702-5f1c' }),
    frame(50, 'send', { '@class': '.AuthenticatedConnectRequest', hmac: '3q2+7wXy0bPn1Wv5b2V2Yv6F0H8uY2k6m3o1JY4X9cQ=' }),
    frame(100, 'receive', { '@class': '.AuthenticatedConnectResponse', sessionId: 'S1' }),
    frame(200, 'send', { '@class': '.AuthenticationRequest', userName: 'player', password: 'hunter2-password', requestId: 'a1' }),
    frame(300, 'receive', { '@class': '.AuthenticationResponse', authToken: 'auth-token-55e1', requestId: 'a1', userId: 'u1' }),
  ]
}

async function run(keepSecretsOnDisk: boolean): Promise<Pipeline> {
  const pipeline = createPipeline(testPlatform(T0, { tabInfo, secretsAtRest: async () => ({ keepSecretsOnDisk, extraSecretNames: [] }) }))
  for (const update of traffic()) await pipeline.submit(update)
  await pipeline.flush()
  return pipeline
}

/** Every record of every store, as text. */
async function storeText(): Promise<string> {
  const db = await database()
  const stores = ['captures', 'frames', 'events', 'findings', 'sessions', 'scopes'] as const
  return JSON.stringify(await Promise.all(stores.map((store) => db.getAll(store))))
}

async function ruleCounts(): Promise<string[]> {
  const keys = ['', ...(await sessionsOf(SCOPE)).map((session) => session.key)]
  return (await Promise.all(keys.map((key) => findingsOf(SCOPE, key)))).flat().map((finding) => finding.rule).sort()
}

beforeEach(async () => {
  await closeDatabase()
  indexedDB.deleteDatabase('sessionscope')
})
afterEach(closeDatabase)

describe('secrets at rest', () => {
  it('are redacted in every store by default, and the findings are those of the captures as sent', async () => {
    await run(true)
    const asSent = await ruleCounts()
    const storedAsSent = await storeText()
    for (const secret of SECRETS) expect(storedAsSent, secret).toContain(secret)
    await closeDatabase()
    indexedDB.deleteDatabase('sessionscope')

    await run(false)
    const stored = await storeText()
    for (const secret of SECRETS) expect(stored, secret).not.toContain(secret)
    expect(asSent).toContain('videosdk-authorization-prefix')
    expect(await ruleCounts()).toEqual(asSent)
    // What the checks judge survives: the scheme, the token's claims, that a password was sent.
    const [end] = await capturesOf(SCOPE)
    expect(end!.requestHeaders.find((header) => header.name === 'Authorization')!.value).toMatch(/^Bearer eyJ[\w-]+\.eyJ[\w-]+\.redacted$/)
  })

  it('stay in memory for the open tab, and leave with it', async () => {
    const pipeline = await run(false)
    const seqs = (await capturesOf(SCOPE)).map((capture) => capture.seq)
    const sent = JSON.stringify(await pipeline.sentCaptures(SCOPE, seqs))
    // All the requests carried (the tab's own address is no request's).
    for (const secret of SECRETS.filter((secret) => !secret.startsWith('tab-'))) expect(sent, secret).toContain(secret)
    expect(await pipeline.sentCaptures('tab:99@test', seqs)).toEqual([])
    await pipeline.forgetTab(TAB)
    expect(await pipeline.sentCaptures(SCOPE, seqs)).toEqual([])
  })

  it('are removed from the store, derived data included, once the user stops keeping them on disk', async () => {
    let keep = true
    const pipeline = createPipeline(testPlatform(T0, { tabInfo, secretsAtRest: async () => ({ keepSecretsOnDisk: keep, extraSecretNames: ['userName'] }) }))
    for (const update of traffic()) await pipeline.submit(update)
    await pipeline.flush()
    const before = await ruleCounts()
    expect(await storeText()).toContain('"player"')
    keep = false
    await pipeline.settingsChanged()
    const stored = await storeText()
    for (const secret of [...SECRETS, '"player"']) expect(stored, secret).not.toContain(secret)
    expect(await ruleCounts()).toEqual(before)
  })
})
