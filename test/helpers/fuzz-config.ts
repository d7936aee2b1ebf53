/**
 * How the fuzz suite runs: a fixed seed (so `npm test` is deterministic), a modest number of runs per property
 * (FUZZ_RUNS=n for a deeper search: see fuzzRuns), a wall-clock cap per property, and a per-input time
 * budget that a slow input fails instead of silently stretching the suite. FUZZ_SEED replays another seed.
 */
import fc from 'fast-check'
import { afterAll } from 'vitest'

export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261130)
/** The main properties' runs when FUZZ_RUNS is unset; the costly ones (huge, deep, process) run fewer. */
const DEFAULT_RUNS = 300

/**
 * Runs for a property whose default is `base`. FUZZ_RUNS=n gives the main properties n runs and scales every other
 * by the same factor, so a deep search (FUZZ_RUNS=5000) still spends little on several-MB inputs.
 */
export function fuzzRuns(base: number): number {
  const wanted = Number(process.env.FUZZ_RUNS)
  return Number.isFinite(wanted) && wanted > 0 ? Math.max(1, Math.round((base * wanted) / DEFAULT_RUNS)) : base
}

/** One input must finish within this (a huge or deeply nested body included); a hang fails the case. */
export const INPUT_BUDGET_MS = Number(process.env.FUZZ_INPUT_BUDGET_MS ?? 3_000)
/**
 * For several-megabyte inputs: they take ~0.4 s here idle, and up to 10× that on a loaded 2-core machine. A
 * quadratic blow-up at that size still takes minutes, so this catches hangs without failing on load.
 */
export const HUGE_INPUT_BUDGET_MS = INPUT_BUDGET_MS * 4

/**
 * A property stops generating after this long (what it tried still counts, and a failure still fails), so a slow
 * machine shortens the search instead of timing the suite out. Test timeouts allow for it: FUZZ_TEST_TIMEOUT_MS.
 */
export const PROPERTY_BUDGET_MS = Number(process.env.FUZZ_PROPERTY_BUDGET_MS ?? 10_000)
export const FUZZ_TEST_TIMEOUT_MS = PROPERTY_BUDGET_MS * 3 + HUGE_INPUT_BUDGET_MS * 2

const counts = new Map<string, number>()

/** Counts one input tried against `target`, for the suite's closing figures. */
export function countInput(target: string): void {
  counts.set(target, (counts.get(target) ?? 0) + 1)
}

/** Prints, once per test file, how many inputs each target was given (`fuzz inputs: <target> <n>`). */
export function reportCountsAfterAll(): void {
  afterAll(() => {
    const lines = [...counts].map(([target, n]) => `fuzz inputs: ${target} ${n}`)
    if (lines.length > 0) console.log(lines.join('\n'))
  })
}

export function inputCount(target: string): number {
  return counts.get(target) ?? 0
}

/**
 * Checks a synchronous property over `runs` inputs with the fixed seed. Each input is counted for `target`, must
 * return within INPUT_BUDGET_MS, and a failure names the seed and path to replay it.
 */
export function checkProperty<T>(target: string, arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void, runs: number, inputBudgetMs = INPUT_BUDGET_MS, totalMs = PROPERTY_BUDGET_MS): void {
  const property = fc.property(arbitrary, (value) => {
    countInput(target)
    const started = performance.now()
    predicate(value)
    const took = performance.now() - started
    if (took > inputBudgetMs) throw new Error(`one input took ${Math.round(took)} ms (budget ${inputBudgetMs} ms)`)
  })
  fc.assert(property, { seed: FUZZ_SEED, numRuns: fuzzRuns(runs), interruptAfterTimeLimit: totalMs, markInterruptAsFailure: false, verbose: 1 })
}

/** The async counterpart, for the CLI; fast-check's `timeout` fails an input that never settles. */
export async function checkAsyncProperty<T>(target: string, arbitrary: fc.Arbitrary<T>, predicate: (value: T) => Promise<void>, runs: number, totalMs = PROPERTY_BUDGET_MS): Promise<void> {
  const property = fc.asyncProperty(arbitrary, async (value) => {
    countInput(target)
    await predicate(value)
  })
  await fc.assert(property, { seed: FUZZ_SEED, numRuns: fuzzRuns(runs), timeout: INPUT_BUDGET_MS * 3, interruptAfterTimeLimit: totalMs, markInterruptAsFailure: false, verbose: 1 })
}
