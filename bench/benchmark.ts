/** What a benchmark is and what it reports: the contract between bench/run.ts and each benchmark. */

export interface BenchContext {
  /** How many times to repeat each measurement; the table shows the median. */
  repeat: number
  /** The extension build under test (dist-test/ or SESSIONSCOPE_DIST). */
  dist: string
  /** Progress for the person waiting; goes to stderr so `--json` output stays clean. */
  log(message: string): void
}

export interface Result {
  /** e.g. "longest task while scrolling". */
  metric: string
  unit: 'ms' | 'count' | 'MB' | 'bytes' | 'events/s' | 'ratio'
  /** One value per repetition; the median is reported, the spread shown beside it. */
  samples: number[]
  /** The value must not exceed this; null for figures reported for information only. */
  limit: number | null
}

export interface Benchmark {
  name: string
  run(context: BenchContext): Promise<Result[]>
}

export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('no samples')
  const sorted = [...samples].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
