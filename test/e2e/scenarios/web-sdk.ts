/**
 * The real client: Adobe's Web SDK (@adobe/alloy, its standalone build from npm) plays media sessions in a browser
 * with the extension loaded, against a stand-in Edge over HTTPS (reached as edge.example.test). alloy runs its own
 * pings, so these scenarios take real time: the main ping interval cannot be shorter than 10 s. Each browser's
 * test file starts its browser and servers and runs the same scenarios.
 *
 * (a) createMediaSession + sendMediaEvent in automatic mode; (b) the Media JS 3.x-compatible tracker,
 * with several calls in one tick; (c) the tracker used after trackSessionEnd, which alloy allows.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { CaptureRecord, FindingRecord } from '../../../src/store/records'
import type { Dump } from '../harness/dump'
import type { EdgeServer, ReceivedRequest } from '../harness/edge-server'
import { EDGE_HOST } from '../harness/edge-server'

/** What the scenarios do with a page: Playwright's and Puppeteer's pages both fit. */
export interface ScenarioPage {
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>
  evaluate<R>(fn: () => R | Promise<R>): Promise<R>
  close(): Promise<void>
}

export interface WebSdkHarness {
  /** The stand-in Edge, over HTTPS, which the browser reaches as https://edge.example.test. */
  edge: EdgeServer
  /** Origin serving the pages and alloy.js. */
  site: string
  /** Opens `url` in a new tab: its page, its store scope, and its console warnings and errors (for failure messages). */
  openTab(url: string): Promise<{ page: ScenarioPage; scope: string; console: string[] }>
  /** What the extension stored. */
  dump(): Promise<Dump>
}

let harness: WebSdkHarness
let edge: EdgeServer

interface Opened {
  page: ScenarioPage
  scope: string
  /** Index in edge.received of the page's first request. */
  from: number
  /** alloy's console warnings and errors, for failure messages. */
  console: string[]
}

async function openPage(name: string): Promise<Opened> {
  const from = edge.received.length
  const { page, scope, console } = await harness.openTab(`${harness.site}/pages/${name}.html`)
  return { page, scope, from, console }
}

const sleep = (ms: number) => new Promise((wake) => setTimeout(wake, ms))

function eventTypeOf(request: ReceivedRequest): string | null {
  try {
    const type = (JSON.parse(request.body) as { events?: Array<{ xdm?: { eventType?: unknown } }> }).events?.[0]?.xdm?.eventType
    return typeof type === 'string' ? type : null
  } catch {
    return null
  }
}

/** What the page sent, as the server saw it. */
function sent(opened: Opened): ReceivedRequest[] {
  return edge.received.slice(opened.from)
}

/** Waits for the next request of a type after index `after` (absolute, in edge.received); returns its index. */
async function nextOfType(type: string, after: number, timeoutMs = 15_000): Promise<number> {
  const request = await edge.waitFor((r) => eventTypeOf(r) === type, { from: after + 1, timeoutMs, what: `a ${type}` })
  return edge.received.indexOf(request)
}

/** alloy's requestId, unique per request: joins what the server got to what the extension captured. */
function requestIdOf(url: string): string | null {
  return new URL(url, 'https://x').searchParams.get('requestId')
}

/** Waits until the extension has stored every request the server got, with its response, and applied it. */
async function settled(opened: Opened): Promise<Dump> {
  const expected = sent(opened).length
  let dump: Dump | undefined
  let previous = ''
  try {
    await expect.poll(async () => {
      dump = await harness.dump()
      const captures = dump.captures.filter((c) => c.scope === opened.scope)
      const events = dump.events.filter((e) => e.scope === opened.scope).length
      const findings = dump.findings.filter((f) => f.scope === opened.scope).length
      const signature = `${captures.length}/${captures.filter((c) => c.response !== null).length}/${events}/${findings}`
      const stable = signature === previous
      previous = signature
      return stable && captures.length >= expected && captures.every((c) => c.response !== null) && events >= expected
    }, { timeout: 20_000, interval: 500 }).toBe(true)
  } catch {
    // Fall through: the assertions below say what is missing.
  }
  return dump ?? harness.dump()
}

function describeFinding(f: FindingRecord, captures: CaptureRecord[]): string {
  const at = captures.findIndex((c) => c.seq === f.capture)
  const path = at >= 0 ? new URL(captures[at]!.url).pathname : '?'
  return `${f.severity} ${f.rule} on capture #${at} (${path}): ${f.message}`
}

/** The checks shared by (a) and (b): all captured, one issued session, no errors or warnings. */
function expectCleanSession(opened: Opened, dump: Dump, issued: string): void {
  const received = sent(opened)
  const captures = dump.captures.filter((c) => c.scope === opened.scope)
  const context = `what the server got:\n${timeline(opened)}\nalloy console:\n${opened.console.join('\n') || '(nothing)'}`

  // Every request the server got was captured once, with the same path and body, in order of arrival.
  const byRequestId = new Map(captures.map((c) => [requestIdOf(c.url), c]))
  expect(received.map((r) => [r.path, r.body]), `captures of ${opened.scope}; ${context}`).toEqual(
    received.map((r) => {
      const capture = byRequestId.get(requestIdOf(r.search))
      return capture ? [new URL(capture.url).pathname, capture.requestBody?.text] : ['(not captured)', r.path]
    }),
  )
  expect(captures, 'no capture beyond what the server got').toHaveLength(received.length)
  expect(captures.map((c) => new URL(c.url).host), 'captured hosts').toEqual(received.map(() => EDGE_HOST))
  // Both sources saw each request, merged into one capture: the page hook (in place before alloy took its copy
  // of window.fetch) and webRequest.
  expect(captures.map((c) => [...c.sources].sort().join('+')), 'capture sources').toEqual(received.map(() => 'fetch+webRequest'))
  expect(received.map((r) => byRequestId.get(requestIdOf(r.search))?.response?.status ?? null), 'captured statuses').toEqual(received.map((r) => r.status))

  // They form exactly one session, with the ID the server issued.
  const sessions = dump.sessions.filter((s) => s.scope === opened.scope)
  expect(sessions.map((s) => [s.key, s.sessionId, s.idSource, s.events]), 'sessions').toEqual([[sessions[0]?.key, issued, 'issued', received.length]])
  const events = dump.events.filter((e) => e.scope === opened.scope)
  expect(events.filter((e) => e.sessionKey !== sessions[0]!.key).map((e) => `${e.type} on capture ${e.capture}`), 'events outside the session').toEqual([])

  // And nothing is wrong with them.
  const findings = dump.findings.filter((f) => f.scope === opened.scope)
  if (process.env.SESSIONSCOPE_E2E_VERBOSE) console.info(`findings:\n${findings.map((f) => describeFinding(f, captures)).join('\n')}\n${timeline(opened)}`)
  const bad = [
    ...findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => describeFinding(f, captures)),
    ...sessions.flatMap((s) => s.openFindings.filter((f) => f.severity !== 'info').map((f) => `${f.severity} ${f.rule} (session): ${f.message}`)),
  ]
  expect(bad, `errors and warnings on alloy's correct traffic; all findings:\n${findings.map((f) => describeFinding(f, captures)).join('\n')}\n${context}`).toEqual([])
}

/** What the server got, one line per request in order of arrival: type, client timestamp, arrival time. */
function timeline(opened: Opened): string {
  return sent(opened).map((r, i) => {
    let stamp = '?'
    try {
      stamp = String((JSON.parse(r.body) as { events: Array<{ xdm: { timestamp?: string } }> }).events[0]?.xdm.timestamp)
    } catch { /* not JSON */ }
    return `#${i} ${eventTypeOf(r) ?? '?'} timestamp ${stamp} arrived ${new Date(r.at).toISOString()} ${r.path}`
  }).join('\n')
}

/** Arrival order of the server, as event types: shows whether parallel calls arrived out of call order. */
function arrival(opened: Opened): string[] {
  return sent(opened).map((r) => eventTypeOf(r)?.replace(/^media\./, '') ?? r.path)
}

export function describeWebSdkScenarios(browserName: string, ready: () => WebSdkHarness): void {
  describe(`the Adobe Web SDK (alloy) against a stand-in Edge, in ${browserName}`, () => {
    beforeAll(() => {
      harness = ready()
      edge = harness.edge
    })

    it('(a) automatic mode: createMediaSession and sendMediaEvent with alloy\'s own pings make one clean, issued session', async () => {
      const opened = await openPage('alloy-automatic')
      const { page } = opened
      type Player = { start(): Promise<string>; send(type: string, mediaCollection?: unknown): Promise<void>; playhead(): number }
      const send = (type: string, mediaCollection?: unknown) => page.evaluate(([t, m]) => (window as unknown as { player: Player }).player.send(t, m), [type, mediaCollection] as const)
      const playhead = () => page.evaluate(() => (window as unknown as { player: Player }).player.playhead())

      const sessionId = await page.evaluate(() => (window as unknown as { player: Player }).player.start())
      expect(sent(opened)[0]?.issued).toBe(sessionId)
      await send('play')
      await send('chapterStart', { chapterDetails: { friendlyName: 'Chapter 1', index: 1, offset: 0, length: 60 } })
      await sleep(1_500)
      await send('bufferStart')
      await sleep(1_000)
      await send('play')
      // alloy pings mainPingInterval (10 s) after the last event's response.
      const mainPing = await nextOfType('media.ping', edge.received.length - 1)
      await sleep(300)

      await send('adBreakStart', { advertisingPodDetails: { friendlyName: 'Mid-roll', index: 1, offset: await playhead() } })
      await send('adStart', { advertisingDetails: { friendlyName: 'Ad 1', name: 'ad-001', length: 15, podPosition: 1 } })
      // Inside an ad alloy pings every adPingInterval (1 s here).
      const adPing = await nextOfType('media.ping', edge.received.length - 1, 5_000)
      await nextOfType('media.ping', adPing, 5_000)
      await send('adComplete')
      await send('adBreakComplete')
      await send('play')
      await sleep(1_000)

      await send('pauseStart')
      // A ping while paused, with the playhead standing still.
      const pausePing = await nextOfType('media.ping', edge.received.length - 1)
      await sleep(300)
      await send('play')
      await sleep(1_000)
      await send('chapterComplete')
      await send('sessionComplete')
      await send('sessionEnd')

      const types = arrival(opened)
      expect(types.filter((t) => t === 'ping').length, `alloy's pings: ${types.join(', ')}`).toBeGreaterThanOrEqual(3)
      expect(mainPing).toBeLessThan(pausePing)
      expect(sent(opened)[0]!.path, 'the first request of a fresh profile').toMatch(/^\/ee(\/or2)?\/v1\/interact$/)
      expect(sent(opened).slice(1).every((r) => /^\/ee\/or2\/va\/v1\/[a-zA-Z]+$/.test(r.path)), `later paths: ${sent(opened).map((r) => r.path).join(', ')}`).toBe(true)

      const dump = await settled(opened)
      expectCleanSession(opened, dump, sessionId)
      expect(dump.sessions.find((s) => s.scope === opened.scope)?.state).toBe('ended')
      await page.close()
    })

    it('(b) the Media JS-compatible tracker, with calls made in one tick arriving in parallel, makes one clean, issued session', async () => {
      const opened = await openPage('alloy-tracker')
      const { page } = opened
      type Call = unknown[]
      type Player = { init(): Promise<string>; calls(list: Call[]): Promise<string[]>; playhead(): number; destroy(): void }
      const calls = (...list: Call[]) => page.evaluate((l) => (window as unknown as { player: Player }).player.calls(l), list)
      const playhead = () => page.evaluate(() => (window as unknown as { player: Player }).player.playhead())

      expect(await page.evaluate(() => (window as unknown as { player: Player }).player.init())).toBe('WEBSDK 2.33.1')
      // The player's 'play' handler: start the session, play, and open the first chapter, all in one tick.
      expect(await calls(
        ['trackSessionStart', ['E2E tracker video', 'e2e-vod-tracker', 120], { 'a.media.show': 'E2E show', isUserLoggedIn: 'false' }],
        ['trackPlay'],
        ['trackEvent', 'ChapterStart', ['chapter', ['Chapter 1', 1, 60, 0]], { segmentType: 'intro' }],
      )).toEqual(['ok', 'ok', 'ok'])
      const issued = sent(opened)[0]?.issued
      expect(issued).toMatch(/^[0-9a-f]{32}$/)
      await sleep(1_500)
      await calls(['trackEvent', 'BufferStart'])
      await sleep(1_000)
      await calls(['trackEvent', 'BufferComplete'])
      await nextOfType('media.ping', edge.received.length - 1)
      await sleep(300)

      // A mid-roll between two chapters, as in Adobe's Edge example 2: chapter 1 closes and the break and its
      // first ad open in one tick; then the ad and the break close, chapter 2 opens and play resumes in one tick.
      const offset = await playhead()
      await calls(
        ['trackEvent', 'ChapterComplete'],
        ['trackEvent', 'AdBreakStart', ['adBreak', ['Mid-roll', 1, offset]]],
        ['trackEvent', 'AdStart', ['ad', ['Ad 1', 'ad-001', 1, 15]], { 'a.media.ad.advertiser': 'E2E advertiser', placement: 'mid' }],
      )
      const adPing = await nextOfType('media.ping', edge.received.length - 1, 5_000)
      await nextOfType('media.ping', adPing, 5_000)
      await calls(
        ['trackEvent', 'AdComplete'],
        ['trackEvent', 'AdBreakComplete'],
        ['trackEvent', 'ChapterStart', ['chapter', ['Chapter 2', 2, 60, offset]]],
        ['trackPlay'],
      )
      await sleep(1_000)
      await calls(['trackPause'])
      await sleep(1_000)
      await calls(['trackPlay'])
      await sleep(1_000)
      // The 'ended' handler: close the chapter and complete in one tick, then end the session.
      await calls(['trackEvent', 'ChapterComplete'], ['trackComplete'])
      await calls(['trackSessionEnd'])

      const types = arrival(opened)
      console.info(`(b) arrival order at the stand-in Edge: ${types.join(', ')}`)
      expect(types.filter((t) => t === 'ping').length).toBeGreaterThanOrEqual(3)

      const dump = await settled(opened)
      expectCleanSession(opened, dump, issued!)
      expect(dump.sessions.find((s) => s.scope === opened.scope)?.state).toBe('ended')
      await page.evaluate(() => (window as unknown as { player: Player }).player.destroy())
      await page.close()
    })

    it('(c) the tracker used after trackSessionEnd: every later request is flagged, the second sessionEnd as a duplicate', async () => {
      const opened = await openPage('alloy-tracker-after-end')
      const { page } = opened
      type Call = unknown[]
      type Player = { init(): Promise<string>; calls(list: Call[]): Promise<string[]>; destroy(): void }
      const calls = (...list: Call[]) => page.evaluate((l) => (window as unknown as { player: Player }).player.calls(l), list)

      await page.evaluate(() => (window as unknown as { player: Player }).player.init())
      await calls(['trackSessionStart', ['E2E tracker video after end', 'e2e-vod-after-end', 120]], ['trackPlay'])
      await sleep(2_000)
      await calls(['trackPause'])
      await calls(['trackSessionEnd'])
      const firstEnd = sent(opened).length - 1
      expect(eventTypeOf(sent(opened)[firstEnd]!)).toBe('media.sessionEnd')

      // alloy keeps sending for the ended session: trackSessionEnd only stopped its ping timer.
      await calls(['trackPlay'])
      await calls(['trackEvent', 'BufferStart'])
      await calls(['trackEvent', 'ChapterStart', ['chapter', ['Chapter after the end', 1, 60, 0]]])
      await calls(['trackPause'])
      // chapterStart re-armed the timer: a ping for the dead session follows.
      await nextOfType('media.ping', edge.received.length - 1)
      await sleep(300)
      await calls(['trackSessionEnd'])

      const received = sent(opened)
      const types = arrival(opened)
      expect(types.slice(firstEnd)).toEqual(['sessionEnd', 'play', 'bufferStart', 'chapterStart', 'pauseStart', 'ping', 'sessionEnd'])
      const issued = received[0]!.issued!
      expect(received.slice(1).every((r) => JSON.parse(r.body).events[0].xdm.mediaCollection.sessionID === issued), 'every event names the issued session').toBe(true)

      const dump = await settled(opened)
      const captures = dump.captures.filter((c) => c.scope === opened.scope)
      const byRequestId = new Map(captures.map((c) => [requestIdOf(c.url), c]))
      expect(received.map((r) => [r.path, r.body])).toEqual(received.map((r) => {
        const capture = byRequestId.get(requestIdOf(r.search))
        return capture ? [new URL(capture.url).pathname, capture.requestBody?.text] : ['(not captured)', r.path]
      }))
      const sessions = dump.sessions.filter((s) => s.scope === opened.scope)
      expect(sessions.map((s) => [s.sessionId, s.idSource, s.state, s.events])).toEqual([[issued, 'issued', 'ended', received.length]])

      const findings = dump.findings.filter((f) => f.scope === opened.scope)
      const all = findings.map((f) => describeFinding(f, captures)).join('\n')
      if (process.env.SESSIONSCOPE_E2E_VERBOSE) console.info(`(c) findings:\n${all}\n${timeline(opened)}`)
      const rulesOf = (r: ReceivedRequest) => findings.filter((f) => f.capture === byRequestId.get(requestIdOf(r.search))?.seq)
      const verdicts = received.map((r, i) => {
        const rules = rulesOf(r)
        const type = types[i]
        if (i <= firstEnd) return [type, rules.filter((f) => f.severity === 'error').map((f) => f.rule)]
        const expected = i === received.length - 1 ? 'duplicate-session-end' : 'event-after-session-end'
        return [type, rules.some((f) => f.rule === expected) && !(i === received.length - 1 && rules.some((f) => f.rule === 'event-after-session-end')) ? expected : rules.map((f) => f.rule)]
      })
      expect(verdicts, `findings:\n${all}`).toEqual(types.map((type, i) => [
        type,
        i <= firstEnd ? [] : i === received.length - 1 ? 'duplicate-session-end' : 'event-after-session-end',
      ]))
      await page.evaluate(() => (window as unknown as { player: Player }).player.destroy())
      await page.close()
    })
  })
}
