import { describe, expect, it } from 'vitest'
import { onTimelineKey } from '../../../src/devtools/components/timeline/timeline-keys'
import { timeIndex } from '../../../src/devtools/components/timeline/time-index'

const index = timeIndex([{ observedAt: 0 }, { observedAt: 1000 }, { observedAt: 2000 }, { observedAt: 3000 }])

function press(key: string, selectedPosition: number, modifiers: Partial<KeyboardEvent> = {}) {
  const done: string[] = []
  let prevented = false
  const event = { key, ctrlKey: false, metaKey: false, altKey: false, ...modifiers, preventDefault: () => (prevented = true) } as KeyboardEvent
  onTimelineKey(event, {
    index,
    view: { start: 900, end: 2100 },
    selectedPosition,
    selectAt: (position) => done.push(`select ${position}`),
    zoom: (factor) => done.push(`zoom ${factor}`),
    resetZoom: () => done.push('reset'),
    cancelDrag: () => done.push('cancel'),
  })
  return { done, prevented }
}

describe('timeline keys', () => {
  it('moves the selection, or starts it at the edge of the view', () => {
    expect(press('ArrowRight', 1).done).toEqual(['select 2'])
    expect(press('ArrowRight', 3).done).toEqual(['select 3'])
    expect(press('ArrowRight', -1).done).toEqual(['select 1'])
    expect(press('ArrowLeft', -1).done).toEqual(['select 2'])
    expect(press('ArrowLeft', 0).done).toEqual(['select 0'])
    expect(press('Home', 2).done).toEqual(['select 0'])
    expect(press('End', 0).done).toEqual(['select 3'])
  })

  it('zooms, resets and cancels a drag, and leaves keys with a modifier or of no use to the browser', () => {
    expect(['+', '=', '-', '_', '0', 'Escape'].flatMap((key) => press(key, 0).done)).toEqual(['zoom 0.5', 'zoom 0.5', 'zoom 2', 'zoom 2', 'reset', 'cancel'])
    expect(press('+', 0).prevented).toBe(true)
    expect(press('+', 0, { ctrlKey: true })).toEqual({ done: [], prevented: false })
    expect(press('a', 0)).toEqual({ done: [], prevented: false })
  })
})
