/**
 * The user's settings in a view, following the options page: the panel and popup read their defaults here
 * (e.g. whether "Show secrets" and "Include secrets" start ticked).
 */
import { useEffect, useState } from 'preact/hooks'
import type { RedactionSettings, RetentionSettings, UserSettings } from '../session/user-settings'
import { redactionOf, retentionOf } from '../session/user-settings'
import { loadUserSettings, onUserSettingsChanged } from '../shared/settings-storage'

export interface SettingsStorage {
  load(): Promise<UserSettings>
  /** Returns the function that stops listening. */
  onChanged(listener: () => void): () => void
}

const chromeStorage: SettingsStorage = { load: loadUserSettings, onChanged: onUserSettingsChanged }

/** Stored settings with every default filled in. */
export interface ResolvedUserSettings {
  settings: UserSettings
  retention: RetentionSettings
  redaction: RedactionSettings
}

/** null until the first read; then the stored settings, re-read whenever they change. */
export function useUserSettings(storage: SettingsStorage = chromeStorage): ResolvedUserSettings | null {
  const [resolved, setResolved] = useState<ResolvedUserSettings | null>(null)
  useEffect(() => {
    let current = true
    const read = (): void => {
      storage.load().then(
        (settings) => {
          if (current) setResolved({ settings, retention: retentionOf(settings), redaction: redactionOf(settings) })
        },
        // Unreadable storage leaves the view on its previous settings (or its built-in defaults).
        () => {},
      )
    }
    const stop = storage.onChanged(read)
    read()
    return () => {
      current = false
      stop()
    }
  }, [storage])
  return resolved
}
