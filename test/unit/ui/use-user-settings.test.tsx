// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import type { UserSettings } from '../../../src/session/user-settings'
import type { SettingsStorage } from '../../../src/ui/use-user-settings'
import { useUserSettings } from '../../../src/ui/use-user-settings'
import { mount, unmount, waitFor } from './render'

let container: HTMLElement | null = null
afterEach(async () => {
  if (container) await unmount(container)
  container = null
})

/** Storage whose value the test changes, announcing each change as chrome.storage does. */
function fakeStorage(initial: UserSettings) {
  let value = initial
  const listeners = new Set<() => void>()
  const storage: SettingsStorage = {
    load: async () => value,
    onChanged(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  return {
    storage,
    listeners,
    set(next: UserSettings) {
      value = next
      for (const listener of listeners) listener()
    },
  }
}

function Probe({ storage }: { storage: SettingsStorage }) {
  const resolved = useUserSettings(storage)
  return <p data-testid="probe">{resolved === null ? 'loading' : `${resolved.redaction.showSecretsByDefault} ${resolved.retention.days}`}</p>
}

describe('useUserSettings', () => {
  it('reads the settings with defaults filled in, follows changes, and stops listening when unmounted', async () => {
    const fake = fakeStorage({ mainPingIntervalSeconds: 10, adPingIntervalSeconds: 10 })
    container = await mount(<Probe storage={fake.storage} />)
    const text = () => container!.querySelector('[data-testid=probe]')!.textContent
    await waitFor(() => expect(text()).toBe('false 7'))
    fake.set({ mainPingIntervalSeconds: 10, adPingIntervalSeconds: 10, redaction: { showSecretsByDefault: true, includeSecretsInExports: false, extraSecretNames: [], keepSecretsOnDisk: false }, retention: { days: 2, maxCapturesPerTab: 100, maxCapturesTotal: 1000 } })
    await waitFor(() => expect(text()).toBe('true 2'))
    await unmount(container)
    container = null
    expect(fake.listeners.size).toBe(0)
  })
})
