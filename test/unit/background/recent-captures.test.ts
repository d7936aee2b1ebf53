/** What the worker keeps in memory for joins: settled captures up to 500, captures still waiting far more. */
import { expect, it } from 'vitest'
import { emptyRecent, remember } from '../../../src/background/merge'
import type { CaptureRecord } from '../../../src/store/records'

const T0 = Date.parse('2026-01-15T02:00:00.000Z')

function capture(seq: number, answered: boolean): CaptureRecord {
  return {
    seq, scope: 'tab:1@test', url: `http://127.0.0.1:9/ee/va/v1/ping?n=${seq}`, method: 'POST', requestHeaders: [], requestBody: null,
    response: answered ? { status: 204, headers: [], body: null } : null, observedAt: T0 + seq, tabId: 1, frameId: 0,
    sources: ['webRequest'], webRequestId: `r${seq}`, resourceType: 'ping', signature: '[]',
  }
}

it('forgets the oldest settled captures past 500', () => {
  const recent = emptyRecent()
  for (let seq = 0; seq < 600; seq++) expect(remember(recent, capture(seq, true))).toEqual([])
  expect(recent.bySeq.size).toBe(500)
  expect(recent.byRequestId.has('r99')).toBe(false)
  expect(recent.byRequestId.has('r100')).toBe(true)
})

it('keeps every capture still waiting for its response, however many, up to the in-flight limit', () => {
  const recent = emptyRecent()
  for (let seq = 0; seq < 2000; seq++) remember(recent, capture(seq, false))
  expect(recent.bySeq.size).toBe(2000)
  // Answered ones go first when room is needed.
  for (let seq = 2000; seq < 2100; seq++) remember(recent, capture(seq, true))
  expect(recent.bySeq.size).toBe(2000)
})

it('past the in-flight limit, returns each waiting capture it had to forget so the loss is reported', () => {
  const recent = emptyRecent()
  const forgotten: CaptureRecord[] = []
  for (let seq = 0; seq < 60; seq++) forgotten.push(...remember(recent, capture(seq, false), 50))
  expect(forgotten.map((c) => c.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
  expect(recent.bySeq.size).toBe(50)
  expect(recent.byRequestId.has('r9')).toBe(false)
})

/** A fetch webRequest has answered, whose page-hook report (and response body) is still to come. */
function awaitingHook(seq: number, observedAt: number): CaptureRecord {
  return { ...capture(seq, true), sources: ['webRequest'], resourceType: 'xmlhttprequest', webRequestId: `r${seq}`, observedAt }
}

it('keeps captures waiting for the page hook while the join window lasts, and forgets them as settled once it passed', () => {
  const recent = emptyRecent()
  for (let seq = 0; seq < 700; seq++) expect(remember(recent, awaitingHook(seq, T0 + seq))).toEqual([])
  expect(recent.bySeq.size).toBe(700)
  // Room is needed: the one settled capture goes, the waiting ones stay.
  expect(remember(recent, capture(700, true))).toEqual([])
  expect(recent.bySeq.has(700)).toBe(false)
  // 31 s later, a new capture's clock puts all of them past the join window: they settle and the oldest go.
  const later = { ...capture(701, true), observedAt: T0 + 31_000 }
  expect(remember(recent, later)).toEqual([])
  expect(recent.bySeq.size).toBe(500)
  expect(recent.bySeq.has(200)).toBe(false)
  expect(recent.bySeq.has(201)).toBe(true)
  expect(recent.bySeq.has(701)).toBe(true)
})

it('a capture answered after waiting becomes settled and goes before captures still waiting', () => {
  const recent = emptyRecent()
  for (let seq = 0; seq < 500; seq++) remember(recent, capture(seq, false))
  remember(recent, capture(3, true))
  remember(recent, capture(500, false))
  expect(recent.bySeq.size).toBe(500)
  expect(recent.bySeq.has(3)).toBe(false)
  expect(recent.byRequestId.has('r3')).toBe(false)
  expect(recent.bySeq.has(0)).toBe(true)
})
