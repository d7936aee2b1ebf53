import { describe, expect, it } from 'vitest'
import { placeFindings, visibleMarkers } from '../../../src/devtools/components/timeline/markers'
import type { Finding, FindingLocation, Severity } from '../../../src/session/finding'

const events = [
  { capture: 4, ordinal: 0, observedAt: 1000 },
  { capture: 4, ordinal: 1, observedAt: 2000 },
  { capture: 7, ordinal: 0, observedAt: 9000 },
]

function finding(severity: Severity, at: FindingLocation | null, rule = 'r'): Finding {
  return { rule, severity, message: 'm', docs: '', sessionKey: 'k', at }
}

describe('placeFindings', () => {
  it('places a finding at its event, a finding about a request at its first event, the rest at the session end', () => {
    const placed = placeFindings(
      [
        finding('warning', { capture: 4, ordinal: 1, frame: null }),
        finding('error', { capture: 4, ordinal: null, frame: null }),
        finding('info', null),
        finding('info', { capture: 99, ordinal: 0, frame: null }),
      ],
      events,
      12_000,
    )
    expect(placed.map(({ time, eventId }) => [time, eventId])).toEqual([
      [2000, '4:1'],
      [1000, '4:0'],
      [12_000, undefined],
      [12_000, undefined],
    ])
  })
})

describe('visibleMarkers', () => {
  const x = (time: number) => time / 10

  it('draws one marker per visible finding, worst on top', () => {
    const placed = placeFindings([finding('error', { capture: 4, ordinal: 0, frame: null }), finding('info', { capture: 7, ordinal: 0, frame: null })], events, 12_000)
    expect(visibleMarkers(placed, { start: 0, end: 12_000 }, x).map((m) => m.severity)).toEqual(['info', 'error'])
    expect(visibleMarkers(placed, { start: 5000, end: 12_000 }, x).map((m) => m.severity)).toEqual(['info'])
  })

  it('past the cap, shares markers between findings a few pixels apart, each showing the worst', () => {
    const many = Array.from({ length: 10 }, (_, i) => ({ finding: finding(i === 3 ? 'error' : 'warning', null), time: i, eventId: `1:${i}` }))
    const markers = visibleMarkers(many, { start: 0, end: 100 }, x, 5)
    expect(markers).toHaveLength(1)
    expect(markers[0]).toMatchObject({ severity: 'error', eventId: '1:3' })
    expect(markers[0]!.findings).toHaveLength(10)
  })
})
