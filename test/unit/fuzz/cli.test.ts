/**
 * Property-based fuzzing of `sessionscope lint` on files (issue 7, item 3): an unreadable HAR exits 2 with one
 * line `sessionscope: <file>: <reason>`; any other file is linted (exit 0 or 1, a report); no input crashes the
 * CLI with a stack trace or an internal error. A few cases run the real command on temp files.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { deepJsonText, randomBytes, toJsonText } from '../../helpers/fuzz-arbitraries'
import { FUZZ_TEST_TIMEOUT_MS, checkAsyncProperty, countInput, reportCountsAfterAll } from '../../helpers/fuzz-config'
import { CLI_BUILT, crashProblem, runCommand, runInProcess, unreadableProblem } from '../../helpers/fuzz-cli'
import { fixtureHars } from '../../helpers/fuzz-corpus'
import { hostileHar, hugeHar, notHarText } from '../../helpers/fuzz-hars'

reportCountsAfterAll()
const dir = mkdtempSync(join(tmpdir(), 'sessionscope-fuzz-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let written = 0

function tempFile(content: string | Uint8Array): string {
  const file = join(dir, `input-${written++}.har`)
  writeFileSync(file, content)
  return file
}

describe('sessionscope lint under fuzzing', { timeout: FUZZ_TEST_TIMEOUT_MS }, () => {
  it('exits 2 with a one-line reason for every file that is not a HAR', async () => {
    const content = fc.oneof(notHarText, randomBytes.filter((bytes) => bytes.length > 0))
    await checkAsyncProperty('cli main', content, async (input) => {
      const file = tempFile(input)
      const run = await runInProcess(['lint', file, '--format', 'json'])
      const problem = unreadableProblem(run)
      if (problem !== null) throw new Error(problem)
      expect(run.stderr.startsWith(`sessionscope: ${file}: `)).toBe(true)
    }, 120)
  })

  it('lints mutated fixtures in every format without crashing', async () => {
    const input = fc.record({ har: hostileHar, format: fc.constantFrom('text', 'json', 'junit') })
    await checkAsyncProperty('cli main', input, async ({ har, format }) => {
      const run = await runInProcess(['lint', tempFile(typeof har === 'string' ? har : toJsonText(har)), '--format', format])
      const problem = run.status === 2 ? unreadableProblem(run) : crashProblem(run)
      if (problem !== null) throw new Error(problem)
      if (run.status !== 2 && format === 'json') JSON.parse(run.stdout)
    }, 120)
  })

  it(`the ${CLI_BUILT ? 'built command' : 'source entry (lib/ is not built)'} exits 2 with one line for unreadable files and never prints a stack`, async () => {
    const fixture = fixtureHars().find((har) => har.name.endsWith('f4-buffer-and-pause.har'))!
    const directory = join(dir, 'a-directory.har')
    mkdirSync(directory)
    const unreadable: Array<[string, string]> = [
      ['truncated JSON', tempFile(fixture.text.slice(0, fixture.text.length / 2))],
      ['random bytes', tempFile(Uint8Array.from({ length: 4096 }, (_, i) => ((i + 1) * 2654435761) >>> 24))],
      ['an empty file', tempFile('')],
      ['JSON nested 10,000 levels', tempFile(deepJsonText(10_000, 'array'))],
      ['__proto__ nested 10,000 levels', tempFile(deepJsonText(10_000, 'proto'))],
      ['a directory', directory],
      ['a missing file', join(dir, 'missing.har')],
    ]
    for (const [what, file] of unreadable) {
      countInput('cli process')
      const problem = unreadableProblem(await runCommand(['lint', file]))
      expect(problem, what).toBeNull()
    }
    const readable = [
      hugeHar(fixture, 5_000_000),
      toJsonText({ log: { entries: [{ request: { url: 'https://x.hb.omtrdc.net/?s:event:type=play', postData: { text: 'AAAA', encoding: 'base64' } } }] } }),
      `{"log":{"entries":[${deepJsonText(10_000, 'object')}]}}`,
    ]
    for (const text of readable) {
      countInput('cli process')
      const run = await runCommand(['lint', tempFile(text), '--format', 'json'])
      expect(crashProblem(run)).toBeNull()
      expect([0, 1]).toContain(run.status)
      expect(JSON.parse(run.stdout).tool.name).toBe('sessionscope')
    }
  })
})
