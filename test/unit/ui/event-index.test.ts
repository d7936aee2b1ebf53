import { describe, expect, it } from 'vitest'
import { eventIndexAppender, eventKey, eventOfFinding, findingIsOn, indexEvents, indexOfKey } from '../../../src/devtools/components/events/event-index'
import { rowWindow, scrollToReveal, targetRow } from '../../../src/devtools/components/events/virtual-window'
import { event, finding } from './fake-data-source'

const S = 'adobe-media-edge:sid'

describe('event index', () => {
  // Capture 2 carried two events; capture 3 one.
  const events = [event(S, 1, 1, 'sessionStart'), event(S, 2, 2, 'play'), event(S, 2, 3, 'ping', { ordinal: 1 }), event(S, 3, 4, 'ping')]
  const onPing = finding(S, 2, { rule: 'a', severity: 'info', message: 'on the ping', at: { capture: 2, ordinal: 1, frame: null } })
  const onRequest = finding(S, 2, { rule: 'b', severity: 'warning', message: 'on the request', at: { capture: 2, ordinal: null, frame: null } })
  const onSession = finding(S, 0, { rule: 'c', severity: 'error', message: 'on the session', at: null })
  const elsewhere = finding(S, 9, { rule: 'd', severity: 'error', message: 'another capture' })
  const index = indexEvents(events, [onPing, onRequest, onSession, elsewhere])

  it('ties findings to their event, and a whole-request finding to each of its events', () => {
    expect(index.findingsOf.get('2:0')).toEqual([onRequest])
    expect(index.findingsOf.get('2:1')).toEqual([onPing, onRequest])
    expect(index.findingsOf.has('1:0')).toBe(false)
    expect(index.findingsOf.has('3:0')).toBe(false)
    expect(Object.fromEntries(index.marks)).toEqual({ '2:0': 'warning', '2:1': 'warning' })
  })

  it('indexes a list added in chunks as it indexes the whole list at once', () => {
    const findings = [onPing, onRequest, onSession, elsewhere]
    const appender = eventIndexAppender(findings)
    const indexer = appender.start()
    appender.add(indexer, events, 0, 2)
    const early = appender.read(indexer)
    expect(early.findingsOf.get('2:0')).toEqual([onRequest])
    expect(early.byKey.has('2:1')).toBe(false)
    appender.add(indexer, events, 2, events.length)
    const chunked = appender.read(indexer)
    expect(chunked).not.toBe(early)
    for (const field of ['byKey', 'firstOfCapture', 'findingsOf', 'marks'] as const) {
      expect(Object.fromEntries(chunked[field])).toEqual(Object.fromEntries(index[field]))
    }
  })

  it('reveals the event a finding points at, or the first event of its request', () => {
    expect(eventOfFinding(onPing, index)).toBe(events[2])
    expect(eventOfFinding(onRequest, index)).toBe(events[1])
    expect(eventOfFinding(onSession, index)).toBeUndefined()
    expect(eventOfFinding(elsewhere, index)).toBeUndefined()
    expect(findingIsOn(onRequest, events[2]!)).toBe(true)
    expect(findingIsOn(onPing, events[1]!)).toBe(false)
  })

  it('finds an event by key in a list', () => {
    expect(indexOfKey(events, eventKey(events[2]!))).toBe(2)
    expect(indexOfKey(events, '9:0')).toBe(-1)
    expect(indexOfKey(events, undefined)).toBe(-1)
  })
})

describe('virtual window', () => {
  it('renders the rows in view plus overscan, clamped to the list', () => {
    expect(rowWindow(50_000, 0, 220, 22, 5)).toEqual({ start: 0, end: 16 })
    expect(rowWindow(50_000, 22 * 1000, 220, 22, 5)).toEqual({ start: 995, end: 1016 })
    expect(rowWindow(50_000, 22 * 50_000, 220, 22, 5)).toEqual({ start: 49_995, end: 50_000 })
    expect(rowWindow(3, 0, 220, 22, 5)).toEqual({ start: 0, end: 3 })
    expect(rowWindow(0, 500, 220, 22, 5)).toEqual({ start: 0, end: 0 })
  })

  it('scrolls only as far as needed to show a row', () => {
    expect(scrollToReveal(5, 0, 220, 22)).toBeUndefined()
    expect(scrollToReveal(10, 0, 220, 22)).toBe(22)
    expect(scrollToReveal(3, 22 * 10, 220, 22)).toBe(66)
  })

  it('moves by a row, a page less one row, or to the ends, within the list', () => {
    expect(targetRow('ArrowDown', 0, 10, 5)).toBe(1)
    expect(targetRow('ArrowUp', 0, 10, 5)).toBe(0)
    expect(targetRow('PageDown', 0, 10, 5)).toBe(4)
    expect(targetRow('PageDown', 8, 10, 5)).toBe(9)
    expect(targetRow('PageUp', 6, 10, 5)).toBe(2)
    expect(targetRow('End', 0, 10, 5)).toBe(9)
    expect(targetRow('Home', 7, 10, 5)).toBe(0)
    expect(targetRow('x', 7, 10, 5)).toBeUndefined()
    expect(targetRow('End', 0, 0, 5)).toBeUndefined()
  })
})
