import type { HostSettings } from '../protocols'

/** Thresholds of the session machine. Defaults are the vendors' documented values. */
export interface EngineSettings {
  /** Hosts, per protocol, where the user says that protocol's traffic also goes (a proxy, a test server). */
  hosts: HostSettings
  /** Adobe closes a session after 10 minutes without events. */
  idleTimeoutMs: number
  /** …or after 30 minutes without playhead movement. */
  playheadStallMs: number
  /** …and refuses sessions older than 24 hours ("start a new one"). */
  maxSessionAgeMs: number
  /** Adobe's backend buffers 5 s (at most 10 events) of a session and reorders it by client timestamp. */
  reorderWindowMs: number
  reorderWindowEvents: number
  /** Main content must ping every 10 s (the Web SDK lets players choose 10–50 s: `mainPingInterval`). */
  mainPingIntervalMs: number
  /** Ads ping every 10 s by current docs (1–10 s in the Web SDK: `adPingInterval`; older docs say 1 s). */
  adPingIntervalMs: number
}

/**
 * How late a ping may be before it counts as missing. SDK timers re-arm after each response (the Web SDK) or check
 * the interval on a one-second tick (the Roku SDK sends up to 11 s apart), and networks jitter.
 */
export function pingTolerance(intervalMs: number): number {
  return Math.max(1500, intervalMs * 0.15)
}

export const DEFAULT_SETTINGS: EngineSettings = Object.freeze({
  hosts: Object.freeze({}),
  idleTimeoutMs: 10 * 60_000,
  playheadStallMs: 30 * 60_000,
  maxSessionAgeMs: 24 * 60 * 60_000,
  reorderWindowMs: 5_000,
  reorderWindowEvents: 10,
  mainPingIntervalMs: 10_000,
  adPingIntervalMs: 10_000,
})

export const PING_INTERVAL_LIMITS = { main: { min: 10_000, max: 50_000 }, ad: { min: 1_000, max: 10_000 } } as const
