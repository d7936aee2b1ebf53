/** Thresholds of the session machine. Defaults are the vendors' documented values. */
export interface EngineSettings {
  /** Adobe closes a session after 10 minutes without events. */
  idleTimeoutMs: number
  /** …or after 30 minutes without playhead movement. */
  playheadStallMs: number
  /** …and refuses sessions older than 24 hours ("start a new one"). */
  maxSessionAgeMs: number
  /** Adobe's backend buffers 5 s (at most 10 events) of a session and reorders it by client timestamp. */
  reorderWindowMs: number
  reorderWindowEvents: number
}

export const DEFAULT_SETTINGS: EngineSettings = Object.freeze({
  idleTimeoutMs: 10 * 60_000,
  playheadStallMs: 30 * 60_000,
  maxSessionAgeMs: 24 * 60 * 60_000,
  reorderWindowMs: 5_000,
  reorderWindowEvents: 10,
})
