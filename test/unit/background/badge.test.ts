import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { BADGE_INTERVAL_MS, showErrorCount } from '../../../src/background/badge'

/** What the browser was told, per tab, in order. */
let painted: Array<{ tabId: number; text: string }>

beforeEach(() => {
  vi.useFakeTimers()
  painted = []
  vi.stubGlobal('chrome', {
    action: {
      setBadgeText: async (details: { tabId: number; text: string }) => void painted.push(details),
      setBadgeBackgroundColor: async () => {},
    },
  })
})

afterEach(() => {
  vi.runAllTimers()
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('the error badge', () => {
  it('paints the first count of a tab at once', () => {
    showErrorCount(7, 2)
    expect(painted).toEqual([{ tabId: 7, text: '2' }])
  })

  it('paints a burst of counts once more, with the last one, when the interval ends', () => {
    showErrorCount(7, 1)
    for (let errors = 2; errors <= 40; errors++) showErrorCount(7, errors)
    expect(painted).toEqual([{ tabId: 7, text: '1' }])
    vi.advanceTimersByTime(BADGE_INTERVAL_MS)
    expect(painted).toEqual([{ tabId: 7, text: '1' }, { tabId: 7, text: '40' }])
    vi.advanceTimersByTime(BADGE_INTERVAL_MS)
    expect(painted).toHaveLength(2)
  })

  it('ends with a cleared scope\'s empty badge even when it was cleared mid-interval', () => {
    showErrorCount(7, 3)
    showErrorCount(7, 5)
    showErrorCount(7, 0)
    vi.advanceTimersByTime(BADGE_INTERVAL_MS)
    expect(painted.at(-1)).toEqual({ tabId: 7, text: '' })
  })

  it('keeps tabs apart and paints no badge for requests of no tab', () => {
    showErrorCount(7, 1)
    showErrorCount(8, 1000)
    showErrorCount(-1, 4)
    expect(painted).toEqual([{ tabId: 7, text: '1' }, { tabId: 8, text: '999+' }])
  })
})
