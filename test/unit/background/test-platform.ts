/** The pipeline's Platform for unit tests: settings are the defaults, the clock stands at `now`, errors throw. */
import type { Platform } from '../../../src/background/pipeline'
import { DEFAULT_SETTINGS } from '../../../src/session/settings'

export function testPlatform(now: number, overrides: Partial<Platform> = {}): Platform {
  return {
    settings: async () => DEFAULT_SETTINGS,
    now: () => now,
    tabInfo: async () => ({ title: 'Player', url: 'http://127.0.0.1:9/player' }),
    scopeOfTab: async (tabId) => `tab:${tabId}@test`,
    changed: () => {},
    cleared: () => {},
    newId: () => 'id',
    scheduleExpiry: () => {},
    log: (error) => {
      throw error
    },
    ...overrides,
  }
}
