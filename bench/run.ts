/**
 * `npm run bench`: runs every registered benchmark against the built extension and prints one table, each figure
 * beside its limit as a ratio (value / limit), because absolute times on a shared machine are noisy. Exits 1 when
 * a median exceeds its limit. Builds nothing: it measures dist-test/ (or SESSIONSCOPE_DIST) as it is.
 *
 *   --json <file>   also write the machine-readable results there
 *   --repeat <n>    repetitions per measurement (default 3); the median is reported
 *   --only <names>  run only benchmarks whose name contains one of these (comma-separated)
 */
import { execFileSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { CHROMIUM } from '../test/e2e/harness/browser'
import type { Benchmark, Result } from './benchmark'
import { median } from './benchmark'
import { engineBenchmark } from './engine/engine-benchmark'
import { floodBenchmark } from './flood/flood-benchmark'
import { ingestBenchmark } from './ingest/ingest-benchmark'
import { memoryBenchmark } from './memory/memory-benchmark'
import { pageCostBenchmark } from './page-cost/page-cost-benchmark'
import { panelBenchmark } from './panel/panel-benchmark'

/** Issue 8's benchmarks (engine, page cost, ingest, memory) join this list. */
const BENCHMARKS: Benchmark[] = [engineBenchmark, pageCostBenchmark, ingestBenchmark, panelBenchmark, memoryBenchmark, floodBenchmark]

export interface Row {
  benchmark: string
  metric: string
  unit: Result['unit']
  value: number
  samples: number[]
  limit: number | null
  ratio: number | null
  pass: boolean
}

export interface Options {
  json: string | null
  repeat: number
  only: string | null
}

export function parseArgs(argv: readonly string[]): Options {
  const options: Options = { json: null, repeat: 3, only: null }
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]
    const value = (): string => {
      const next = argv[++i]
      if (next === undefined) throw new Error(`${flag} needs a value`)
      return next
    }
    if (flag === '--json') options.json = value()
    else if (flag === '--repeat') options.repeat = Number(value())
    else if (flag === '--only') options.only = value()
    else throw new Error(`unknown option ${flag}`)
  }
  if (!Number.isInteger(options.repeat) || options.repeat < 1) throw new Error('--repeat must be a positive integer')
  return options
}

/** `--only a,b`: a benchmark runs when its name contains any of the comma-separated parts. */
export function isSelected(name: string, only: string | null): boolean {
  return only === null || only.split(',').some((part) => part.trim() !== '' && name.includes(part.trim()))
}

export function toRow(benchmark: string, result: Result): Row {
  const value = median(result.samples)
  const ratio = result.limit === null ? null : value / result.limit
  return { benchmark, metric: result.metric, unit: result.unit, value, samples: result.samples, limit: result.limit, ratio, pass: ratio === null || ratio <= 1 }
}

export function formatTable(rows: readonly Row[]): string {
  const number = (n: number): string => (Number.isInteger(n) ? String(n) : n >= 100 ? n.toFixed(0) : n.toFixed(1))
  const header = ['benchmark', 'metric', 'value (median)', 'runs (min–max)', 'limit', 'ratio', 'result']
  // Ratios sit near 1, where a tenth hides the difference between passing and failing (1.05).
  const figure = (n: number, unit: Row['unit']): string => (unit === 'ratio' ? n.toFixed(2) : number(n))
  const lines = rows.map((row) => [
    row.benchmark,
    row.metric,
    `${figure(row.value, row.unit)} ${row.unit}`,
    `${row.samples.length} (${figure(Math.min(...row.samples), row.unit)}–${figure(Math.max(...row.samples), row.unit)})`,
    row.limit === null ? '—' : `${figure(row.limit, row.unit)} ${row.unit}`,
    row.ratio === null ? '—' : row.ratio.toFixed(2),
    row.limit === null ? 'info' : row.pass ? 'pass' : 'FAIL',
  ])
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)))
  const format = (cells: string[]): string => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()
  return [format(header), format(widths.map((width) => '-'.repeat(width))), ...lines.map(format)].join('\n')
}

function machine(): Record<string, string | number> {
  const cpu = cpus()
  return { cpus: cpu.length, cpuModel: cpu[0]?.model ?? 'unknown', memoryGB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform}-${process.arch}`, chromium: chromiumVersion() }
}

/** The browser the page benchmarks drive, as it names itself ("Chromium 156.0… built on Debian…"). */
function chromiumVersion(): string {
  try {
    // Debian's wrapper script complains on stderr about its own checks; only the version line matters.
    return execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return `unknown (${CHROMIUM} did not answer --version)`
  }
}

/** Returns the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let options: Options
  try {
    options = parseArgs(argv)
  } catch (error) {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`)
    return 2
  }
  const dist = resolve(process.env.SESSIONSCOPE_DIST ?? 'dist-test')
  if (!existsSync(join(dist, 'manifest.json'))) {
    console.error(`bench: no extension build in ${dist}. Build it first: npm run build (or npx vite build --mode e2e --outDir <dir> and SESSIONSCOPE_DIST=<dir>).`)
    return 2
  }
  const log = (message: string): void => void process.stderr.write(`  ${message}\n`)
  const about = machine()
  console.log(`Machine: ${about.cpus} CPUs (${about.cpuModel}), ${about.memoryGB} GB, Node ${about.node}, ${about.platform}, ${about.chromium}. Build: ${dist}. Median of ${options.repeat}.`)
  const rows: Row[] = []
  const failures: string[] = []
  for (const benchmark of BENCHMARKS.filter((b) => isSelected(b.name, options.only))) {
    log(`${benchmark.name}…`)
    try {
      for (const result of await benchmark.run({ repeat: options.repeat, dist, log })) rows.push(toRow(benchmark.name, result))
    } catch (error) {
      failures.push(`${benchmark.name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    }
  }
  console.log(formatTable(rows))
  for (const failure of failures) console.error(`bench: ${failure}`)
  if (options.json) writeFileSync(options.json, `${JSON.stringify({ machine: about, dist, repeat: options.repeat, rows, failures }, null, 2)}\n`)
  return failures.length > 0 || rows.some((row) => !row.pass) ? 1 : 0
}
