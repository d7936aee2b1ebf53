import { describe, expect, it } from 'vitest'
import type { Plot } from '../../../src/devtools/components/timeline/paths'
import { decimate, linePath, series, tickPath } from '../../../src/devtools/components/timeline/paths'
import { nearestPosition, timeIndex } from '../../../src/devtools/components/timeline/time-index'

/** Time in ms straight onto pixels: 1 px per `msPerPx`. */
function plot(start: number, end: number, msPerPx: number): Plot {
  return { x: (t) => (t - start) / msPerPx, y: (v) => 100 - v, start, end }
}

describe('decimate', () => {
  it('keeps every point when they fit two to a pixel column', () => {
    const s = series([0, 1, 2, 3].map((i) => ({ x: i * 1000, y: i })))
    expect(decimate(s, plot(0, 3000, 10))).toEqual([0, 1, 2, 3])
  })

  it('keeps one point either side of the window, so the line runs to the edges', () => {
    const s = series([0, 1, 2, 3, 4, 5].map((i) => ({ x: i * 1000, y: i })))
    expect(decimate(s, plot(1500, 3500, 10))).toEqual([1, 2, 3, 4])
  })

  it('keeps at most the lowest and highest point of each column, in the order they occur', () => {
    // 1000 points over 10 px: a saw tooth whose extremes must survive.
    const points = Array.from({ length: 1000 }, (_, i) => ({ x: i, y: i % 100 === 37 ? 500 : i % 100 === 73 ? -5 : 10 }))
    const s = series(points)
    const kept = decimate(s, plot(0, 999, 100))
    expect(kept.length).toBeLessThanOrEqual(2 * 10)
    expect(kept).toEqual([...kept].sort((a, b) => a - b))
    for (let column = 0; column < 10; column++) {
      expect(kept).toContain(column * 100 + 37)
      expect(kept).toContain(column * 100 + 73)
    }
  })

  it('draws one path through the kept points', () => {
    const s = series([{ x: 0, y: 0 }, { x: 1000, y: 10 }])
    expect(linePath(s, plot(0, 1000, 10))).toBe('M0,100L100,90')
    expect(linePath(series([]), plot(0, 1000, 10))).toBe('')
  })
})

describe('tickPath', () => {
  it('draws one tick per pixel column within the window', () => {
    const times = Float64Array.from([0, 1, 2, 500, 999, 1000, 5000])
    expect(tickPath(times, plot(0, 1000, 10), 5, 9)).toBe('M0,5V9M50,5V9M100,5V9')
  })
})

describe('tickPath over many times', () => {
  it('draws the same ticks as rounding every time, skipping ahead within a column', () => {
    // Irregular, dense times (several per pixel column, some columns empty), in a window that cuts both ends.
    let seed = 7
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647)
    const times = new Float64Array(20_000)
    let t = 0
    for (let i = 0; i < times.length; i++) times[i] = t += random() < 0.01 ? 400 * random() : 3 * random()
    for (const [start, end, msPerPx] of [[0, t, 37], [1234.5, 20_000.25, 7.3], [500, 900, 0.9]] as const) {
      const p = plot(start, end, msPerPx)
      const naive: string[] = []
      let previous = Number.NaN
      for (const time of times) {
        if (time < start || time > end) continue
        const x = Math.round(p.x(time))
        if (x !== previous) naive.push(`M${x},1V2`)
        previous = x
      }
      expect(tickPath(times, p, 1, 2)).toBe(naive.join(''))
    }
  })
})

describe('timeIndex', () => {
  const events = [5000, 1000, 3000, 3000].map((observedAt) => ({ observedAt }))
  const index = timeIndex(events)

  it('orders events by observed time, ties in list order', () => {
    expect(index.order).toEqual([1, 2, 3, 0])
  })

  it('finds the event nearest a time, the earlier one on a tie', () => {
    expect(index.order[nearestPosition(index, 0)]).toBe(1)
    expect(index.order[nearestPosition(index, 2000)]).toBe(1)
    expect(index.order[nearestPosition(index, 2600)]).toBe(2)
    expect(index.order[nearestPosition(index, 9000)]).toBe(0)
    expect(nearestPosition(timeIndex([]), 0)).toBe(-1)
  })
})
