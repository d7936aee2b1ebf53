import { describe, expect, it } from 'vitest'
import { deriveIntervals } from '../../../src/devtools/components/timeline/intervals'

/** Events at whole seconds: [type, second]. */
const at = (...steps: Array<[string, number]>) => steps.map(([type, seconds]) => ({ type, observedAt: seconds * 1000 }))

describe('deriveIntervals', () => {
  it('spans an explicit ad break from adBreakStart to adBreakComplete, however many ads it holds', () => {
    const { adBreaks } = deriveIntervals(at(['play', 0], ['adBreakStart', 5], ['adStart', 5], ['adComplete', 10], ['adStart', 10], ['ping', 12], ['adComplete', 20], ['adBreakComplete', 20], ['play', 21]))
    expect(adBreaks).toEqual([{ start: 5000, end: 20_000, closed: true, implicit: false }])
  })

  it('opens an implicit break at an adStart outside any break and closes it at the first main-content event after the ads', () => {
    const { adBreaks } = deriveIntervals(at(['play', 0], ['adStart', 5], ['play', 6], ['adComplete', 15], ['adStart', 15], ['adComplete', 25], ['play', 26], ['sessionEnd', 40]))
    // The play at 6 is the ad's own heartbeat: an ad is playing, so the break goes on.
    expect(adBreaks).toEqual([{ start: 5000, end: 26_000, closed: true, implicit: true }])
  })

  it('lets a session end close an implicit break, but not an explicit one', () => {
    expect(deriveIntervals(at(['adStart', 1], ['sessionEnd', 9])).adBreaks).toEqual([{ start: 1000, end: 9000, closed: true, implicit: true }])
    expect(deriveIntervals(at(['adBreakStart', 1], ['adStart', 1], ['sessionComplete', 9])).adBreaks).toEqual([{ start: 1000, end: 9000, closed: false, implicit: false }])
  })

  it('marks a break still open at the last event, or cut short by a new adBreakStart, as not closed', () => {
    const { adBreaks } = deriveIntervals(at(['adBreakStart', 1], ['adStart', 1], ['adBreakStart', 30], ['ping', 40]))
    expect(adBreaks).toEqual([
      { start: 1000, end: 30_000, closed: false, implicit: false },
      { start: 30_000, end: 40_000, closed: false, implicit: false },
    ])
  })

  it('spans chapters from chapterStart to chapterComplete or chapterSkip; a new chapterStart ends an open one', () => {
    const { chapters } = deriveIntervals(at(['chapterStart', 0], ['chapterComplete', 10], ['chapterStart', 11], ['chapterSkip', 15], ['chapterStart', 16], ['chapterStart', 20], ['ping', 25]))
    expect(chapters.map(({ start, end, closed }) => [start / 1000, end / 1000, closed])).toEqual([
      [0, 10, true],
      [11, 15, true],
      [16, 20, false],
      [20, 25, false],
    ])
  })

  it('spans a pause until play, through pause heartbeats and pings, and buffering until play', () => {
    const { pauses, buffers } = deriveIntervals(at(['play', 0], ['pauseStart', 5], ['ping', 10], ['pauseStart', 15], ['play', 20], ['bufferStart', 22], ['play', 25]))
    expect(pauses).toEqual([{ start: 5000, end: 20_000, closed: true }])
    expect(buffers).toEqual([{ start: 22_000, end: 25_000, closed: true }])
  })

  it('ends a pause or buffering at the next state the player reports, and leaves one open at the end of the capture', () => {
    const { pauses, buffers } = deriveIntervals(at(['bufferStart', 1], ['pauseStart', 3], ['bufferStart', 8], ['ping', 12]))
    expect(buffers).toEqual([
      { start: 1000, end: 3000, closed: true },
      { start: 8000, end: 12_000, closed: false },
    ])
    expect(pauses).toEqual([{ start: 3000, end: 8000, closed: true }])
  })

  it('has nothing to draw for no events', () => {
    expect(deriveIntervals([])).toEqual({ adBreaks: [], chapters: [], pauses: [], buffers: [] })
  })
})
