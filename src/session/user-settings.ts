/**
 * The settings a user can change, in the units people use (seconds), validated against what the vendors
 * allow. The CLI takes them as flags, the extension from its options page; both turn them into engine settings.
 */
import type { HostSettings } from '../protocols'
import { hostPatternProblem } from '../protocols/host-patterns'
import type { ProtocolId } from '../protocols/tracking-event'
import { PROTOCOL_IDS } from '../protocols/tracking-event'
import type { EngineSettings } from './settings'
import { DEFAULT_SETTINGS, PING_INTERVAL_LIMITS } from './settings'

export interface UserSettings {
  /** Web SDK `mainPingInterval`: 10–50 s, default 10. */
  mainPingIntervalSeconds: number
  /** Web SDK `adPingInterval`: 1–10 s, default 10. */
  adPingIntervalSeconds: number
  /** Extra hosts per protocol (a proxy, a self-hosted server, a test stand-in), e.g. { videosdk: ['127.0.0.1:8443'] }. */
  hosts?: HostSettings
}

/** The settings given in seconds, each with its limits. */
export type IntervalSetting = 'mainPingIntervalSeconds' | 'adPingIntervalSeconds'

export const DEFAULT_USER_SETTINGS: UserSettings = Object.freeze({
  mainPingIntervalSeconds: DEFAULT_SETTINGS.mainPingIntervalMs / 1000,
  adPingIntervalSeconds: DEFAULT_SETTINGS.adPingIntervalMs / 1000,
})

export const USER_SETTING_LIMITS: Record<IntervalSetting, { min: number; max: number }> = {
  mainPingIntervalSeconds: { min: PING_INTERVAL_LIMITS.main.min / 1000, max: PING_INTERVAL_LIMITS.main.max / 1000 },
  adPingIntervalSeconds: { min: PING_INTERVAL_LIMITS.ad.min / 1000, max: PING_INTERVAL_LIMITS.ad.max / 1000 },
}

/** Why a value cannot be used, or null when it can. */
export function settingProblem(name: IntervalSetting, value: unknown): string | null {
  const { min, max } = USER_SETTING_LIMITS[name]
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number of seconds'
  if (value < min || value > max) return `must be between ${min} and ${max} seconds`
  return null
}

/** Stored or received settings, with anything unusable replaced by its default. Never throws. */
export function readUserSettings(raw: unknown): UserSettings {
  const settings: UserSettings = { ...DEFAULT_USER_SETTINGS }
  if (typeof raw !== 'object' || raw === null) return settings
  for (const name of ['mainPingIntervalSeconds', 'adPingIntervalSeconds'] as const) {
    const value = (raw as Record<string, unknown>)[name]
    if (settingProblem(name, value) === null) settings[name] = value as number
  }
  const hosts = readHosts((raw as Record<string, unknown>).hosts)
  if (Object.keys(hosts).length > 0) settings.hosts = hosts
  return settings
}

const PROTOCOLS: ReadonlySet<string> = new Set(PROTOCOL_IDS)

/** Only known protocols and valid patterns survive. */
function readHosts(raw: unknown): HostSettings {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {}
  const hosts: Partial<Record<ProtocolId, string[]>> = {}
  for (const [protocol, patterns] of Object.entries(raw)) {
    if (!PROTOCOLS.has(protocol) || !Array.isArray(patterns)) continue
    const valid = patterns.filter((pattern): pattern is string => typeof pattern === 'string' && hostPatternProblem(pattern) === null).map((pattern) => pattern.trim())
    if (valid.length > 0) hosts[protocol as ProtocolId] = valid
  }
  return hosts
}

export function engineSettings(user: UserSettings): EngineSettings {
  return {
    ...DEFAULT_SETTINGS,
    mainPingIntervalMs: user.mainPingIntervalSeconds * 1000,
    adPingIntervalMs: user.adPingIntervalSeconds * 1000,
    hosts: user.hosts ?? {},
  }
}
