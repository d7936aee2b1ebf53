/**
 * Redaction cannot be bypassed (issue 16, item 2): random marked secrets planted at every place a capture can hold
 * one (see test/helpers/fuzz-secrets.ts) are nowhere in a redacted export, in no reading of it (URL-decoded,
 * base64-decoded, JSON inside JSON), not even in the report's finding messages; the same export with secrets
 * included holds every one of them, and its report quotes the ones a finding quotes.
 */
import { describe, expect, it } from 'vitest'
import { toHar } from '../../../src/report/to-har'
import { DEFAULT_SETTINGS } from '../../../src/session/settings'
import { DEFAULT_USER_SETTINGS } from '../../../src/session/user-settings'
import { FUZZ_TEST_TIMEOUT_MS, checkProperty, fuzzRuns, inputCount, reportCountsAfterAll } from '../../helpers/fuzz-config'
import type { PlantedExport } from '../../helpers/fuzz-secrets'
import { PLANTINGS, plantedExport, readableViews } from '../../helpers/fuzz-secrets'

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
        120,
      )
      // Each run plants every kind once: the count says how many of each were tried.
      expect(inputCount('redaction')).toBeGreaterThanOrEqual(Math.min(20, fuzzRuns(120)))
      expect(PLANTINGS.length).toBeGreaterThanOrEqual(20)
    },
    FUZZ_TEST_TIMEOUT_MS,
  )
})
