/** The fuzz suite's own guards catch what they are there to catch, so a passing run means something. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { adobeMediaEdge } from '../../../src/protocols/adobe-media-edge'
import { fromHar } from '../../../src/report/from-har'
import { INPUT_BUDGET_MS, checkProperty } from '../../helpers/fuzz-config'
import { assertCaptures, assertDecoded } from '../../helpers/fuzz-invariants'
import { assertPrototypesUnchanged, snapshotPrototypes } from '../../helpers/fuzz-prototypes'

describe('fuzz guards', () => {
  it('notice a polluted Object.prototype, and a key planted on it', () => {
    const before = snapshotPrototypes()
    const proto = Object.prototype as Record<string, unknown>
    try {
      proto.polluted = 'yes'
      expect(() => assertPrototypesUnchanged(before)).toThrow(/Object.prototype changed/)
    } finally {
      delete proto.polluted
    }
    expect(() => assertPrototypesUnchanged(before)).not.toThrow()
  })

  it('reject a problem without a reason and a capture whose time is not a number', () => {
    const capture = fromHar({ log: { entries: [{ request: { url: 'https://e.adobedc.net/ee/va/v1/play', method: 'POST', postData: { text: '{}' } } }] } }).captures[0]!
    expect(() => assertDecoded(adobeMediaEdge, capture, { events: [], problems: [{ protocol: 'adobe-media-edge', kind: 'malformed', capture: capture.seq, frame: null, reason: ' ' }] })).toThrow(/without a reason/)
    assertCaptures([capture])
    expect(() => assertCaptures([{ ...capture, observedAt: Number.NaN }])).toThrow(/observedAt/)
  })

  it('fail an input that runs past the per-input budget, naming the seed', () => {
    const slow = () => {
      const until = performance.now() + INPUT_BUDGET_MS + 100
      while (performance.now() < until) {
        // Busy: a hang the budget must catch.
      }
    }
    let failure: unknown
    try {
      checkProperty('guard', fc.constant(1), slow, 1)
    } catch (error) {
      failure = error
    }
    expect(String(failure)).toMatch(/seed: \d+/)
    expect(String((failure as Error).cause ?? failure)).toMatch(/budget/)
  }, INPUT_BUDGET_MS * 4)
})
