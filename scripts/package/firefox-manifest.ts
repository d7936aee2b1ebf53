/**
 * The Firefox manifest, derived from the one Chrome manifest.json so the two never drift apart.
 * Firefox's MV3 has no background service worker: the same entry runs as a module background script
 * (an event page). Content scripts in the page's own world (`world: 'MAIN'`) need Firefox 128.
 */
export const GECKO_ID = 'sessionscope@sessionscope.dev'
export const FIREFOX_MIN_VERSION = '128.0'

/**
 * What Firefox's add-on asks for beyond Chrome's: `webRequestBlocking` and (in MV3) `webRequestFilterResponse`, for
 * filterResponseData, which reads the
 * answers to session starts the page hook cannot see (the worker's web-request-listeners.ts). Chrome's MV3 does
 * not offer it.
 */
export const FIREFOX_ONLY_PERMISSIONS = ['webRequestBlocking', 'webRequestFilterResponse'] as const

interface ChromeManifest {
  permissions?: string[]
  background?: { service_worker?: string; type?: string; scripts?: string[] }
  minimum_chrome_version?: string
  [key: string]: unknown
}

export function firefoxManifest<M extends ChromeManifest>(manifest: M): Omit<M, 'minimum_chrome_version' | 'background' | 'permissions'> & {
  permissions: string[]
  background: { scripts: string[]; type: 'module' }
  browser_specific_settings: { gecko: { id: string; strict_min_version: string; data_collection_permissions: { required: ['none'] } } }
} {
  const worker = manifest.background?.service_worker
  if (worker === undefined) throw new Error('manifest.json has no background.service_worker to run as a Firefox background script')
  // Firefox ignores Chrome-only keys with a warning at install; the store's linter flags them.
  const { minimum_chrome_version: _chromeOnly, background: _worker, permissions, ...shared } = manifest
  return {
    ...shared,
    permissions: [...(permissions ?? []), ...FIREFOX_ONLY_PERMISSIONS],
    background: { scripts: [worker], type: 'module' },
    browser_specific_settings: {
      // The extension keeps what it captures on the user's machine and sends nothing anywhere.
      gecko: { id: GECKO_ID, strict_min_version: FIREFOX_MIN_VERSION, data_collection_permissions: { required: ['none'] } },
    },
  }
}
