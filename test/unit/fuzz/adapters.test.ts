/**
 * Property-based fuzzing of every protocol adapter with mutated real captures (issue 7, item 3): decode and the
 * URL/content matchers never throw, never pollute a prototype, return within the per-input budget, and give back
 * a well-formed Decoded. Deterministic (fixed seed); FUZZ_RUNS=n searches deeper, FUZZ_SEED=n elsewhere.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { adapters } from '../../../src/protocols'
import type { CapturedRequest } from '../../../src/protocols/captured-request'
import { deepJson, hugeBody, hugeJson, parsedOrNull } from '../../helpers/fuzz-arbitraries'
import { mutatedCapture } from '../../helpers/fuzz-captures'
import { FUZZ_TEST_TIMEOUT_MS, HUGE_INPUT_BUDGET_MS, checkProperty, inputCount, reportCountsAfterAll } from '../../helpers/fuzz-config'
import { fixtureCaptures } from '../../helpers/fuzz-corpus'
import { assertDecoded } from '../../helpers/fuzz-invariants'
import { assertPrototypesUnchanged, snapshotPrototypes } from '../../helpers/fuzz-prototypes'

reportCountsAfterAll()

describe.each(adapters.map((adapter) => [adapter.id, adapter] as const))('%s adapter under fuzzing', { timeout: FUZZ_TEST_TIMEOUT_MS }, (id, adapter) => {
  const seeds = fixtureCaptures(id)
  const target = `adapter ${id}`

  function decodes(capture: CapturedRequest): void {
    const before = snapshotPrototypes()
    let url: URL | null = null
    try {
      url = new URL(capture.url)
    } catch {
      // An unparseable URL is still handed to decode, which must cope.
    }
    if (url) adapter.matchesUrl(url)
    adapter.matchesCapture?.(capture)
    assertDecoded(adapter, capture, adapter.decode(capture))
    assertPrototypesUnchanged(before)
  }

  it('has real captures to mutate', () => {
    expect(seeds.length).toBeGreaterThan(10)
  })

  it('decodes mutated real captures without throwing, hanging or polluting prototypes', () => {
    checkProperty(target, mutatedCapture(seeds), decodes, 300)
    expect(inputCount(target)).toBeGreaterThan(0)
  })

  it('decodes bodies and frames nested 1,000 to 20,000 levels deep', () => {
    const capture = fc.record({ seed: fc.constantFrom(...seeds), text: deepJson }).map(({ seed, text }): CapturedRequest => ({
      ...seed,
      requestBody: { text },
      ...(seed.frames ? { frames: seed.frames.map((frame) => ({ ...frame, data: text })) } : {}),
    }))
    checkProperty(target, capture, decodes, 12)
  })

  it('decodes several-megabyte bodies, valid JSON and not, within the time budget', () => {
    const capture = fc.record({ seed: fc.constantFrom(...seeds), garbage: hugeBody, valid: fc.boolean() }).map(({ seed, garbage, valid }): CapturedRequest => {
      const text = valid ? hugeJson(parsedOrNull(seed.requestBody?.text || seed.frames?.[0]?.data || '{}'), garbage.length) : garbage
      return { ...seed, requestBody: { text }, ...(seed.frames ? { frames: seed.frames.map((frame, i) => (i === 0 ? { ...frame, data: text } : frame)) } : {}) }
    })
    checkProperty(target, capture, decodes, 4, HUGE_INPUT_BUDGET_MS)
  })
})
