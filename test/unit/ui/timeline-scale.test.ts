import { describe, expect, it } from 'vitest'
import { clampDomain, dragRange, invertScale, linearScale, MIN_SPAN_MS, reveal, timeTicks, valueTicks, zoomAround } from '../../../src/devtools/components/timeline/scale'

const full = { start: 0, end: 120_000 }

describe('scales', () => {
  it('maps a domain onto pixels and back', () => {
    const x = linearScale(full, 40, 640)
    expect(x(0)).toBe(40)
    expect(x(60_000)).toBe(340)
    expect(invertScale(full, 40, 640)(340)).toBe(60_000)
  })

  it('puts every value of an empty domain at the start', () => {
    expect(linearScale({ start: 5, end: 5 }, 10, 20)(99)).toBe(10)
  })
})

describe('ticks', () => {
  it('labels round offsets from the session start as a player would', () => {
    expect(timeTicks({ start: 1_000_000, end: 1_120_000 }, 1_000_000, 5).map((tick) => tick.label)).toEqual(['0:00', '0:30', '1:00', '1:30', '2:00'])
  })

  it('counts from the session start, not from the window start, when zoomed', () => {
    expect(timeTicks({ start: 1_012_000, end: 1_041_000 }, 1_000_000, 3).map((tick) => tick.label)).toEqual(['0:20', '0:30', '0:40'])
  })

  it('labels sub-second steps to the millisecond', () => {
    expect(timeTicks({ start: 0, end: 400 }, 0, 3).map((tick) => tick.label)).toEqual(['0:00.000', '0:00.200', '0:00.400'])
  })

  it('puts playhead ticks on 1-2-5 steps', () => {
    expect(valueTicks({ start: 0, end: 60 }, 4).map((tick) => tick.label)).toEqual(['0', '20', '40', '60'])
    expect(valueTicks({ start: 7200, end: 93_600 }, 4).map((tick) => tick.value)).toEqual([20_000, 40_000, 60_000, 80_000])
  })
})

describe('zoom', () => {
  it('zooms in around an anchor, keeping its place in the window', () => {
    expect(zoomAround(full, full, 0.5, 30_000)).toEqual({ start: 15_000, end: 75_000 })
  })

  it('stays inside the session and never narrower than the minimum', () => {
    expect(zoomAround(full, full, 0.5, 0)).toEqual({ start: 0, end: 60_000 })
    expect(zoomAround({ start: 100_000, end: 120_000 }, full, 8, 119_000)).toEqual(full)
    const tiny = zoomAround({ start: 0, end: 30 }, full, 0.1, 10)
    expect(tiny.end - tiny.start).toBe(MIN_SPAN_MS)
  })

  it('moves a window that runs past the end back inside', () => {
    expect(clampDomain({ start: 110_000, end: 130_000 }, full)).toEqual({ start: 100_000, end: 120_000 })
  })

  it('orders a dragged range, clamps it, and ignores one too narrow to mean a zoom', () => {
    expect(dragRange(90_000, 130_000, full)).toEqual({ start: 90_000, end: 120_000 })
    expect(dragRange(50_000, 50_005, full)).toBeNull()
  })

  it('pans just enough to reveal a value outside the window', () => {
    const view = { start: 20_000, end: 40_000 }
    expect(reveal(view, full, 30_000)).toBe(view)
    expect(reveal(view, full, 50_000)).toEqual({ start: 32_000, end: 52_000 })
  })
})
