/**
 * webextension-polyfill throws when imported outside an extension, and unit tests fake the browser per test
 * (`vi.stubGlobal('chrome', …)`, often after the code under test was imported). So the polyfill is replaced by an
 * object that reads, at each access, whatever fake is current: `browser`, or else `chrome`.
 */
import { vi } from 'vitest'

vi.mock('webextension-polyfill', () => {
  const current = (): Record<PropertyKey, unknown> | undefined => {
    const scope = globalThis as { browser?: Record<PropertyKey, unknown>; chrome?: Record<PropertyKey, unknown> }
    return scope.browser ?? scope.chrome
  }
  const browser = new Proxy({}, {
    get: (_target, key) => current()?.[key],
    has: (_target, key) => key in (current() ?? {}),
  })
  return { default: browser }
})
