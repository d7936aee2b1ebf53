import { describe, expect, it } from 'vitest'
import { pixelSpans } from '../../../src/devtools/components/timeline/pixel-spans'

const x = (time: number) => time / 10

describe('pixelSpans', () => {
  it('draws spans apart on screen as rectangles of their own, clipped to the plot', () => {
    const spans = [{ start: -50, end: 100 }, { start: 300, end: 600 }, { start: 900, end: 2000 }]
    expect(pixelSpans(spans, x, 0, 100).map(({ x, width, items }) => [x, width, items.length])).toEqual([
      [0, 10, 1],
      [30, 30, 1],
      [90, 10, 1],
    ])
  })

  it('gives a brief span a pixel, and leaves out spans outside the plot', () => {
    expect(pixelSpans([{ start: 500, end: 500 }, { start: 5000, end: 6000 }], x, 0, 100).map(({ x, width }) => [x, width])).toEqual([[50, 1]])
  })

  it('merges spans that touch on screen, keeping them all', () => {
    const spans = Array.from({ length: 1000 }, (_, i) => ({ start: i * 10, end: i * 10 + 5 }))
    const merged = pixelSpans(spans, x, 0, 1000)
    expect(merged).toHaveLength(1)
    expect(merged[0]!.items).toHaveLength(1000)
    expect(merged[0]!.width).toBe(1000)
  })
})
