/**
 * The spans a session's events describe: ad breaks and chapters (bands), pauses and buffering (segments).
 * Pure: events in, spans of observed time (ms since the epoch) out.
 */

/** The parts of an event the spans depend on. */
export interface SpanEvent {
  type: string
  observedAt: number
}

export interface Band {
  start: number
  end: number
  /** False when nothing closed the span: the break or chapter ran into the end of the session or capture. */
  closed: boolean
  /** Heartbeats send no ad-break events: their breaks are opened by an adStart. */
  implicit: boolean
}

export interface Segment {
  start: number
  end: number
  /** False when the capture ends before the player left the state. */
  closed: boolean
}

export interface Intervals {
  adBreaks: Band[]
  chapters: Band[]
  pauses: Segment[]
  buffers: Segment[]
}

const SESSION_ENDS: ReadonlySet<string> = new Set(['sessionEnd', 'sessionComplete'])
const AD_EVENTS: ReadonlySet<string> = new Set(['adStart', 'adComplete', 'adSkip'])
/** Events that mean the player left a pause or a stall (a repeated pauseStart is the pause heartbeat). */
const LEAVES_PAUSE: ReadonlySet<string> = new Set(['play', 'bufferStart', 'adBreakStart', 'adStart', 'sessionEnd', 'sessionComplete'])
const LEAVES_BUFFER: ReadonlySet<string> = new Set(['play', 'pauseStart', 'adBreakStart', 'adStart', 'sessionEnd', 'sessionComplete'])

/**
 * Derives the spans from events in observed-time order. A span still open at the last event ends there
 * (`closed` false), except an implicit ad break, which a session end closes (heartbeats never send more).
 */
export function deriveIntervals(events: readonly SpanEvent[]): Intervals {
  const tracker = intervalTracker()
  for (const event of events) tracker.add(event)
  return tracker.intervals()
}

export interface IntervalTracker {
  /** Takes the next event in observed-time order. */
  add(event: SpanEvent): void
  /** The spans so far, those still open ending at the last event added; adding more events continues them. */
  intervals(): Intervals
}

/** deriveIntervals one event at a time, for a session whose events arrive in chunks. */
export function intervalTracker(): IntervalTracker {
  const result: Intervals = { adBreaks: [], chapters: [], pauses: [], buffers: [] }
  let adBreak: { start: number; implicit: boolean } | null = null
  let adPlaying = false
  let chapter: number | null = null
  let pause: number | null = null
  let buffer: number | null = null
  let last: number | undefined

  const closeBreak = (end: number, closed: boolean) => {
    if (adBreak) result.adBreaks.push({ start: adBreak.start, end, closed, implicit: adBreak.implicit })
    adBreak = null
    adPlaying = false
  }
  const closeChapter = (end: number, closed: boolean) => {
    if (chapter !== null) result.chapters.push({ start: chapter, end, closed, implicit: false })
    chapter = null
  }

  function add({ type, observedAt: at }: SpanEvent): void {
    last = at
    if (pause !== null && LEAVES_PAUSE.has(type)) {
      result.pauses.push({ start: pause, end: at, closed: true })
      pause = null
    }
    if (buffer !== null && LEAVES_BUFFER.has(type)) {
      result.buffers.push({ start: buffer, end: at, closed: true })
      buffer = null
    }
    if (type === 'pauseStart' && pause === null) pause = at
    if (type === 'bufferStart' && buffer === null) buffer = at

    // An implicit break lasts while ads play; the first main-content event after the last ad closes it.
    if (adBreak?.implicit && !adPlaying && !AD_EVENTS.has(type) && type !== 'adBreakStart') closeBreak(at, true)

    if (type === 'adBreakStart') {
      // A new break inside an open explicit one: the open one never got its adBreakComplete.
      if (adBreak) closeBreak(at, adBreak.implicit)
      adBreak = { start: at, implicit: false }
    } else if (type === 'adBreakComplete') {
      if (adBreak) closeBreak(at, true)
    } else if (type === 'adStart') {
      adBreak ??= { start: at, implicit: true }
      adPlaying = true
    } else if (type === 'adComplete' || type === 'adSkip') {
      adPlaying = false
    } else if (type === 'chapterStart') {
      closeChapter(at, false)
      chapter = at
    } else if (type === 'chapterComplete' || type === 'chapterSkip') {
      closeChapter(at, true)
    } else if (SESSION_ENDS.has(type)) {
      if (adBreak) closeBreak(at, adBreak.implicit)
      closeChapter(at, false)
    }
  }

  function intervals(): Intervals {
    // Copies, ending what is still open at the last event without closing it for the events still to come.
    const out: Intervals = { adBreaks: [...result.adBreaks], chapters: [...result.chapters], pauses: [...result.pauses], buffers: [...result.buffers] }
    if (last === undefined) return out
    const openBreak = adBreak
    if (openBreak) out.adBreaks.push({ start: openBreak.start, end: last, closed: false, implicit: openBreak.implicit })
    if (chapter !== null) out.chapters.push({ start: chapter, end: last, closed: false, implicit: false })
    if (pause !== null) out.pauses.push({ start: pause, end: last, closed: false })
    if (buffer !== null) out.buffers.push({ start: buffer, end: last, closed: false })
    return out
  }

  return { add, intervals }
}
