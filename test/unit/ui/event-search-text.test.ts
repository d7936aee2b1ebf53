import { describe, expect, it } from 'vitest'
import { searchTextOf } from '../../../src/devtools/components/events/event-filter'
import type { EventRecord } from '../../../src/store/records'

function event(details: unknown): EventRecord {
  return { scope: 'tab:1', capture: 1, ordinal: 0, frame: null, sessionKey: '', position: 0, protocol: 'adobe-media-edge', type: 'play', role: 'event', sessionId: null, playhead: 0, clientTime: null, observedAt: 0, details }
}

describe('event search text', () => {
  it('finds a value with quotes or backslashes by its own text, and still a field by its JSON', () => {
    const text = searchTextOf(event({ ad: { name: 'Ad <img src=x onerror="go()">', path: 'C:\\clips', 'key "quoted"': 1, plain: 'x' } }))
    expect(text).toContain('ad <img src=x onerror="go()">')
    expect(text).toContain('c:\\clips')
    expect(text).toContain('key "quoted"')
    expect(text).toContain('"plain":"x"')
  })

  it('adds nothing when no string needs escaping', () => {
    expect(searchTextOf(event({ a: 'b' }))).toBe(['play', '', '', '{"a":"b"}'].join('\n'))
  })
})
