/**
 * Redaction cannot be bypassed (issue 16, item 2): random marked secrets planted at every place a capture can hold
 * one (see test/helpers/fuzz-secrets.ts) are nowhere in a redacted export, in no reading of it (URL-decoded,
 * base64-decoded, JSON inside JSON), not even in the report's finding messages; the same export with secrets
 * included holds every one of them, and its report quotes the ones a finding quotes.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { CapturedRequest } from '../../../src/protocols/captured-request'
import { PROTOCOL_IDS } from '../../../src/protocols'
import { redactCapture } from '../../../src/report/redact'
import { toHar } from '../../../src/report/to-har'
import { DEFAULT_SETTINGS } from '../../../src/session/settings'
import { DEFAULT_USER_SETTINGS } from '../../../src/session/user-settings'
import { deepJson, hugeBody } from '../../helpers/fuzz-arbitraries'
import { mutatedCapture } from '../../helpers/fuzz-captures'
import { FUZZ_TEST_TIMEOUT_MS, HUGE_INPUT_BUDGET_MS, checkProperty, fuzzRuns, inputCount, reportCountsAfterAll } from '../../helpers/fuzz-config'
import { fixtureCaptures } from '../../helpers/fuzz-corpus'
import { assertPrototypesUnchanged, snapshotPrototypes } from '../../helpers/fuzz-prototypes'
import type { PlantedExport } from '../../helpers/fuzz-secrets'
import { nestedEncodings, PLANTINGS, plantedExport, readableViews } from '../../helpers/fuzz-secrets'

reportCountsAfterAll()

function exported(planted: PlantedExport, redact: boolean): { text: string; messages: string[] } {
  const observedUntil = Math.max(...planted.captures.map((capture) => capture.observedAt)) + 1_000
  const { har, report } = toHar({ captures: planted.captures, settings: DEFAULT_SETTINGS, userSettings: DEFAULT_USER_SETTINGS, observedUntil, redact, source: planted.source })
  return { text: JSON.stringify(har), messages: report.findings.map((finding) => finding.message) }
}

describe('a redacted export', () => {
  it(
    'holds no planted secret in any reading of it, and the same export with secrets holds them all',
    () => {
      checkProperty(
        'redaction',
        plantedExport,
        (planted) => {
          const kept = exported(planted, false)
          const keptViews = readableViews(kept.text)
          for (const { kind, markers, quoted } of planted.markers) {
            // The planting put a secret in the export: else the property below would prove nothing.
            expect(markers.some((marker) => keptViews.includes(marker)), `${kind}: planted`).toBe(true)
            if (quoted) expect(kept.messages.some((message) => message.includes(markers[0]!)), `${kind}: quoted by a finding`).toBe(true)
          }
          const redacted = exported(planted, true)
          const views = readableViews(redacted.text)
          for (const { kind, markers } of planted.markers) {
            for (const marker of markers) {
              const at = views.indexOf(marker)
              expect(at, `${kind}: ${marker} left in ${JSON.stringify(views.slice(Math.max(0, at - 120), at + 80))}`).toBe(-1)
            }
          }
        },
        100,
      )
      // Each run plants every kind once: the count says how many of each were tried.
      expect(inputCount('redaction')).toBeGreaterThanOrEqual(Math.min(20, fuzzRuns(100)))
      expect(PLANTINGS.length).toBeGreaterThanOrEqual(20)
    },
    FUZZ_TEST_TIMEOUT_MS,
  )
})

describe('redacting hostile captures', { timeout: FUZZ_TEST_TIMEOUT_MS }, () => {
  const seeds = PROTOCOL_IDS.flatMap((id) => fixtureCaptures(id))

  function redacts(capture: CapturedRequest): void {
    const before = snapshotPrototypes()
    const redacted = redactCapture(capture)
    expect(typeof redacted.url).toBe('string')
    for (const header of redacted.requestHeaders) expect(typeof header.value).toBe('string')
    if (capture.requestBody) expect(typeof redacted.requestBody!.text).toBe('string')
    assertPrototypesUnchanged(before)
  }

  it('never throws, hangs or pollutes a prototype on mutated real captures', () => {
    checkProperty('redaction of mutated captures', mutatedCapture(seeds), redacts, 300)
  })

  it('stays within the time budget on several-MB bodies, deep nesting, and text nested in text every way readings overlap', () => {
    const body = fc.oneof(hugeBody, deepJson, nestedEncodings)
    const capture = fc.record({ seed: fc.constantFrom(...seeds), text: body, base64: fc.boolean() }).map(({ seed, text, base64 }): CapturedRequest => ({
      ...seed,
      requestBody: base64 ? { text: Buffer.from(text).toString('base64'), encoding: 'base64' } : { text },
      frames: [{ direction: 'send', time: 0, opcode: 1, data: text }],
    }))
    checkProperty('redaction of huge and nested captures', capture, redacts, 6, HUGE_INPUT_BUDGET_MS)
    expect(inputCount('redaction of huge and nested captures')).toBeGreaterThan(0)
  })
})
