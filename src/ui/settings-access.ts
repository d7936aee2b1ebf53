/**
 * What the panel and popup need from the options page: the user's redaction choices, what the last retention
 * clean-up removed, and a way to open the page. The mount points hand in the browser's (browser-settings-access.ts),
 * tests their own, so the views themselves never touch the extension APIs.
 */
import type { RedactionSettings } from '../session/user-settings'
import { DEFAULT_USER_SETTINGS, REDACTION_DEFAULTS } from '../session/user-settings'
import type { RetentionReport } from '../shared/retention-report'
import type { Followed } from './use-followed'
import { useFollowed } from './use-followed'
import type { SettingsStorage } from './use-user-settings'
import { useUserSettings } from './use-user-settings'

export interface SettingsAccess {
  settings: SettingsStorage
  lastCleanUp: Followed<RetentionReport | null>
  /** Opens the options page; absent where there is none to open. */
  open?(): void
}

/** For a view mounted without settings: the built-in defaults, no clean-up, no settings page. */
export const BUILT_IN_SETTINGS: SettingsAccess = {
  settings: { load: async () => DEFAULT_USER_SETTINGS, onChanged: () => () => {} },
  lastCleanUp: { load: async () => null, onChanged: () => () => {} },
}

export interface ViewSettings {
  /** The built-in defaults until the stored settings are read: secrets stay hidden meanwhile. */
  redaction: RedactionSettings
  /** The last clean-up, only when it removed something. */
  lastCleanUp: RetentionReport | null
  openSettings: (() => void) | undefined
}

export function useViewSettings(access: SettingsAccess): ViewSettings {
  const resolved = useUserSettings(access.settings)
  const report = useFollowed(access.lastCleanUp)
  const removedSomething = report !== null && report !== undefined && (report.captures > 0 || report.scopes > 0)
  return {
    redaction: resolved?.redaction ?? REDACTION_DEFAULTS,
    lastCleanUp: removedSomething ? report : null,
    openSettings: access.open,
  }
}
