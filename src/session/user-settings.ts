/**
 * The settings a user can change, in the units people use (seconds), validated against what the vendors
 * allow. The CLI takes them as flags, the extension from its options page; both turn them into engine settings.
 */
import type { HostSettings } from '../protocols'
import { hostPatternProblem } from '../protocols/host-patterns'
import type { ProtocolId } from '../protocols/tracking-event'
import { PROTOCOL_IDS } from '../protocols'
import type { EngineSettings } from './settings'
import { DEFAULT_SETTINGS, PING_INTERVAL_LIMITS } from './settings'

export interface UserSettings {
  /** Web SDK `mainPingInterval`: 10–50 s, default 10. */
  mainPingIntervalSeconds: number
  /** Web SDK `adPingInterval`: 1–10 s, default 10. */
  adPingIntervalSeconds: number
  /** Extra hosts per protocol (a proxy, a self-hosted server, a test stand-in), e.g. { videosdk: ['127.0.0.1:8443'] }. */
  hosts?: HostSettings
  /** How long and how much the extension keeps; absent = RETENTION_DEFAULTS (see retentionOf). */
  retention?: RetentionSettings
  /** What is treated as a secret and shown or exported; absent = REDACTION_DEFAULTS (see redactionOf). */
  redaction?: RedactionSettings
}

/**
 * What the extension keeps. Captures are dropped a whole tab or import at a time: the engine replays a scope's
 * capture log from its start, so cutting the oldest requests out of a live scope would change its verdict.
 */
export interface RetentionSettings {
  /** Tabs and imports not updated for this many days are deleted (open tabs are kept). */
  days: number
  /** A tab that captured more requests than this is cleared, like its Clear button does. */
  maxCapturesPerTab: number
  /** Above this many captures in all, the least recently updated tabs and imports go first. */
  maxCapturesTotal: number
}

export interface RedactionSettings {
  /** The panel's "Show secrets" starts ticked. */
  showSecretsByDefault: boolean
  /** Exports start with "Include secrets" ticked. */
  includeSecretsInExports: boolean
  /** Header, parameter and JSON field names treated as secrets besides the built-in ones (case-insensitive). */
  extraSecretNames: string[]
  /**
   * The store keeps captures as they were sent. Off by default: the store then holds them redacted (as an export
   * does), and the real values live only in the worker's memory, for open tabs.
   */
  keepSecretsOnDisk: boolean
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

export type RetentionSetting = keyof RetentionSettings

export const RETENTION_DEFAULTS: Readonly<RetentionSettings> = Object.freeze({ days: 7, maxCapturesPerTab: 20_000, maxCapturesTotal: 100_000 })

/** A two-hour live stream pings about 720 times; the upper limits keep IndexedDB within a few gigabytes. */
export const RETENTION_LIMITS: Record<RetentionSetting, { min: number; max: number; unit: string }> = {
  days: { min: 1, max: 365, unit: 'days' },
  maxCapturesPerTab: { min: 100, max: 1_000_000, unit: 'requests' },
  maxCapturesTotal: { min: 1_000, max: 5_000_000, unit: 'requests' },
}

export const REDACTION_DEFAULTS: Readonly<RedactionSettings> = Object.freeze({ showSecretsByDefault: false, includeSecretsInExports: false, extraSecretNames: [], keepSecretsOnDisk: false })

/** A secret name is a header, parameter or JSON key: a token of visible characters without separators. */
const SECRET_NAME = /^[A-Za-z0-9_.$-]{1,100}$/
const MAX_SECRET_NAMES = 100

export function retentionOf(user: UserSettings): RetentionSettings {
  return { ...RETENTION_DEFAULTS, ...user.retention }
}

export function redactionOf(user: UserSettings): RedactionSettings {
  return { ...REDACTION_DEFAULTS, ...user.redaction }
}

/** Why a retention value cannot be used, or null when it can. */
export function retentionProblem(name: RetentionSetting, value: unknown): string | null {
  const { min, max, unit } = RETENTION_LIMITS[name]
  if (typeof value !== 'number' || !Number.isInteger(value)) return `must be a whole number of ${unit}`
  if (value < min || value > max) return `must be between ${min.toLocaleString('en')} and ${max.toLocaleString('en')} ${unit}`
  return null
}

/** Why a name cannot be a secret name, or null when it can. */
export function secretNameProblem(name: string): string | null {
  return SECRET_NAME.test(name) ? null : `"${name.slice(0, 40)}" is not a header or field name (letters, digits, - _ . $ only)`
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
  const retention = readRetention((raw as Record<string, unknown>).retention)
  if (retention) settings.retention = retention
  const redaction = readRedaction((raw as Record<string, unknown>).redaction)
  if (redaction) settings.redaction = redaction
  return settings
}

function readRetention(raw: unknown): RetentionSettings | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null
  const retention = { ...RETENTION_DEFAULTS }
  for (const name of Object.keys(RETENTION_LIMITS) as RetentionSetting[]) {
    const value = (raw as Record<string, unknown>)[name]
    if (retentionProblem(name, value) === null) retention[name] = value as number
  }
  return retention
}

function readRedaction(raw: unknown): RedactionSettings | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null
  const { showSecretsByDefault, includeSecretsInExports, extraSecretNames, keepSecretsOnDisk } = raw as Record<string, unknown>
  const names = Array.isArray(extraSecretNames) ? extraSecretNames.filter((name): name is string => typeof name === 'string').map((name) => name.trim()) : []
  return {
    showSecretsByDefault: showSecretsByDefault === true,
    includeSecretsInExports: includeSecretsInExports === true,
    keepSecretsOnDisk: keepSecretsOnDisk === true,
    extraSecretNames: [...new Set(names.filter((name) => secretNameProblem(name) === null))].slice(0, MAX_SECRET_NAMES),
  }
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
