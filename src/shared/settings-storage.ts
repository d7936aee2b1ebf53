/** The user's settings in the browser's local storage: the options page writes them, the worker reads and follows them. */
import type { Storage } from '../platform/browser'
import { browser } from '../platform/browser'
import type { UserSettings } from '../session/user-settings'
import { readUserSettings } from '../session/user-settings'

/** One key of the browser's local storage, read through `read` so a bad stored value never reaches the caller. */
export interface StoredValue<T> {
  load(): Promise<T>
  save(value: T): Promise<void>
  /** Calls `listener` whenever the stored value changes; returns the function that stops listening. */
  onChanged(listener: () => void): () => void
}

export function storedValue<T>(key: string, read: (raw: unknown) => T): StoredValue<T> {
  return {
    async load() {
      const stored = await browser.storage.local.get(key)
      return read(stored[key])
    },
    async save(value) {
      await browser.storage.local.set({ [key]: value })
    },
    onChanged(listener) {
      const handler = (changes: Record<string, Storage.StorageChange>, area: string): void => {
        if (area === 'local' && key in changes) listener()
      }
      browser.storage.onChanged.addListener(handler)
      return () => browser.storage.onChanged.removeListener(handler)
    },
  }
}

const settings = storedValue('settings', readUserSettings)

export const loadUserSettings = (): Promise<UserSettings> => settings.load()
export const saveUserSettings = (value: UserSettings): Promise<void> => settings.save(value)
export const onUserSettingsChanged = (listener: () => void): (() => void) => settings.onChanged(listener)
