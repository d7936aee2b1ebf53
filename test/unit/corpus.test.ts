/**
 * The real-traffic corpus (test/fixtures/corpus/<source>/cases.ts): every case is written to its HAR file and to
 * manifest.json, and linted through the library users call (`lintHar`, as `sessionscope lint --format json`) to
 * exactly the findings and sessions its expectations name. UPDATE_FIXTURES=1 rewrites the HAR files and the manifest.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { lintHar } from '../../src/library'
import type { JsonFinding } from '../../src/report/json-report'
import type { CorpusCase, CorpusCases, CorpusFinding } from '../helpers/corpus'

const CORPUS = join(import.meta.dirname, '..', 'fixtures', 'corpus')
const loaders = import.meta.glob<{ cases: CorpusCases }>('../fixtures/corpus/*/cases.ts')
const update = process.env.UPDATE_FIXTURES === '1'
/** CORPUS_SOURCE=<folder>: only that source's cases (while one source is being written, the others stay out of the way). */
const only = process.env.CORPUS_SOURCE

const sources = await Promise.all(
  Object.entries(loaders)
    .map(([path, load]) => ({ source: path.split('/').at(-2)!, load }))
    .filter(({ source }) => only === undefined || source === only)
    .map(async ({ source, load }) => ({ source, cases: (await load()).cases })),
)

it('finds the corpus', () => {
  expect(sources.length).toBeGreaterThan(0)
})

for (const { source, cases } of sources) {
  describe(`corpus: ${source}`, () => {
    for (const testCase of cases) {
      const file = join(CORPUS, source, `${testCase.name}.har`)
      const generated = `${JSON.stringify(testCase.har, null, 2)}\n`
      if (update) writeFileSync(file, generated)

      it(`${testCase.name}.har is up to date with its case`, () => {
        expect(existsSync(file), `${file} is missing; run UPDATE_FIXTURES=1 npx vitest run --project unit corpus`).toBe(true)
        expect(readFileSync(file, 'utf8')).toBe(generated)
      })

      it(`${testCase.name}: its expectations are complete`, () => {
        expect(testCase.provenance.length, 'a case names where its traffic comes from').toBeGreaterThan(0)
        for (const finding of testCase.expected) expect(finding.reason.trim(), `${finding.rule} needs a reason`).not.toBe('')
        // The vendor's own SDK, used as documented, lints with no error and no warning.
        if (testCase.misuse === undefined) expect(testCase.expected.filter((f) => f.severity !== 'info').map((f) => f.rule)).toEqual([])
      })

      it(`${testCase.name}.har lints to exactly the expected findings and sessions`, () => {
        const report = lintHar(readFileSync(file, 'utf8'), testCase.options)
        expect(report.findings.map(actualFinding)).toEqual(testCase.expected.map(expectedFinding))
        for (const finding of report.findings) if (finding.count !== undefined) expect(finding.count).toBe(finding.entries?.length)
        const sessions = report.sessions.map(({ protocol, sessionId, state }) => ({ protocol, sessionId, state }))
        expect(sorted(sessions)).toEqual(sorted(testCase.sessions))
      })
    }
  })
}

// The manifest lists every source, so it is checked (and written) only when every source is loaded.
if (only === undefined) {
  it('manifest.json lists every case with its provenance and expectations', () => {
    const manifest = `${JSON.stringify(manifestOf(sources), null, 2)}\n`
    const file = join(CORPUS, 'manifest.json')
    if (update) writeFileSync(file, manifest)
    expect(readFileSync(file, 'utf8')).toBe(manifest)
  })
}

function manifestOf(list: typeof sources): unknown {
  return {
    about: 'Real-traffic corpus: each case rebuilt from a vendor SDK test suite or documentation; generated from cases.ts by test/unit/corpus.test.ts.',
    cases: list.flatMap(({ source, cases }) => cases.map((c: CorpusCase) => ({
      file: `${source}/${c.name}.har`,
      source,
      protocol: c.protocol,
      tool: c.tool,
      description: c.description,
      ...(c.misuse === undefined ? {} : { misuse: c.misuse }),
      provenance: c.provenance,
      ...(c.options === undefined ? {} : { options: c.options }),
      expected: c.expected,
      sessions: c.sessions,
    }))),
  }
}

function actualFinding({ rule, severity, entry, frame, entries }: JsonFinding): object {
  return { rule, severity, entry, ...(frame === null ? {} : { frame }), ...(entries === undefined ? {} : { entries }) }
}

function expectedFinding({ rule, severity, entry, frame, entries }: CorpusFinding): object {
  return { rule, severity, entry, ...(frame === null || frame === undefined ? {} : { frame }), ...(entries === undefined ? {} : { entries }) }
}

function sorted<T extends { protocol: string; sessionId: string | null; state: string }>(list: T[]): T[] {
  return [...list].sort((a, b) => `${a.protocol} ${a.sessionId} ${a.state}`.localeCompare(`${b.protocol} ${b.sessionId} ${b.state}`))
}
