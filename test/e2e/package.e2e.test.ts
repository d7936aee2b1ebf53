/**
 * `npm run package` end to end: both store packages are built, zipped with manifest.json at their root and no
 * source maps, the Firefox one passes `web-ext lint` (the script fails otherwise), and the Chrome package loads
 * in Chromium and works without the worker's test API.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { BrowserContext } from 'playwright-core'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM, CHROMIUM_ARGS } from './harness/browser'

const ROOT = resolve(import.meta.dirname, '../..')
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }

/** The file names in a zip, read from its central directory. */
function zipEntries(zip: Buffer): string[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  const count = zip.readUInt16LE(end + 10)
  let at = zip.readUInt32LE(end + 16)
  const names: string[] = []
  for (let i = 0; i < count; i++) {
    const nameLength = zip.readUInt16LE(at + 28)
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength))
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32)
  }
  return names
}

describe('npm run package', () => {
  const out = mkdtempSync(join(tmpdir(), 'sessionscope-package-'))
  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'scripts/package/package.mjs'), '--out', out], { cwd: ROOT, stdio: 'pipe' })
  }, 120_000)
  afterAll(() => rmSync(out, { recursive: true, force: true }))

  it.each(['chrome', 'firefox'])('zips the %s build with its manifest at the root and no source maps', (browser) => {
    const entries = zipEntries(readFileSync(join(out, `sessionscope-${browser}-${version}.zip`)))
    expect(entries).toContain('manifest.json')
    expect(entries).toContain('src/content/page-hook.js')
    expect(entries.filter((name) => name.endsWith('.map'))).toEqual([])
  })

  it('gives Firefox a background script and an add-on id, Chrome a service worker', () => {
    const firefox = JSON.parse(readFileSync(join(out, 'firefox', 'manifest.json'), 'utf8'))
    expect(firefox.background.scripts).toHaveLength(1)
    expect(firefox.background.service_worker).toBeUndefined()
    expect(firefox.browser_specific_settings.gecko.id).toMatch(/@/)
    const chrome = JSON.parse(readFileSync(join(out, 'chrome', 'manifest.json'), 'utf8'))
    expect(chrome.background.service_worker).toBeTruthy()
    expect(chrome.browser_specific_settings).toBeUndefined()
  })

  describe('the Chrome package in Chromium', () => {
    let context: BrowserContext
    let profile: string
    beforeAll(async () => {
      const dir = join(out, 'chrome')
      profile = mkdtempSync(join(tmpdir(), 'sessionscope-package-profile-'))
      context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`, ...CHROMIUM_ARGS],
      })
    })
    afterAll(async () => {
      await context?.close()
      rmSync(profile, { recursive: true, force: true })
    })

    it('runs its worker without the test API and answers the popup', async () => {
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }))
      expect(await worker.evaluate(() => typeof (globalThis as { __sessionscope?: unknown }).__sessionscope)).toBe('undefined')
      const page = await context.newPage()
      await page.goto(`chrome-extension://${new URL(worker.url()).host}/src/popup/popup.html?tabId=-1`)
      await page.locator('[data-ready=true]').waitFor({ timeout: 20_000 })
    })
  })
})
