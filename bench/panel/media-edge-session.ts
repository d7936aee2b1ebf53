/**
 * A long, ad-heavy Media Edge session as a HAR: the panel benchmark's input. Deterministic, so runs compare.
 *
 * 50,000 events must fit in one session, and Adobe refuses sessions older than 24 hours; at the main-content
 * cadence (a ping every 10 s) that is only 8,640 events. So the session is a day of live-style programming with
 * half its time in ad breaks whose ads ping every second (the cadence of Adobe's older docs, which players still
 * use): ~2.3 events a second. Each block is a chapter of content, now and then a pause, then an ad break.
 * Some content pings are sent late, so the session carries findings the panel must mark.
 */
import type { Har } from 'har-format'
import type { EdgeStep } from '../../test/helpers/edge-har'
import { edgeHar } from '../../test/helpers/edge-har'
import { chromeHar, edgeExchange, proxymanHar } from '../../test/helpers/har-flavours'

export interface SessionShape {
  /** Exactly this many events (HAR entries, one event each). */
  events: number
  /** Main-content pings per chapter. */
  chapterPings?: number
  adsPerBreak?: number
  /** Seconds per ad; ads ping every second. */
  adSeconds?: number
  /** Every this many chapters, the viewer pauses for `pausePings` pings. */
  pauseEvery?: number
  pausePings?: number
  /** Every this many chapters, one content ping comes 25 s after the one before (a ping-interval-too-long warning). */
  latePingEvery?: number
  /** ISO time of the sessionStart (default 2026-02-02T06:00:00Z). */
  origin?: string
  /** The session ID the sessionStart response issues (default SESSION_ID). */
  sessionId?: string
}

/** What the generated session holds, counted while generating it: the benchmark and its test check against this. */
export interface SessionFacts {
  events: number
  chapters: number
  adBreaks: number
  ads: number
  pauses: number
  /** Content pings sent 25 s late: each is one ping-interval-too-long warning. */
  latePings: number
  /** Wall-clock length, ms. */
  durationMs: number
}

export const SESSION_ID = 'b3e7a1c9d5f24e6a8c0b2d4f6a8c0e13'
const ORIGIN = '2026-02-02T06:00:00.000Z'
const CONTENT_PING_MS = 10_000
const LATE_PING_MS = 25_000
const AD_PING_MS = 1_000
/** The engine's ordering needs distinct timestamps for events sent back to back (Adobe's examples use 1 ms). */
const STEP_MS = 1

export function mediaEdgeSession(shape: SessionShape): { har: Har; facts: SessionFacts } {
  const { events: total, chapterPings = 10, adsPerBreak = 5, adSeconds = 24, pauseEvery = 7, pausePings = 3, latePingEvery = 5, origin = ORIGIN, sessionId = SESSION_ID } = shape
  if (total < 3) throw new Error('a session needs at least sessionStart, play and sessionComplete')
  const steps: EdgeStep[] = []
  const facts: SessionFacts = { events: 0, chapters: 0, adBreaks: 0, ads: 0, pauses: 0, latePings: 0, durationMs: 0 }
  let at = 0
  let playhead = 0
  const push = (type: string, media?: Record<string, unknown>): void => {
    steps.push({ at, type, playhead, ...(media ? { media } : {}) })
  }
  const contentPing = (gapMs: number): void => {
    at += gapMs
    playhead += gapMs / 1000
    push('ping')
  }

  push('sessionStart')
  at += STEP_MS
  push('play')

  const pausedPart = pausePings + 2
  const adBreakSize = 2 + adsPerBreak * (adSeconds + 1)
  const blockSize = (chapter: number): number => 2 + chapterPings + (chapter % pauseEvery === 0 ? pausedPart : 0) + adBreakSize
  // Reserve the closing sessionComplete.
  const room = (): number => total - 1 - steps.length

  for (let chapter = 1; room() >= blockSize(chapter); chapter++) {
    at += STEP_MS
    push('chapterStart', { chapterDetails: { friendlyName: `Chapter ${chapter}`, index: chapter, length: (chapterPings * CONTENT_PING_MS) / 1000, offset: playhead } })
    facts.chapters++
    for (let ping = 1; ping <= chapterPings; ping++) {
      const late = ping === chapterPings && chapter % latePingEvery === 0
      if (late) facts.latePings++
      contentPing(late ? LATE_PING_MS : CONTENT_PING_MS)
      if (ping === 1 && chapter % pauseEvery === 0) {
        // The playhead stands still while paused; pings go on.
        at += STEP_MS
        push('pauseStart')
        for (let paused = 0; paused < pausePings; paused++) {
          at += CONTENT_PING_MS
          push('ping')
        }
        at += STEP_MS
        push('play')
        facts.pauses++
      }
    }
    at += STEP_MS
    push('chapterComplete')

    // The main-content playhead holds still through the break.
    at += STEP_MS
    push('adBreakStart', { advertisingPodDetails: { friendlyName: `Break ${chapter}`, index: chapter, offset: playhead } })
    facts.adBreaks++
    for (let ad = 1; ad <= adsPerBreak; ad++) {
      at += STEP_MS
      push('adStart', { advertisingDetails: { friendlyName: `Ad ${chapter}.${ad}`, name: `/ads/${chapter}/${ad}`, length: adSeconds, playerName: 'bench-player', podPosition: ad } })
      facts.ads++
      for (let second = 1; second < adSeconds; second++) {
        at += AD_PING_MS
        push('ping')
      }
      at += AD_PING_MS
      push('adComplete')
    }
    at += STEP_MS
    push('adBreakComplete')
  }
  // Fill to the exact count with content after the last break.
  while (room() > 0) contentPing(CONTENT_PING_MS)
  at += STEP_MS
  push('sessionComplete')

  facts.events = steps.length
  facts.durationMs = at
  const session = { name: 'bench-day-stream', friendlyName: 'A day of programming', contentType: 'VOD', length: Math.ceil(playhead) + 1 }
  const har = edgeHar({ origin, sessionId, session, steps, comment: `Sessionscope benchmark: ${facts.events} Media Edge events in one session` })
  return { har, facts }
}

/**
 * `count` sessions of the same shape, one after another in one HAR (each starts an hour after the one before
 * it ended, with its own session ID), for sizes beyond what one 24-hour session can hold.
 */
export function mediaEdgeSessions(count: number, shape: Omit<SessionShape, 'origin' | 'sessionId'>): { har: Har; facts: SessionFacts[]; sessionIds: string[] } {
  if (!Number.isInteger(count) || count < 1) throw new Error('at least one session')
  const facts: SessionFacts[] = []
  const sessionIds: string[] = []
  const entries: Har['log']['entries'] = []
  let start = Date.parse(ORIGIN)
  let har: Har | undefined
  for (let i = 0; i < count; i++) {
    // Same length as SESSION_ID; the first session keeps SESSION_ID itself.
    const sessionId = `${SESSION_ID.slice(0, -4)}${(Number.parseInt(SESSION_ID.slice(-4), 16) + i).toString(16).padStart(4, '0')}`
    const one = mediaEdgeSession({ ...shape, origin: new Date(start).toISOString(), sessionId })
    har ??= one.har
    entries.push(...one.har.log.entries)
    facts.push(one.facts)
    sessionIds.push(sessionId)
    start += one.facts.durationMs + 3_600_000
  }
  const total = facts.reduce((sum, f) => sum + f.events, 0)
  return { har: { log: { ...har!.log, entries, comment: `Sessionscope benchmark: ${total} Media Edge events in ${count} sessions` } }, facts, sessionIds }
}

/** Tools whose HAR the engine benchmark lints: a browser's DevTools, and the proxy that writes the smallest entries. */
export type ExportTool = 'chrome' | 'proxyman'

/**
 * The same requests as a tool exports them, through the HAR-flavour writers the golden fixtures are built with:
 * Chrome's DevTools ("Save all as HAR": a page's fetch with 18 request headers, HTTP/2 pseudo-headers first,
 * Chrome's timings, initiator and connection fields; ~2.7 kB an entry) or Proxyman (a TV app behind the proxy,
 * local times with their offset; ~1.3 kB, the smallest of the six tools). The generated HAR's entries (~0.9 kB)
 * hold less than any tool writes. Linting costs per event, JSON.parse per byte, so entry size moves the ratio.
 */
export function asExport(generated: Har, tool: ExportTool): Har {
  const exchanges = generated.log.entries.flatMap((entry, n) => {
    const answer = entry.response.content.text
    return edgeExchange({
      n,
      at: Date.parse(entry.startedDateTime),
      url: entry.request.url,
      text: entry.request.postData?.text ?? '',
      start: answer === undefined ? null : { status: entry.response.status, body: JSON.parse(answer) },
    }, { contentType: 'text/plain;charset=UTF-8', headers: tool === 'chrome' ? 'chrome' : 'app' })
  })
  if (tool === 'proxyman') return proxymanHar({ page: null, exchanges }, { offset: 330 }).har
  const page = { url: 'https://www.example-video.test/live/day-stream', title: 'A day of programming', at: exchanges[0]!.at - 3_000 }
  return chromeHar({ page, exchanges }).har
}
