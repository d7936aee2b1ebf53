import { describe, expect, it } from 'vitest'
import manifest from '../../../manifest.json' with { type: 'json' }
import { FIREFOX_MIN_VERSION, FIREFOX_ONLY_PERMISSIONS, GECKO_ID, firefoxManifest } from '../../../scripts/package/firefox-manifest'

describe('firefoxManifest', () => {
  const firefox = firefoxManifest(manifest)

  it('runs the service worker entry as a module background script', () => {
    expect(firefox.background).toEqual({ scripts: [manifest.background.service_worker], type: 'module' })
    expect(firefox.background).not.toHaveProperty('service_worker')
  })

  it('names the add-on and the first Firefox with MAIN-world content scripts', () => {
    expect(firefox.browser_specific_settings.gecko).toMatchObject({ id: GECKO_ID, strict_min_version: FIREFOX_MIN_VERSION })
    expect(Number.parseInt(FIREFOX_MIN_VERSION, 10)).toBeGreaterThanOrEqual(128)
    expect(firefox.content_scripts.some((script) => 'world' in script && script.world === 'MAIN')).toBe(true)
  })

  it('declares that nothing is collected', () => {
    expect(firefox.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] })
  })

  it('drops the Chrome-only key and keeps everything else as Chrome has it', () => {
    expect(firefox).not.toHaveProperty('minimum_chrome_version')
    const { background: _chromeBackground, minimum_chrome_version: _chromeOnly, permissions: _permissions, ...shared } = manifest
    expect(firefox).toMatchObject(shared)
  })

  it("asks for Chrome's permissions and webRequestBlocking with webRequestFilterResponse, which only Firefox's MV3 offers (to read answers with filterResponseData)", () => {
    expect(firefox.permissions).toEqual([...manifest.permissions, 'webRequestBlocking', 'webRequestFilterResponse'])
    expect(FIREFOX_ONLY_PERMISSIONS).toEqual(['webRequestBlocking', 'webRequestFilterResponse'])
    expect(manifest.permissions).not.toContain('webRequestBlocking')
  })

  it('leaves the Chrome manifest untouched', () => {
    expect(manifest.background).toEqual({ service_worker: 'src/background/index.ts', type: 'module' })
    expect(manifest.minimum_chrome_version).toBeDefined()
  })

  it('refuses a manifest without a service worker', () => {
    expect(() => firefoxManifest({ manifest_version: 3 })).toThrow(/service_worker/)
  })
})
