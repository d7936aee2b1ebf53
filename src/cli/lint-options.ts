/**
 * The options of `lintHar` and their validation, shared by the library and the CLI so that both accept and
 * reject the same things. Pure.
 */
import { hostPatternProblem } from '../protocols/host-patterns'
import { oneLine } from '../protocols/json-body'
import type { ProtocolId } from '../protocols/tracking-event'
import { PROTOCOL_IDS } from '../protocols'
import type { JsonFinding } from '../report/json-report'
import { rules } from '../session/rules'
import type { EngineSettings } from '../session/settings'
import type { UserSettings } from '../session/user-settings'
import { DEFAULT_USER_SETTINGS, engineSettings, settingProblem } from '../session/user-settings'

export interface LintOptions {
  /** The Web SDK's `mainPingInterval` the player uses: 10–50 seconds, default 10. */
  mainPingIntervalSeconds?: number
  /** The Web SDK's `adPingInterval` the player uses: 1–10 seconds, default 10. */
  adPingIntervalSeconds?: number
  /** Report only the findings of these rule ids (all rules when absent or empty). */
  rules?: readonly string[]
  /** Drop the findings of these rule ids. */
  ignoreRules?: readonly string[]
  /**
   * Extra hosts per protocol where its traffic also goes (a proxy, a self-hosted clone, a test stand-in):
   * `{ videosdk: ['127.0.0.1:8443'], gamesparks: ['*.gs.example.com'] }`. Added to the vendors' own hosts.
   */
  hosts?: Partial<Record<ProtocolId, readonly string[]>>
}

/** Why `lintHar` cannot lint: the input is not a HAR, or an option is invalid. `message` is one line. */
export class LintError extends Error {
  override name = 'LintError'
}

/** Validated options: what the engine and the report filter need. */
export interface ResolvedOptions {
  settings: EngineSettings
  /** Null when every finding is kept. */
  keep: ((finding: JsonFinding) => boolean) | null
}

const OPTION_NAMES: ReadonlyArray<keyof LintOptions> = ['mainPingIntervalSeconds', 'adPingIntervalSeconds', 'rules', 'ignoreRules', 'hosts']

/** Checks options given by any caller, typed or not. Throws LintError naming the option and what it must be. */
/** `base`: the settings to start from (a Sessionscope export's own, or the defaults); options override them. */
export function resolveOptions(options: unknown, base: UserSettings = DEFAULT_USER_SETTINGS): ResolvedOptions {
  if (options === undefined || options === null) options = {}
  if (typeof options !== 'object' || Array.isArray(options)) throw new LintError('options must be an object')
  const given = options as Record<string, unknown>
  for (const name of Object.keys(given)) {
    if (!(OPTION_NAMES as readonly string[]).includes(name)) throw new LintError(`unknown option "${name}" (did you mean "${closest(name, OPTION_NAMES)}"?)`)
  }
  const user: UserSettings = { ...base }
  for (const name of ['mainPingIntervalSeconds', 'adPingIntervalSeconds'] as const) {
    const value = given[name]
    if (value === undefined) continue
    const problem = settingProblem(name, value)
    if (problem !== null) throw new LintError(`${name} ${problem}, not ${describe(value)}`)
    user[name] = value as number
  }
  const hosts = hostOption(given['hosts'])
  if (hosts !== null) {
    const merged: Partial<Record<ProtocolId, string[]>> = {}
    for (const [protocol, list] of [...Object.entries(user.hosts ?? {}), ...Object.entries(hosts)]) merged[protocol as ProtocolId] = [...new Set([...(merged[protocol as ProtocolId] ?? []), ...(list ?? [])])]
    user.hosts = merged
  }
  const only = ruleIds(given['rules'], 'rules')
  const ignored = ruleIds(given['ignoreRules'], 'ignoreRules')
  const keep = only.size === 0 && ignored.size === 0 ? null : (finding: JsonFinding) => (only.size === 0 || only.has(finding.rule)) && !ignored.has(finding.rule)
  return { settings: engineSettings(user), keep }
}

function hostOption(value: unknown): Partial<Record<ProtocolId, string[]>> | null {
  if (value === undefined) return null
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new LintError('hosts must be an object of protocol ids to host lists')
  const hosts: Partial<Record<ProtocolId, string[]>> = {}
  for (const [protocol, list] of Object.entries(value)) {
    if (!(PROTOCOL_IDS as readonly string[]).includes(protocol)) throw new LintError(`hosts: unknown protocol "${protocol}" (did you mean "${closest(protocol, PROTOCOL_IDS)}"?)`)
    if (!Array.isArray(list) || !list.every((host) => typeof host === 'string')) throw new LintError(`hosts.${protocol} must be an array of host patterns`)
    for (const host of list) {
      const problem = hostPatternProblem(host)
      if (problem !== null) throw new LintError(`hosts.${protocol}: ${problem}`)
    }
    hosts[protocol as ProtocolId] = list.map((host) => host.trim())
  }
  return hosts
}

function ruleIds(value: unknown, name: string): Set<string> {
  if (value === undefined) return new Set()
  if (!Array.isArray(value) || !value.every((id) => typeof id === 'string')) throw new LintError(`${name} must be an array of rule ids`)
  for (const id of value) {
    const problem = ruleIdProblem(id)
    if (problem !== null) throw new LintError(`${name}: ${problem}`)
  }
  return new Set(value)
}

/** Why `id` is not a rule id, naming the closest one; null when it is one. */
export function ruleIdProblem(id: string): string | null {
  const ids = rules.map((rule) => rule.id)
  if (ids.includes(id)) return null
  return `unknown rule "${oneLine(id)}" (did you mean "${closest(id, ids)}"?)`
}

/** The candidate with the smallest edit distance to `word` (the first of equals). */
export function closest<T extends string>(word: string, candidates: readonly T[]): T {
  let best = candidates[0]!
  let bestDistance = Number.POSITIVE_INFINITY
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate)
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance]
  }
  return best
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length]!
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${oneLine(value)}"` : typeof value === 'number' ? String(value) : typeof value
}
