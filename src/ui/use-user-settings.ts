/**
 * The user's settings in a view, following the options page: the panel and popup read their defaults here
 * (e.g. whether "Show secrets" and "Include secrets" start ticked).
 */
import { useMemo } from 'preact/hooks'
import type { RedactionSettings, RetentionSettings, UserSettings } from '../session/user-settings'
import { redactionOf, retentionOf } from '../session/user-settings'
import { loadUserSettings, onUserSettingsChanged } from '../shared/settings-storage'
import type { Followed } from './use-followed'
import { useFollowed } from './use-followed'

export type SettingsStorage = Followed<UserSettings>

const browserStorage: SettingsStorage = { load: loadUserSettings, onChanged: onUserSettingsChanged }

/** Stored settings with every default filled in. */
export interface ResolvedUserSettings {
  settings: UserSettings
  retention: RetentionSettings
  redaction: RedactionSettings
}

/** null until the first read; then the stored settings, re-read whenever they change. */
export function useUserSettings(storage: SettingsStorage = browserStorage): ResolvedUserSettings | null {
  // Unreadable storage leaves the view on its previous settings (or its built-in defaults).
  const settings = useFollowed(storage)
  return useMemo(() => (settings === undefined ? null : { settings, retention: retentionOf(settings), redaction: redactionOf(settings) }), [settings])
}
