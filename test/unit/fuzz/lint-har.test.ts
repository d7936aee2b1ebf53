/**
 * Property-based fuzzing of the library entry `lintHar` (issue 7, item 3): for any input, text, bytes or parsed
 * JSON, it returns a well-formed report or throws LintError with a one-line reason, and never anything else.
 */
import fc from 'fast-check'
import { describe, it } from 'vitest'
import { LintError, lintHar } from '../../../src/library'
import { deepJson, randomBytes } from '../../helpers/fuzz-arbitraries'
import { FUZZ_TEST_TIMEOUT_MS, HUGE_INPUT_BUDGET_MS, checkProperty, reportCountsAfterAll } from '../../helpers/fuzz-config'
import { fixtureArbitrary, hostileHar, hugeHar } from '../../helpers/fuzz-hars'
import { assertReport } from '../../helpers/fuzz-invariants'
import { assertPrototypesUnchanged, snapshotPrototypes } from '../../helpers/fuzz-prototypes'

reportCountsAfterAll()
const TARGET = 'library lintHar'

function lints(input: string | object): void {
  const before = snapshotPrototypes()
  try {
    assertReport(lintHar(input))
  } catch (error) {
    if (!(error instanceof LintError)) throw error
    if (error.message === '' || error.message.includes('\n')) throw new Error(`LintError reason is not one line: ${JSON.stringify(error.message)}`)
  }
  assertPrototypesUnchanged(before)
}

describe('lintHar under fuzzing', { timeout: FUZZ_TEST_TIMEOUT_MS }, () => {
  it('lints mutated fixtures and damaged documents, as text and as parsed JSON', () => {
    checkProperty(TARGET, hostileHar, (input) => lints(input as string | object), 200)
  })

  it('lints random bytes and deeply nested documents given as bytes', () => {
    checkProperty(TARGET, fc.oneof(randomBytes, deepJson.map((text) => new TextEncoder().encode(text))), lints, 40)
  })

  it('lints a HAR with a several-megabyte body within the time budget', () => {
    checkProperty(TARGET, fc.record({ fixture: fixtureArbitrary, size: fc.integer({ min: 2_000_000, max: 5_000_000 }) }).map(({ fixture, size }) => hugeHar(fixture, size)), lints, 3, HUGE_INPUT_BUDGET_MS)
  })
})
