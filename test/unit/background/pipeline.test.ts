import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CaptureUpdate } from '../../../src/background/capture-update'
import type { Pipeline, Platform } from '../../../src/background/pipeline'
import { createPipeline } from '../../../src/background/pipeline'
import { fromHar } from '../../../src/report/from-har'
import { toJsonReport } from '../../../src/report/json-report'
import { replay } from '../../../src/session/replay'
import { DEFAULT_SETTINGS } from '../../../src/session/settings'
import { closeDatabase, database } from '../../../src/store/db'
import { capturesOf, eventsOf, findingsOf, getScope, sessionsOf } from '../../../src/store/queries'
import type { ScopeRecord } from '../../../src/store/records'

const T0 = Date.parse('2026-01-15T02:00:00.000Z')
const TAB = 7
const SCOPE = `tab:${TAB}@test`
const BASE = 'http://127.0.0.1:9/ee'

interface FakePlatform extends Platform {
  changes: ScopeRecord[][]
  alarms: Array<number | null>
}

let ids = 0

function fakePlatform(): FakePlatform {
  const platform: FakePlatform = {
    changes: [],
    alarms: [],
    settings: async () => DEFAULT_SETTINGS,
    now: () => T0,
    tabInfo: async () => ({ title: 'Player', url: 'http://127.0.0.1:9/player' }),
    scopeOfTab: async (tabId) => `tab:${tabId}@test`,
    changed: (scopes) => void platform.changes.push([...scopes]),
    cleared: () => {},
    newId: () => `id${++ids}`,
    scheduleExpiry: (at) => void platform.alarms.push(at),
    log: (error) => {
      throw error
    },
  }
  return platform
}

/** One tracked request as both sources report it. */
class Request {
  static next = 0
  readonly id = `r${Request.next++}`
  constructor(
    readonly action: string,
    readonly xdm: Record<string, unknown>,
    readonly at: number,
  ) {}

  get url(): string {
    return this.action === 'sessionStart' ? `${BASE}/v1/interact?configId=ds` : `${BASE}/va/v1/${this.action}?configId=ds`
  }

  get body(): string {
    return JSON.stringify({ events: [{ xdm: this.xdm }] })
  }

  webRequest(visibleBody = true): CaptureUpdate {
    return {
      kind: 'request', tabId: TAB, frameId: 0, requestId: this.id, url: this.url, method: 'POST',
      body: visibleBody ? { text: this.body } : null, time: T0 + this.at, resourceType: visibleBody ? 'xmlhttprequest' : 'ping',
    }
  }

  status(status: number): CaptureUpdate {
    return { kind: 'response', tabId: TAB, requestId: this.id, status, statusText: '', headers: [] }
  }

  hook(via: 'fetch' | 'xhr' | 'beacon' = 'fetch'): CaptureUpdate {
    return { kind: 'hook-request', tabId: TAB, frameId: 0, message: { kind: 'request', id: this.id, via, url: this.url, method: 'POST', body: { text: this.body }, time: T0 + this.at + 1 } }
  }

  hookResponse(status: number, body: unknown): CaptureUpdate {
    return {
      kind: 'hook-response', tabId: TAB, frameId: 0,
      message: { kind: 'response', id: this.id, status, statusText: '', headers: [], body: body === null ? null : { text: JSON.stringify(body) } },
    }
  }
}

const timestamp = (ms: number): string => new Date(T0 + ms).toISOString()
const start = (at: number): Request =>
  new Request('sessionStart', {
    eventType: 'media.sessionStart', timestamp: timestamp(at),
    mediaCollection: { playhead: 0, sessionDetails: { name: 'v', playerName: 'p', contentType: 'VOD', length: 60, channel: 'c' } },
  }, at)
const media = (action: string, at: number, playhead: number, sessionID = 'SID'): Request =>
  new Request(action, { eventType: `media.${action}`, timestamp: timestamp(at), mediaCollection: { playhead, sessionID } }, at)
const issued = { handle: [{ type: 'media-analytics:new-session', payload: [{ sessionId: 'SID' }], eventIndex: 0 }] }

async function submitAll(pipeline: Pipeline, updates: CaptureUpdate[]): Promise<void> {
  for (const update of updates) await pipeline.submit(update)
  await pipeline.flush()
}

/** What the CLI would say about the stored capture log: the live verdict must equal it. */
async function replayOfStore(): Promise<Array<{ rule: string; capture: number | null }>> {
  const captures = await capturesOf(SCOPE)
  return replay(captures, DEFAULT_SETTINGS).findings.map((f) => ({ rule: f.rule, capture: f.at?.capture ?? null }))
}

async function storedFindings(): Promise<Array<{ rule: string; capture: number | null }>> {
  const sessions = await sessionsOf(SCOPE)
  const keys = ['', ...sessions.map((s) => s.key)]
  const pinned = (await Promise.all(keys.map((key) => findingsOf(SCOPE, key)))).flat().sort((a, b) => a.capture - b.capture || a.ordinal - b.ordinal)
  const open = sessions.flatMap((s) => s.openFindings)
  return [...pinned, ...open].map((f) => ({ rule: f.rule, capture: f.at?.capture ?? null }))
}

beforeEach(async () => {
  await closeDatabase()
  indexedDB.deleteDatabase('sessionscope')
})
afterEach(closeDatabase)

describe('capture merging', () => {
  it('merges webRequest and page-hook reports of each request into one capture, whichever comes first', async () => {
    const platform = fakePlatform()
    const pipeline = createPipeline(platform)
    const s = start(0)
    const play = media('play', 1000, 0)
    const end = media('sessionEnd', 5000, 4)
    await submitAll(pipeline, [
      s.webRequest(), s.hook(), s.status(200), s.hookResponse(200, issued),
      play.hook('xhr'), play.webRequest(), play.status(204), play.hookResponse(204, null),
      end.webRequest(false), end.hook('beacon'), end.status(204),
    ])
    const captures = await capturesOf(SCOPE)
    expect(captures.map((c) => [c.url.replace(BASE, ''), [...c.sources].sort()])).toEqual([
      ['/v1/interact?configId=ds', ['fetch', 'webRequest']],
      ['/va/v1/play?configId=ds', ['webRequest', 'xhr']],
      ['/va/v1/sessionEnd?configId=ds', ['beacon', 'webRequest']],
    ])
    expect(captures[2]!.requestBody?.text).toBe(end.body)
    const [session] = await sessionsOf(SCOPE)
    expect(session).toMatchObject({ key: 'adobe-media-edge:SID', sessionId: 'SID', idSource: 'issued', state: 'ended', events: 3 })
    expect((await eventsOf(SCOPE, session!.key)).map((e) => e.type)).toEqual(['sessionStart', 'play', 'sessionEnd'])
    expect(await storedFindings()).toEqual([])
    expect(await getScope(SCOPE)).toMatchObject({ title: 'Player', sessions: 1, counts: { errors: 0, warnings: 0, infos: 0 }, nextExpiry: null })
  })

  it('ignores requests that turn out not to be tracking (a Web SDK page view)', async () => {
    const pipeline = createPipeline(fakePlatform())
    const pageView = new Request('interact', { eventType: 'web.webpagedetails.pageViews' }, 0)
    Object.defineProperty(pageView, 'url', { value: `${BASE}/v1/interact?configId=ds` })
    await submitAll(pipeline, [pageView.webRequest(), pageView.hook(), pageView.status(200), pageView.hookResponse(200, {})])
    expect(await capturesOf(SCOPE)).toEqual([])
  })
})

describe('late data', () => {
  it('replays when the start response arrives after the next request: no false adoption, same verdict as a replay', async () => {
    const pipeline = createPipeline(fakePlatform())
    const s = start(0)
    const play = media('play', 1000, 0)
    const late = media('ping', 20_000, 10)
    const end = media('sessionEnd', 9_000, 8)
    await submitAll(pipeline, [s.webRequest(), s.hook(), s.status(200), play.webRequest()])
    // Before the body arrives, the worker can only adopt the ID.
    expect((await storedFindings()).map((f) => f.rule)).toEqual(['session-id-adopted'])
    await submitAll(pipeline, [s.hookResponse(200, issued), end.webRequest(), late.webRequest()])
    expect((await eventsOf(SCOPE, 'adobe-media-edge:SID')).map((e) => e.type)).toEqual(['sessionStart', 'play', 'sessionEnd', 'ping'])
    expect(await storedFindings()).toEqual([{ rule: 'event-after-session-end', capture: 3 }])
    expect(await storedFindings()).toEqual(await replayOfStore())
    const sessions = await sessionsOf(SCOPE)
    expect(sessions.map((x) => [x.key, x.idSource])).toEqual([['adobe-media-edge:SID', 'issued']])
  })

  it('reports a beacon whose body nobody could see, and checks it once the page hook delivers it', async () => {
    const pipeline = createPipeline(fakePlatform())
    const s = start(0)
    const end = media('sessionEnd', 5000, 4)
    await submitAll(pipeline, [s.webRequest(), s.hook(), s.hookResponse(200, issued), end.webRequest(false)])
    expect((await storedFindings()).map((f) => f.rule)).toEqual(['undecodable-request'])
    await submitAll(pipeline, [end.hook('beacon')])
    expect(await storedFindings()).toEqual([])
    expect((await sessionsOf(SCOPE))[0]!.state).toBe('ended')
  })
})

describe('worker restarts', () => {
  it('resumes from the store: a new pipeline continues the session and loses nothing', async () => {
    const first = createPipeline(fakePlatform())
    const s = start(0)
    await submitAll(first, [s.webRequest(), s.hook(), s.hookResponse(200, issued), media('play', 1000, 0).webRequest(), media('ping', 11_000, 10).webRequest()])
    await closeDatabase()

    const second = createPipeline(fakePlatform())
    await submitAll(second, [media('sessionEnd', 12_000, 11).webRequest(), media('ping', 21_000, 11).webRequest()])
    const captures = await capturesOf(SCOPE)
    expect(captures.map((c) => c.seq)).toEqual([0, 1, 2, 3, 4])
    expect(await storedFindings()).toEqual([{ rule: 'event-after-session-end', capture: 4 }])
    expect(await storedFindings()).toEqual(await replayOfStore())
  })

  it('replays the whole log when an old capture changes after a restart', async () => {
    const first = createPipeline(fakePlatform())
    const s = start(0)
    await submitAll(first, [s.webRequest(), s.hook(), s.status(200), media('play', 1000, 0).webRequest()])
    await closeDatabase()
    const second = createPipeline(fakePlatform())
    await submitAll(second, [s.hookResponse(200, issued)])
    expect(await storedFindings()).toEqual([])
    expect((await sessionsOf(SCOPE)).map((x) => x.key)).toEqual(['adobe-media-edge:SID'])
  })
})

describe('expiry', () => {
  it('expires a silent session on the clock, with no entry invented, and schedules the alarm for it', async () => {
    const platform = fakePlatform()
    const pipeline = createPipeline(platform)
    const s = start(0)
    await submitAll(pipeline, [s.webRequest(), s.hook(), s.hookResponse(200, issued), media('play', 1000, 0).webRequest()])
    expect(platform.alarms.at(-1)).toBe(T0 + 1000 + 600_000)
    await pipeline.expire(T0 + 1000 + 600_000)
    const [session] = await sessionsOf(SCOPE)
    expect(session).toMatchObject({ state: 'expired', openFindings: [{ rule: 'session-expired-idle', severity: 'info', at: null }] })
    expect(await capturesOf(SCOPE)).toHaveLength(2)
    expect(platform.alarms.at(-1)).toBeNull()
    const record = await getScope(SCOPE)
    expect(record).toMatchObject({ nextExpiry: null, counts: { infos: 1 } })
    // Exported and linted up to the same moment, the capture says the same.
    const report = toJsonReport(replay(await capturesOf(SCOPE), DEFAULT_SETTINGS, T0 + 1000 + 600_000))
    expect(report.findings).toMatchObject([{ rule: 'session-expired-idle', entry: null, severity: 'info' }])
  })
})

describe('settings', () => {
  it('judges every stored capture again when the settings change', async () => {
    const platform = fakePlatform()
    let current = DEFAULT_SETTINGS
    platform.settings = async () => current
    const pipeline = createPipeline(platform)
    const s = start(0)
    await submitAll(pipeline, [s.webRequest(), s.hook(), s.hookResponse(200, issued), media('play', 1000, 0).webRequest(), media('ping', 16_000, 15).webRequest()])
    expect((await storedFindings()).map((f) => f.rule)).toEqual(['ping-interval-too-long'])
    current = { ...DEFAULT_SETTINGS, mainPingIntervalMs: 20_000 }
    await pipeline.settingsChanged()
    expect(await storedFindings()).toEqual([])
    expect((await getScope(SCOPE))!.counts).toEqual({ errors: 0, warnings: 0, infos: 0 })
  })
})

describe('importing a HAR file', () => {
  const fixture = (name: string): string => readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', name), 'utf8')

  it.each(['adobe-media-edge/event-after-session-end.har', 'adobe-media-edge/session-expired-idle.har', 'adobe-media-collection/f2-user-abandons.har', 'adobe-heartbeat/vod-preroll.har', 'adobe-media-edge/undecodable-request.har'])(
    'stores %s as an import whose verdict equals the CLI\'s',
    async (name) => {
      const pipeline = createPipeline(fakePlatform())
      const scope = await pipeline.importHar(name, fixture(name))
      expect(scope).toMatch(/^import:/)
      const har = fromHar(fixture(name))
      const cli = toJsonReport(replay(har.captures, DEFAULT_SETTINGS, har.observedUntil))
      const captures = await capturesOf(scope)
      // Stored captures remember their entry in the file, so findings map back to it.
      const entryOf = new Map(captures.map((c) => [c.seq, c.entry ?? null]))
      const sessions = await sessionsOf(scope)
      const pinned = (await Promise.all(['', ...sessions.map((x) => x.key)].map((key) => findingsOf(scope, key)))).flat().sort((a, b) => a.capture - b.capture || a.ordinal - b.ordinal || a.index - b.index)
      const stored = [...pinned.map((f) => [f.rule, f.severity, entryOf.get(f.capture)]), ...sessions.flatMap((x) => x.openFindings.map((f) => [f.rule, f.severity, null]))]
      expect(stored).toEqual(cli.findings.map((f) => [f.rule, f.severity, f.entry]))
      expect(sessions.map((x) => [x.key, x.state])).toEqual(cli.sessions.map((x) => [x.key, x.state]))
      expect(await getScope(scope)).toMatchObject({ kind: 'import', title: name, tabId: null, observedUntil: har.observedUntil })
    },
  )

  it('refuses a file that is not a HAR, storing nothing', async () => {
    const pipeline = createPipeline(fakePlatform())
    await expect(pipeline.importHar('notes.txt', 'hello')).rejects.toThrow(/not valid JSON/)
    expect(await (await database()).count('scopes')).toBe(0)
  })

  it('keeps an imported expiry when the settings change (its clock stopped at the end of the capture)', async () => {
    const platform = fakePlatform()
    const pipeline = createPipeline(platform)
    const name = 'adobe-media-edge/session-expired-idle.har'
    const scope = await pipeline.importHar(name, fixture(name))
    const before = (await sessionsOf(scope)).map((x) => [x.state, x.counts])
    await pipeline.settingsChanged()
    expect((await sessionsOf(scope)).map((x) => [x.state, x.counts])).toEqual(before)
  })
})

describe('clearing', () => {
  it('deletes a scope with its captures and derived data', async () => {
    const pipeline = createPipeline(fakePlatform())
    const s = start(0)
    await submitAll(pipeline, [s.webRequest(), s.hook(), s.hookResponse(200, issued)])
    await pipeline.clearScope(SCOPE)
    const db = await database()
    expect(await db.count('captures')).toBe(0)
    expect(await db.count('events')).toBe(0)
    expect(await db.count('sessions')).toBe(0)
    expect(await getScope(SCOPE)).toBeUndefined()
  })
})
