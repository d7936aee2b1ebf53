/**
 * The library, `import { lintHar } from 'sessionscope'`: the report `sessionscope lint --format json` prints for
 * one HAR, from the same code (the CLI calls `lintHar` for each file). Pure: no file system, no clock, so it runs
 * in Node and in browsers alike.
 */
import { HarError, openHar } from './report/from-har'
import type { JsonReport } from './report/json-report'
import { keepFindings, toJsonReport } from './report/json-report'
import type { Rule } from './session/rules/rule'
import { startReplay } from './session/replay'
import { readUserSettings } from './session/user-settings'
import { rules as registry } from './session/rules'
import type { LintOptions } from './cli/lint-options'
import { LintError, resolveOptions } from './cli/lint-options'

export type { JsonFinding, JsonReport, JsonSession } from './report/json-report'
export type { Severity } from './session/finding'
export type { LintOptions } from './cli/lint-options'
export { LintError } from './cli/lint-options'

/** What a rule catches and where the vendor documents it; `id` is what findings carry in `rule`. */
export type RuleInfo = Pick<Rule, 'id' | 'severity' | 'title' | 'why' | 'fix' | 'docs'>

/** Every rule, in the order findings on one event are reported. */
export const rules: readonly RuleInfo[] = Object.freeze(
  registry.map(({ id, severity, title, why, fix, docs }) => Object.freeze({ id, severity, title, why, fix, docs })),
)

/**
 * Lints one HAR 1.2 document: its text (a BOM is fine), its bytes as UTF-8, or the parsed JSON. Returns the JSON
 * report, the same as `sessionscope lint --format json` prints for it. Synchronous and pure; `lintHar` never reads the clock, so expiry is judged
 * up to the end of the capture. Throws LintError when the input is not a HAR or an option is invalid.
 */
export function lintHar(input: string | object, options?: LintOptions): JsonReport {
  resolveOptions(options)
  let har
  try {
    har = openHar(input instanceof Uint8Array ? new TextDecoder().decode(input) : input)
  } catch (error) {
    if (error instanceof HarError) throw new LintError(error.message, { cause: error })
    throw error
  }
  // A Sessionscope export says which ping intervals it was judged with; options still win.
  const { settings, keep } = resolveOptions(options, readUserSettings(har.settings))
  // Streamed: each capture is decoded and checked as it is read, and only findings are kept.
  const run = startReplay(settings)
  const observedUntil = har.read((capture) => run.add(capture))
  const report = toJsonReport(run.finish(observedUntil))
  return keep === null ? report : keepFindings(report, keep)
}
