/**
 * Worker death, end to end: MV3 may stop the service worker at any moment. A 1,000-event Media Edge script
 * (four sessions with ad breaks, pauses, a late ping, a bad bitrate, a forged session ID, events after
 * sessionEnd; sent by fetch, XHR and sendBeacon) is played twice in real Chromium: once undisturbed, once
 * with the worker stopped after every 50 events, without flushing first, so whatever it held only in memory
 * dies with it. The next request has to wake it. Both runs must store the same captures and findings.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { CaptureRecord } from '../../src/store/records'
import type { ExtensionBrowser } from './harness/browser'
import type { Dump } from './harness/dump'
import { readDump } from './harness/dump'
import type { EdgeServer } from './harness/edge-server'
import { withEdgeAndExtension } from './harness/suite'

const EVENTS = 1_000
const STOP_EVERY = 50
const SESSIONS = 4

let browser: ExtensionBrowser
let server: EdgeServer

withEdgeAndExtension((b, s) => void ([browser, server] = [b, s]))

type Via = 'fetch' | 'xhr' | 'beacon'

interface Step {
  type: string
  via: Via
  playhead: number
  /** The event's client timestamp: fixed by the script, so both runs send the same bodies. */
  time: number
  extra?: Record<string, unknown>
  /** Sent with this session ID instead of the one the server issued. */
  forgedId?: string
}

/**
 * The deterministic script: SESSIONS sessions of EVENTS / SESSIONS events, one client second apart. Each
 * starts by fetch (the ID is in the response), then plays, pings, goes through an ad break and a pause, and
 * ends by beacon followed by two pings. Session-specific mistakes make more rules fire.
 */
function script(base: number): Step[] {
  const steps: Step[] = []
  const perSession = EVENTS / SESSIONS
  let time = base
  const rotation: Via[] = ['fetch', 'xhr', 'beacon']
  for (let session = 0; session < SESSIONS; session++) {
    let playhead = 0
    let paused = false
    let inAd = false
    const push = (type: string, extra?: Record<string, unknown>, via?: Via): void => {
      time += 1_000
      if (!paused && !inAd && type !== 'sessionStart') playhead += 1
      steps.push({ type, via: via ?? rotation[steps.length % 3]!, playhead, time, ...(extra ? { extra } : {}) })
    }
    push('sessionStart', {
      sessionDetails: { name: `video ${session}`, friendlyName: `video ${session}`, playerName: 'worker-death', contentType: 'VOD', length: 600, channel: 'e2e', streamType: 'video' },
    }, 'fetch')
    push('play')
    const body = perSession - 5 // sessionStart, play … sessionEnd and two pings after it
    for (let i = 2; i < body + 2; i++) {
      const at = i % 100
      if (at === 20) {
        push('adBreakStart', { advertisingPodDetails: { index: 0, offset: playhead, friendlyName: 'preroll' } })
        inAd = true
      } else if (at === 21) {
        push('adStart', { advertisingDetails: { name: `ad-${session}-${i}`, friendlyName: 'ad', length: 10, playerName: 'worker-death', podPosition: 1 } })
      } else if (at === 30) {
        push('adComplete')
      } else if (at === 31) {
        push('adBreakComplete')
        inAd = false
      } else if (at === 50) {
        push('pauseStart')
        paused = true
      } else if (at === 55) {
        paused = false
        push('play')
      } else if (at === 70 && session === 1) {
        // A ping 40 s late: ping-interval-too-long.
        time += 40_000
        push('ping')
      } else if (at === 60 && session === 2) {
        // An ID this server never issued: unknown-session-id.
        push('ping')
        steps[steps.length - 1]!.forgedId = `forged${String(i).padStart(26, '0')}`
      } else if (at === 80 && session === 3) {
        // A fractional bitrate: invalid-field-value.
        push('bitrateChange', { qoeDataDetails: { bitrate: 1500.5, droppedFrames: 0, framesPerSecond: 30, timeToStart: 900 } })
      } else {
        push('ping')
      }
    }
    push('sessionEnd', undefined, 'beacon')
    push('ping')
    push('ping')
  }
  return steps
}

/**
 * Plays `steps` in the page, each request finished before the next starts: fetch and XHR until the page has
 * the response, a beacon until the server has it. So the requests reach the worker in the script's order.
 */
async function play(page: Page, steps: Step[]): Promise<void> {
  const segments: Step[][] = [[]]
  for (const step of steps) {
    segments.at(-1)!.push(step)
    if (step.via === 'beacon') segments.push([])
  }
  for (const segment of segments) {
    if (segment.length === 0) continue
    const before = server.received.length
    await page.evaluate(async (segment) => {
      const state = ((window as unknown as { workerDeath?: { sessionId: string | null } }).workerDeath ??= { sessionId: null })
      const url = (type: string): string => `${location.origin}/ee/va/v1/${type}?configId=e2e-datastream`
      for (const step of segment) {
        const mediaCollection: Record<string, unknown> = { playhead: step.playhead, ...step.extra }
        if (step.type !== 'sessionStart') mediaCollection.sessionID = step.forgedId ?? state.sessionId
        const body = JSON.stringify({ events: [{ xdm: { eventType: `media.${step.type}`, timestamp: new Date(step.time).toISOString(), mediaCollection } }] })
        if (step.via === 'fetch') {
          const response = await fetch(url(step.type), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })
          const text = await response.text()
          if (step.type === 'sessionStart') {
            const handles = (JSON.parse(text) as { handle: Array<{ type: string; payload: Array<{ sessionId: string }> }> }).handle
            state.sessionId = handles.find((h) => h.type === 'media-analytics:new-session')!.payload[0]!.sessionId
          }
        } else if (step.via === 'xhr') {
          await new Promise<void>((done, fail) => {
            const xhr = new XMLHttpRequest()
            xhr.open('POST', url(step.type))
            xhr.setRequestHeader('Content-Type', 'application/json')
            xhr.onload = () => done()
            xhr.onerror = () => fail(new Error(`xhr ${step.type} failed`))
            xhr.send(body)
          })
        } else if (!navigator.sendBeacon(url(step.type), new Blob([body], { type: 'application/json' }))) {
          throw new Error(`beacon ${step.type} was refused`)
        }
      }
    }, segment)
    await server.waitForRequests(before + segment.length)
  }
}

async function openPlayer(): Promise<{ page: Page; scope: string }> {
  const page = await browser.context.newPage()
  await page.goto(`${server.origin}/pages/scripted-player.html`)
  const tabId = await browser.tabIdOf(page)
  const scope = await browser.scopeOfTab(tabId)
  return { page, scope }
}

/** The dump once every request of `scope` is stored with its response (webRequest status and page-seen body). */
async function settled(scope: string): Promise<Dump> {
  const deadline = Date.now() + 20_000
  for (;;) {
    const dump = await readDump(browser)
    const captures = dump.captures.filter((c) => c.scope === scope)
    const incomplete = captures.filter((c) => !complete(c))
    const missing = `${captures.length} captures, ${incomplete.length} incomplete: ${JSON.stringify(incomplete.slice(0, 3).map(({ seq, observedAt, frameId, sources, requestBody, response }) => ({ seq, observedAt, frameId, sources, body: requestBody?.text, status: response?.status })))}`
    if (captures.length >= EVENTS && incomplete.length === 0) return dump
    if (Date.now() > deadline) throw new Error(`not everything was stored within 20 s: ${missing}`)
    await new Promise((wait) => setTimeout(wait, 250))
  }
}

function complete(capture: CaptureRecord): boolean {
  if (capture.response === null || !capture.sources.includes('webRequest')) return false
  const pageSource = capture.sources.find((source) => source !== 'webRequest')
  if (pageSource === undefined) return false
  // The page sees the bodies of fetch and XHR responses; a beacon's response never reaches it.
  return pageSource === 'beacon' || capture.response.body !== null
}

/**
 * What must be the same in both runs, with store numbers (seq, times) replaced by positions and every ID the
 * server issued (session IDs, request IDs) replaced by the order in which it first appears.
 */
function outcome(dump: Dump, scope: string) {
  const ids = new Map<string, string>()
  const normal = (text: string | null | undefined): string | null =>
    text == null ? null : text.replace(/\b[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\b/g, (id) => {
      if (!ids.has(id)) ids.set(id, `<id ${ids.size}>`)
      return ids.get(id)!
    })
  const captures = dump.captures.filter((c) => c.scope === scope).sort((a, b) => a.seq - b.seq)
  const position = new Map(captures.map((c, i) => [c.seq, i]))
  return {
    captures: captures.map((c) => ({
      method: c.method,
      url: new URL(c.url).pathname + new URL(c.url).search,
      sources: [...c.sources].sort().join('+'),
      request: normal(c.requestBody?.text),
      status: c.response?.status ?? null,
      response: normal(c.response?.body?.text),
    })),
    findings: dump.findings
      .filter((f) => f.scope === scope)
      .map((f) => ({ rule: f.rule, severity: f.severity, message: normal(f.message), capture: position.get(f.capture) ?? null, ordinal: f.ordinal, index: f.index }))
      .sort((a, b) => (a.capture ?? -1) - (b.capture ?? -1) || a.ordinal - b.ordinal || a.index - b.index),
    sessions: dump.sessions
      .filter((s) => s.scope === scope)
      .map((s) => ({ id: normal(s.sessionId), state: s.state, events: s.events, counts: s.counts }))
      .sort((a, b) => String(a.id).localeCompare(String(b.id))),
  }
}

/** Which positions differ between two lists, for a readable failure. */
function differences<T>(a: T[], b: T[]): string[] {
  const out: string[] = []
  for (let i = 0; i < Math.max(a.length, b.length) && out.length < 10; i++) {
    if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) out.push(`#${i}: ${JSON.stringify(a[i])} ≠ ${JSON.stringify(b[i])}`)
  }
  return out
}

describe('service worker death', () => {
  it(`stores the same ${EVENTS} captures and findings when the worker is stopped every ${STOP_EVERY} events`, { timeout: 180_000 }, async () => {
    const steps = script(Date.now() - EVENTS * 2_000)
    expect(steps).toHaveLength(EVENTS)

    const undisturbed = await openPlayer()
    let started = Date.now()
    await play(undisturbed.page, steps)
    const baseline = outcome(await settled(undisturbed.scope), undisturbed.scope)
    const undisturbedMs = Date.now() - started

    const stopped = await openPlayer()
    started = Date.now()
    let stops = 0
    const workersSeen: Array<number | null> = []
    for (let from = 0; from < steps.length; from += STOP_EVERY) {
      await play(stopped.page, steps.slice(from, from + STOP_EVERY))
      // Which worker handled this chunk: one that a previous chunk marked would mean no stop took effect.
      workersSeen.push(await browser.evaluate((stop) => {
        const global = globalThis as unknown as { workerDeathMark?: number }
        const before = global.workerDeathMark ?? null
        global.workerDeathMark = stop
        return before
      }, stops))
      // No flush first: what the worker had not written yet dies with it.
      await browser.stopWorker()
      stops++
    }
    // Nothing is left to wake the worker: an extension page does, as a developer opening the panel would.
    const popup = await browser.openExtensionPage('src/popup/popup.html?tabId=-1')
    await popup.locator('[data-ready=true]').waitFor({ timeout: 20_000 })
    await popup.close()
    const afterStops = outcome(await settled(stopped.scope), stopped.scope)
    const stoppedMs = Date.now() - started
    console.info(
      `worker death: ${stops} stops; captures undisturbed ${baseline.captures.length}, with stops ${afterStops.captures.length} ` +
        `(lost ${baseline.captures.length - afterStops.captures.length}); findings ${baseline.findings.length} / ${afterStops.findings.length}; ` +
        `${undisturbedMs} ms undisturbed, ${stoppedMs} ms with stops`,
    )

    expect(stops).toBe(EVENTS / STOP_EVERY)
    expect(workersSeen).toEqual(Array.from({ length: stops }, () => null))
    expect(baseline.captures).toHaveLength(EVENTS)
    expect(differences(afterStops.captures, baseline.captures)).toEqual([])
    expect(differences(afterStops.findings, baseline.findings)).toEqual([])
    expect(afterStops.sessions).toEqual(baseline.sessions)

    // The script made the rules it aims at fire, in both runs alike.
    const rules = new Set(baseline.findings.map((f) => f.rule))
    for (const rule of ['event-after-session-end', 'ping-interval-too-long', 'unknown-session-id', 'invalid-field-value']) expect(rules).toContain(rule)
    expect(new Set(baseline.captures.map((c) => c.sources))).toEqual(new Set(['fetch+webRequest', 'webRequest+xhr', 'beacon+webRequest']))
    await undisturbed.page.close()
    await stopped.page.close()
  })
})
