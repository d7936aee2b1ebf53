/**
 * Property-based fuzzing of the HAR importer (issue 7, item 3): whatever the file holds, fromHar either returns
 * captures typed exactly as CapturedRequest says or throws HarError with a one-line reason; it never throws
 * anything else, never pollutes a prototype and stays within the per-input budget.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromHar, HarError } from '../../../src/report/from-har'
import { fixtureArbitrary, notHarText, hostileHar, hugeHar } from '../../helpers/fuzz-hars'
import { FUZZ_TEST_TIMEOUT_MS, HUGE_INPUT_BUDGET_MS, checkProperty, inputCount, reportCountsAfterAll } from '../../helpers/fuzz-config'
import { assertCaptures } from '../../helpers/fuzz-invariants'
import { assertPrototypesUnchanged, snapshotPrototypes } from '../../helpers/fuzz-prototypes'

reportCountsAfterAll()
const TARGET = 'importer from-har'

function imports(input: unknown): void {
  const before = snapshotPrototypes()
  try {
    const { captures, observedUntil } = fromHar(input)
    assertCaptures(captures)
    if (observedUntil !== null && !Number.isFinite(observedUntil)) throw new Error(`observedUntil ${observedUntil}`)
  } catch (error) {
    if (!(error instanceof HarError)) throw error
    if (error.message === '' || error.message.includes('\n')) throw new Error(`HarError reason is not one line: ${JSON.stringify(error.message)}`)
  }
  assertPrototypesUnchanged(before)
}

describe('fromHar under fuzzing', { timeout: FUZZ_TEST_TIMEOUT_MS }, () => {
  it('imports mutated fixtures and damaged documents, as text and as parsed JSON', () => {
    checkProperty(TARGET, hostileHar, imports, 400)
  })

  it('rejects every document that is not a HAR with a HarError', () => {
    checkProperty(TARGET, notHarText, (text) => {
      expect(() => fromHar(text)).toThrow(HarError)
    }, 150)
  })

  it('imports a HAR with a several-megabyte body within the time budget', () => {
    checkProperty(TARGET, fc.record({ fixture: fixtureArbitrary, size: fc.integer({ min: 2_000_000, max: 6_000_000 }) }).map(({ fixture, size }) => hugeHar(fixture, size)), imports, 3, HUGE_INPUT_BUDGET_MS)
    expect(inputCount(TARGET)).toBeGreaterThan(400)
  })
})
