/**
 * Runs the CLI for the fuzz suite: in-process through `main`, or as a real process through bin/sessionscope.js
 * when lib/ is built (`npm test` builds it first; a bare unit run may not have it, and then the source entry runs).
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { main } from '../../src/cli/main'

const ROOT = join(import.meta.dirname, '..', '..')
const BIN = join(ROOT, 'bin', 'sessionscope.js')
export const CLI_BUILT = existsSync(join(ROOT, 'lib', 'cli.js'))

export interface CliRun {
  status: number | null
  stdout: string
  stderr: string
}

export async function runInProcess(args: readonly string[]): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const status = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTTY: false })
  return { status, stdout, stderr }
}

/** The installed command when built, else the same `main` in this process. */
export async function runCommand(args: readonly string[]): Promise<CliRun> {
  if (!CLI_BUILT) return runInProcess(args)
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 30_000, maxBuffer: 64 * 1024 * 1024 })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** Exit 2 with exactly one line on stderr, `sessionscope: …`, no stack trace and nothing on stdout. */
export function unreadableProblem(run: CliRun): string | null {
  if (run.status !== 2) return `exit ${run.status}, not 2`
  if (run.stdout !== '') return 'printed on stdout'
  if (!/^sessionscope: [^\n]+\n$/.test(run.stderr)) return `stderr is not one line: ${JSON.stringify(run.stderr.slice(0, 300))}`
  return crashProblem(run)
}

/** Never a stack trace, never an internal error. */
export function crashProblem(run: CliRun): string | null {
  if (/^\s+at .+:\d+/m.test(run.stderr) || run.stderr.includes('internal error')) return `crashed: ${JSON.stringify(run.stderr.slice(0, 300))}`
  if (run.status !== 0 && run.status !== 1 && run.status !== 2) return `exit ${run.status}`
  return null
}
