/** Repeated findings (one rule, one group, one session) fold into their first occurrence, in the JSON report too. */
import { expect, it } from 'vitest'
import { foldRepeats } from '../../../src/report/fold-repeats'
import { keepFindings, toJsonReport } from '../../../src/report/json-report'
import type { Finding } from '../../../src/session/finding'

const at = (capture: number): Finding['at'] => ({ capture, ordinal: 0, frame: null })
const f = (capture: number, fields: Partial<Finding> = {}): Finding => ({
  rule: 'invalid-field-value', severity: 'info', message: `m${capture}`, docs: 'https://example.com', sessionKey: 's', at: at(capture), group: 'g', ...fields,
})

it('folds repeats into the first occurrence of their rule, group and session, keeping everything else apart', () => {
  const list = [f(1), f(2, { repeat: true }), f(3, { sessionKey: 't' }), f(4, { rule: 'params-on-ping' }), f(5, { group: undefined }), f(6, { repeat: true })]
  expect(foldRepeats(list).map(({ finding, repeats }) => [finding.at!.capture, repeats.map((r) => r.at!.capture)])).toEqual([[1, [2, 6]], [3, []], [4, []], [5, []]])
})

it('finds the first occurrence also when a reordered repeat comes earlier in the capture, and keeps an orphan repeat', () => {
  // The backend applied capture 4 before capture 3 (its timestamp was earlier): 4 is the first occurrence.
  expect(foldRepeats([f(3, { repeat: true }), f(4)]).map(({ finding, repeats }) => [finding.at!.capture, repeats.map((r) => r.at!.capture)])).toEqual([[4, [3]]])
  expect(foldRepeats([f(3, { repeat: true })]).map(({ finding }) => finding.at!.capture)).toEqual([3])
})

it('writes entry as the first entry, with entries and count, and counts a folded finding once', () => {
  const report = toJsonReport({ requests: 4, eventCount: 4, sessions: [], findings: [f(3, { repeat: true }), f(4), f(7, { repeat: true }), f(9, { rule: 'params-on-ping', severity: 'warning' })] })
  expect(report.findings.map(({ rule, entry, entries, count }) => ({ rule, entry, entries, count }))).toEqual([
    { rule: 'invalid-field-value', entry: 3, entries: [3, 4, 7], count: 3 },
    { rule: 'params-on-ping', entry: 9, entries: undefined, count: undefined },
  ])
  expect(report.summary).toMatchObject({ infos: 1, warnings: 1 })
  expect(keepFindings(report, (finding) => finding.rule === 'invalid-field-value').summary).toMatchObject({ infos: 1, warnings: 0 })
})
