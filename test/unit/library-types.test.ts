/**
 * The package as a consumer sees it: `vite build --mode cli` (what `npm run build` runs) into a scratch copy of
 * the package, then a TypeScript consumer that imports 'sessionscope' through package.json "exports" is
 * type-checked by tsc under the `nodenext` and `bundler` resolutions, and run by Node.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..')
const HAR = join(ROOT, 'test', 'fixtures', 'adobe-media-edge', 'event-after-session-end.har')

/** Typed use of every export; each @ts-expect-error fails the check if the types were `any`. */
const CONSUMER = `import { lintHar, LintError, rules } from 'sessionscope'
import type { JsonFinding, JsonReport, JsonSession, LintOptions, RuleInfo, Severity } from 'sessionscope'

const options: LintOptions = { mainPingIntervalSeconds: 20, adPingIntervalSeconds: 5, rules: ['event-after-session-end'], ignoreRules: [] }
const report: JsonReport = lintHar('{"log":{"entries":[]}}', options)
const fromObject: JsonReport = lintHar({ log: { entries: [] } })
const session: JsonSession | undefined = report.sessions[0]
const state: 'pending' | 'active' | 'completed' | 'ended' | 'expired' | 'rejected' | undefined = session?.state
const finding: JsonFinding | undefined = report.findings[0]
const entry: number | null | undefined = finding?.entry
const severity: Severity | undefined = finding?.severity
const rule: RuleInfo | undefined = rules.find((r) => r.id === 'duplicate-session-end')
const docs: string | undefined = rule?.docs
const error: Error = new LintError('not a HAR')
const errors: number = report.summary.errors

// @ts-expect-error severity is 'error' | 'warning' | 'info'
const wrongSeverity: Severity = 'fatal'
// @ts-expect-error there is no option "rule"
lintHar('{}', { rule: ['duplicate-session-end'] })
// @ts-expect-error intervals are numbers of seconds
lintHar('{}', { mainPingIntervalSeconds: '20' })
// @ts-expect-error a report is not a string
const text: string = lintHar('{}')
// @ts-expect-error rules are read-only
rules.push({ id: 'x', severity: 'info', title: '', why: '', fix: '', docs: '' })

export { fromObject, state, entry, severity, docs, error, errors, wrongSeverity, text }
`

let pkg = ''

beforeAll(() => {
  pkg = mkdtempSync(join(tmpdir(), 'sessionscope-package-'))
  copyFileSync(join(ROOT, 'package.json'), join(pkg, 'package.json'))
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--mode', 'cli', '--outDir', join(pkg, 'lib'), '--logLevel', 'error'], { cwd: ROOT, stdio: 'pipe' })
  // Inside the package, 'sessionscope' resolves to the package itself through its "exports" (self-reference).
  mkdirSync(join(pkg, 'consumer'))
  writeFileSync(join(pkg, 'consumer', 'consumer.ts'), CONSUMER)
}, 120_000)

describe('the built package', () => {
  it('has the files package.json names', () => {
    const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { main: string; types: string; exports: Record<string, Record<string, string>> }
    const entry = manifest.exports['.']!
    for (const path of [manifest.main, manifest.types, entry['types']!, entry['import']!]) expect(existsSync(join(pkg, path)), path).toBe(true)
    expect(Object.keys(entry)[0]).toBe('types')
  })

  for (const [module, resolution] of [['nodenext', 'nodenext'], ['esnext', 'bundler']] as const) {
    it(`type-checks a consumer under moduleResolution ${resolution}`, () => {
      // No @types package comes in: since TypeScript 6, `types` defaults to none.
      const tsc = spawnSync(
        process.execPath,
        [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--ignoreConfig', 'consumer/consumer.ts', '--noEmit', '--strict',
          '--module', module, '--moduleResolution', resolution, '--target', 'ES2022', '--lib', 'ES2022,DOM', '--skipLibCheck', 'false'],
        { cwd: pkg, encoding: 'utf8' },
      )
      expect(`${tsc.stdout}${tsc.stderr}`).toBe('')
      expect(tsc.status).toBe(0)
    }, 60_000)
  }

  it('runs in Node: the same report as the CLI, and only the public exports', () => {
    writeFileSync(join(pkg, 'consumer', 'run.mjs'), `import * as api from 'sessionscope'
import { readFileSync } from 'node:fs'
const report = api.lintHar(readFileSync(${JSON.stringify(HAR)}, 'utf8'))
let error
try { api.lintHar('{}') } catch (e) { error = { isLintError: e instanceof api.LintError, message: e.message } }
console.log(JSON.stringify({ exports: Object.keys(api).sort(), summary: report.summary, rules: api.rules.length, error }))
`)
    const out = JSON.parse(execFileSync(process.execPath, [join(pkg, 'consumer', 'run.mjs')], { encoding: 'utf8' })) as Record<string, unknown>
    expect(out).toEqual({
      exports: ['LintError', 'lintHar', 'rules'],
      summary: { requests: 9, events: 9, sessions: 1, errors: 1, warnings: 0, infos: 0 },
      rules: expect.any(Number),
      error: { isLintError: true, message: 'not a HAR file: there is no "log" object' },
    })
  })
})
