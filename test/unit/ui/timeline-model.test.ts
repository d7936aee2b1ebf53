import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { timelineAppender, timelineModel } from '../../../src/devtools/components/timeline/model'
import type { EventRecord } from '../../../src/store/records'
import { replayedSession } from '../../helpers/timeline-session'

const EDGE = join(import.meta.dirname, '../../fixtures/adobe-media-edge')

/** The model as the panel builds it while a session loads: one chunk of events after another. */
function chunked(events: readonly EventRecord[], findings: Parameters<typeof timelineAppender>[0], size: number) {
  const appender = timelineAppender(findings)
  const builder = appender.start()
  const reads = []
  for (let from = 0; from < events.length; from += size) {
    const to = Math.min(events.length, from + size)
    appender.add(builder, events.slice(0, to), from, to)
    reads.push(appender.read(builder))
  }
  return reads
}

describe('timeline model built chunk by chunk', () => {
  it('ends as the model of the whole session: bands, segments, playhead, pings and findings', () => {
    for (const file of ['f6-multi-ad-session.har', 'f5-chapters-and-ads.har']) {
      const { events, findings } = replayedSession(join(EDGE, file))
      const whole = timelineModel(events, findings)
      for (const size of [1, 3, 7]) expect(chunked(events, findings, size).at(-1)).toEqual(whole)
      expect(whole.intervals.adBreaks.length).toBeGreaterThan(0)
    }
  })

  it('shows what has arrived so far, spans still open ending at the last event', () => {
    const { events, findings } = replayedSession(join(EDGE, 'f6-multi-ad-session.har'))
    const reads = chunked(events, findings, 5)
    for (const [i, read] of reads.entries()) {
      const sofar = events.slice(0, Math.min(events.length, (i + 1) * 5))
      expect(read).toEqual(timelineModel(sofar, findings))
    }
    // Each read is its own object, so memoized chart layers see the change.
    expect(reads[0]).not.toBe(reads[1])
    expect(reads[0]!.index.times).not.toBe(reads[1]!.index.times)
  })

  it('falls back to sorting the whole list when an event arrives out of time order', () => {
    const { events, findings } = replayedSession(join(EDGE, 'f6-multi-ad-session.har'))
    const late = [...events]
    // A late arrival: applied after events observed after it.
    const [moved] = late.splice(3, 1)
    late.splice(8, 0, moved!)
    const whole = timelineModel(late, findings)
    expect(whole.index.order.slice(0, 10)).not.toEqual([...Array(10).keys()])
    expect(chunked(late, findings, 4).at(-1)).toEqual(whole)
  })
})
