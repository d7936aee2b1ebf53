/**
 * The README's real-traffic figure, generated from the corpus manifest (what each case must lint to, which the corpus
 * test asserts) and test/fixtures/corpus/before.json (what the build before the corpus existed reported, measured by
 * scripts/corpus/measure.mjs), so the figure cannot drift from the tests.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export const FIGURE_START = '<!-- corpus:start (generated from test/fixtures/corpus by test/unit/readme.test.ts; UPDATE_README=1 rewrites it) -->'
export const FIGURE_END = '<!-- corpus:end -->'

const CORPUS = join(import.meta.dirname, '..', 'fixtures', 'corpus')

interface ManifestCase {
  file: string
  source: string
  protocol: string
  misuse?: string
  expected: Array<{ severity: string }>
}

interface Counts {
  errors: number
  warnings: number
}

export function corpusFigure(): string {
  const cases = (JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as { cases: ManifestCase[] }).cases
  const before = JSON.parse(readFileSync(join(CORPUS, 'before.json'), 'utf8')) as Record<string, Counts>
  const rows = cases.map((c) => {
    const name = c.file.replace(/\.har$/, '')
    const after = { errors: c.expected.filter((f) => f.severity === 'error').length, warnings: c.expected.filter((f) => f.severity === 'warning').length }
    return { ...c, name, before: before[name] ?? { errors: NaN, warnings: NaN }, after }
  })
  const noisy = (counts: Counts): boolean => counts.errors + counts.warnings > 0
  const clean = rows.filter((r) => r.misuse === undefined)
  const sources = [...new Set(rows.map((r) => r.source))]
  const bySource = sources.map((source) => {
    const of = rows.filter((r) => r.source === source)
    const sum = (pick: (r: (typeof rows)[number]) => Counts): string => `${total(of, pick, 'errors')} / ${total(of, pick, 'warnings')}`
    const plain = of.filter((r) => r.misuse === undefined)
    const right = (pick: (r: (typeof rows)[number]) => Counts): number => of.filter((r) => same(pick(r), r.after)).length
    return (
      `| ${source} | ${[...new Set(of.map((r) => r.protocol))].join(', ')} | ${of.length} (${plain.length} as documented) | ${sum((r) => r.before)} | ` +
      `${sum((r) => r.after)} | ${plain.filter((r) => noisy(r.before)).length} → ${plain.filter((r) => noisy(r.after)).length} | ${right((r) => r.before)} → ${right((r) => r.after)} |`
    )
  })
  const perCase = rows.map((r) => `| ${r.name} | ${r.misuse === undefined ? 'as documented' : 'misuse'} | ${r.before.errors} / ${r.before.warnings} | ${r.after.errors} / ${r.after.warnings} |`)
  return [
    FIGURE_START,
    `${rows.length} captures rebuilt from the vendors' own SDK test suites and documentation ([test/fixtures/corpus](test/fixtures/corpus); ` +
      'the provenance of each is in its manifest.json). Errors and warnings as Sessionscope reported them before this work ' +
      `(commit ${BEFORE_COMMIT}) and now, which is what the vendors' documentation says is due. Before, ` +
      `${clean.filter((r) => noisy(r.before)).length} of the ${clean.length} captures of SDKs used as documented raised errors or warnings, and ` +
      `${rows.filter((r) => !same(r.before, r.after)).length} of the ${rows.length} captures got the wrong number of errors or warnings:`,
    '',
    '| Source | Protocol | Captures | Before: errors / warnings | Now | Used as documented, with errors or warnings | Right number of errors and warnings |',
    '|---|---|---|---|---|---|---|',
    ...bySource,
    '',
    '<details><summary>Per capture</summary>',
    '',
    '| Capture | Traffic | Before: errors / warnings | Now |',
    '|---|---|---|---|',
    ...perCase,
    '',
    '</details>',
    FIGURE_END,
  ].join('\n')
}

/** The build before the corpus, whose verdicts before.json holds. */
const BEFORE_COMMIT = '8eabe37'

function same(a: Counts, b: Counts): boolean {
  return a.errors === b.errors && a.warnings === b.warnings
}

function total<T>(rows: readonly T[], pick: (row: T) => Counts, kind: keyof Counts): number {
  return rows.reduce((sum, row) => sum + pick(row)[kind], 0)
}
