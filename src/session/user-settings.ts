/**
 * The settings a user can change, in the units people use (seconds), validated against what the vendors
 * allow. The CLI takes them as flags, the extension from its options page; both turn them into engine settings.
 */
import type { EngineSettings } from './settings'
import { DEFAULT_SETTINGS, PING_INTERVAL_LIMITS } from './settings'

export interface UserSettings {
  /** Web SDK `mainPingInterval`: 10–50 s, default 10. */
  mainPingIntervalSeconds: number
  /** Web SDK `adPingInterval`: 1–10 s, default 10. */
  adPingIntervalSeconds: number
}

export const DEFAULT_USER_SETTINGS: UserSettings = Object.freeze({
  mainPingIntervalSeconds: DEFAULT_SETTINGS.mainPingIntervalMs / 1000,
  adPingIntervalSeconds: DEFAULT_SETTINGS.adPingIntervalMs / 1000,
})

export const USER_SETTING_LIMITS: Record<keyof UserSettings, { min: number; max: number }> = {
  mainPingIntervalSeconds: { min: PING_INTERVAL_LIMITS.main.min / 1000, max: PING_INTERVAL_LIMITS.main.max / 1000 },
  adPingIntervalSeconds: { min: PING_INTERVAL_LIMITS.ad.min / 1000, max: PING_INTERVAL_LIMITS.ad.max / 1000 },
}

/** Why a value cannot be used, or null when it can. */
export function settingProblem(name: keyof UserSettings, value: unknown): string | null {
  const { min, max } = USER_SETTING_LIMITS[name]
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number of seconds'
  if (value < min || value > max) return `must be between ${min} and ${max} seconds`
  return null
}

/** Stored or received settings, with anything unusable replaced by its default. Never throws. */
export function readUserSettings(raw: unknown): UserSettings {
  const settings = { ...DEFAULT_USER_SETTINGS }
  if (typeof raw !== 'object' || raw === null) return settings
  for (const name of Object.keys(DEFAULT_USER_SETTINGS) as Array<keyof UserSettings>) {
    const value = (raw as Record<string, unknown>)[name]
    if (settingProblem(name, value) === null) settings[name] = value as number
  }
  return settings
}

export function engineSettings(user: UserSettings): EngineSettings {
  return { ...DEFAULT_SETTINGS, mainPingIntervalMs: user.mainPingIntervalSeconds * 1000, adPingIntervalMs: user.adPingIntervalSeconds * 1000 }
}
