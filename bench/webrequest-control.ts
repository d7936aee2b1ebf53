/**
 * The benchmarks' control extension: webRequest listeners registered as Sessionscope's worker registers them (the
 * same events, the same extra info, see src/background/web-request-listeners.ts) that do nothing. Filtered to a
 * URL no request has, it shows what Chrome charges any such extension on every request; filtered to Sessionscope's
 * own patterns, what Chrome's dispatch of a matched request costs before any Sessionscope code runs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext } from 'playwright-core'
import { webRequestPatterns } from '../src/protocols'

/** A filter no request of the benchmarks matches. */
export const MATCHING_NOTHING: readonly string[] = ['*://never.invalid/*']

/** The URLs Sessionscope's worker listens to from its first moment (listenToVendorRequests). */
export function matchingTracked(): readonly string[] {
  return webRequestPatterns()
}

export interface WebRequestControl {
  dir: string
  /** Chromium flags that load it, and only it. */
  args: string[]
  remove(): void
}

/** Writes the control, its listeners filtered to `urls`, into a fresh temporary directory. */
export function writeWebRequestControl(urls: readonly string[]): WebRequestControl {
  const dir = mkdtempSync(join(tmpdir(), 'sessionscope-bench-control-'))
  const manifest = { manifest_version: 3, name: 'webRequest control', version: '1', permissions: ['webRequest'], host_permissions: ['<all_urls>'], background: { service_worker: 'worker.js' } }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest))
  writeFileSync(
    join(dir, 'worker.js'),
    `const filter = { urls: ${JSON.stringify(urls)} }
const nothing = () => undefined
chrome.webRequest.onBeforeRequest.addListener(nothing, filter, ['requestBody'])
chrome.webRequest.onBeforeSendHeaders.addListener(nothing, filter, ['requestHeaders', 'extraHeaders'])
chrome.webRequest.onHeadersReceived.addListener(nothing, filter, ['responseHeaders', 'extraHeaders'])
chrome.webRequest.onErrorOccurred.addListener(nothing, filter)
`,
  )
  return { dir, args: [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`], remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Waits for an extension's worker (the control's, or another's), so its listeners are registered before anything is measured. */
export async function extensionWorkerStarted(context: BrowserContext): Promise<void> {
  if (context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker', { timeout: 20_000 })
}
