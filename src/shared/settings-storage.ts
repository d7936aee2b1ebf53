/** The user's settings in chrome.storage.local: the options page writes them, the worker reads and follows them. */
import type { UserSettings } from '../session/user-settings'
import { readUserSettings } from '../session/user-settings'

const KEY = 'settings'

export async function loadUserSettings(): Promise<UserSettings> {
  const stored = (await chrome.storage.local.get(KEY)) as Record<string, unknown>
  return readUserSettings(stored[KEY])
}

export async function saveUserSettings(settings: UserSettings): Promise<void> {
  await chrome.storage.local.set({ [KEY]: settings })
}

/** Calls `listener` whenever the stored settings change; returns the function that stops listening. */
export function onUserSettingsChanged(listener: () => void): () => void {
  const handler = (changes: Record<string, chrome.storage.StorageChange>, area: string): void => {
    if (area === 'local' && KEY in changes) listener()
  }
  chrome.storage.onChanged.addListener(handler)
  return () => chrome.storage.onChanged.removeListener(handler)
}
