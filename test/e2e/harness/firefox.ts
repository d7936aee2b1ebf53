/**
 * Launches Debian's Firefox ESR with the built Firefox add-on (dist-firefox-test/) over WebDriver BiDi. Never
 * downloads a browser: puppeteer-core drives /usr/bin/firefox-esr, and the add-on is installed as a temporary one
 * (BiDi's webExtension.install), as about:debugging would.
 *
 * Firefox has no switch that maps a host to a port, as Chromium's --host-resolver-rules does: a proxy
 * auto-config sends the mapped hosts to a local CONNECT proxy that tunnels each to its stand-in server.
 */
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import type { Server } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, Page } from 'puppeteer-core'
import puppeteer from 'puppeteer-core'
import type { Dump } from './dump'

/** The Firefox build with the background's test API; SESSIONSCOPE_FIREFOX_DIST points at another one. */
export const FIREFOX_DIST = resolve(process.env.SESSIONSCOPE_FIREFOX_DIST ?? resolve(import.meta.dirname, '../../../dist-firefox-test'))
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr'
/** The add-on's id, from the Firefox manifest (browser_specific_settings.gecko.id). */
const ADDON_ID = (JSON.parse(readFileSync(join(FIREFOX_DIST, 'manifest.json'), 'utf8')) as { browser_specific_settings: { gecko: { id: string } } }).browser_specific_settings.gecko.id

export interface FirefoxOptions {
  /** Hosts to send to a local port (`edge.example.test` → 45123), any port of theirs. */
  hosts?: Record<string, number>
  /** Firefox preferences on top of the harness's own. */
  prefs?: Record<string, unknown>
  /** Without the add-on: what a page costs when Sessionscope is not there. */
  withoutExtension?: boolean
}

export interface FirefoxWithExtension {
  browser: Browser
  /** moz-extension://<uuid>: fixed per launch, so tests can open the add-on's pages. */
  origin: string
  /** Where Firefox saves downloads without asking. */
  downloads: string
  /** Opens a web page in a new tab; console warnings and errors are collected in `console`. */
  openTab(url: string): Promise<{ page: Page; console: string[] }>
  /** Opens one of the add-on's pages (a path under the build) in a new tab, once it has loaded. */
  openExtensionPage(path: string): Promise<Page>
  /** Calls the background's test API (src/background/test-api.ts); the result crosses as JSON. */
  callTestApi<T>(method: keyof TestApi, ...args: unknown[]): Promise<T>
  /** When the running background page started (its performance.timeOrigin); starts it if Firefox had suspended it. */
  backgroundStartedAt(): Promise<number>
  tabIdOf(page: Page): Promise<number>
  scopeOfTab(tabId: number): Promise<string>
  dump(): Promise<Dump>
  close(): Promise<void>
}

/** The test API of the background (src/background/test-api.ts), as the harness calls it. */
export interface TestApi {
  dump(): Promise<Dump>
  scopeOfTab(tabId: number): Promise<string>
  flush(): Promise<void>
  expire(now: number): Promise<void>
  stats(scope: string): Promise<unknown>
}

export async function launchFirefox(options: FirefoxOptions = {}): Promise<FirefoxWithExtension> {
  if (!options.withoutExtension && !existsSync(join(FIREFOX_DIST, 'manifest.json'))) throw new Error(`${FIREFOX_DIST} has no build; run npm run build first`)
  const uuid = randomUUID()
  const downloads = mkdtempSync(join(tmpdir(), 'sessionscope-firefox-downloads-'))
  const proxy = options.hosts ? await startTunnel(options.hosts) : null
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    dumpio: process.env.FIREFOX_DUMPIO === '1',
    // BiDi refuses to navigate a tab to moz-extension:// pages without it.
    args: ['--remote-allow-system-access'],
    // The stand-in Edge presents a self-signed certificate for its host.
    acceptInsecureCerts: true,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: uuid }),
      'browser.download.dir': downloads,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      ...(proxy ? { 'network.proxy.type': 2, 'network.proxy.autoconfig_url': proxy.pac } : {}),
      ...options.prefs,
    },
  })
  try {
    if (!options.withoutExtension) await browser.installExtension(FIREFOX_DIST)
  } catch (error) {
    await browser.close()
    throw error
  }
  const origin = `moz-extension://${uuid}`

  async function openExtensionPage(path: string): Promise<Page> {
    const page = await browser.newPage()
    // Puppeteer waits for navigation events BiDi does not send for moz-extension:// pages; the command itself
    // returns once the page has loaded.
    await (page.mainFrame() as unknown as { browsingContext: { navigate(url: string, wait: string): Promise<void> } }).browsingContext.navigate(`${origin}/${path}`, 'complete')
    return page
  }

  /**
   * One add-on page kept open: the harness reaches the background and the browser's API through it. Opened first,
   * so the pages under test open in front of it: Firefox throttles the timers of a tab in the background.
   */
  const door = options.withoutExtension ? null : await openExtensionPage('src/options/options.html')
  async function throughDoor<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T> {
    if (door === null) throw new Error('this Firefox runs without the add-on')
    return door.evaluate(fn as (arg: unknown) => T | Promise<T>, arg)
  }

  async function callTestApi<T>(method: keyof TestApi, ...args: unknown[]): Promise<T> {
    // The background's objects cross into the page's compartment as JSON.
    const text = await throughDoor(async ({ method: name, args: input }) => {
      const api = (globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Window> } } }).browser
      // Starts the background page again if Firefox had suspended it.
      const background = (await api.runtime.getBackgroundPage()) as unknown as { __sessionscope: Record<string, (...a: unknown[]) => unknown> }
      return JSON.stringify(await background.__sessionscope[name]!(...input))
    }, { method, args })
    return (text === undefined ? undefined : JSON.parse(text)) as T
  }

  return {
    browser,
    origin,
    downloads,
    async openTab(url) {
      const page = await browser.newPage()
      const console: string[] = []
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warn') console.push(`${message.type()}: ${message.text()}`)
      })
      page.on('pageerror', (error) => console.push(`pageerror: ${String(error)}`))
      await page.goto(url)
      return { page, console }
    },
    openExtensionPage,
    callTestApi,
    backgroundStartedAt: () => throughDoor(async () => {
      const api = (globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Window> } } }).browser
      return (await api.runtime.getBackgroundPage()).performance.timeOrigin
    }, null),
    async tabIdOf(page) {
      return throughDoor(async (url: string) => {
        const tabs = await (globalThis as unknown as { browser: { tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> } } }).browser.tabs.query({})
        const tab = tabs.find((t) => t.url === url)
        if (tab?.id === undefined) throw new Error(`no tab shows ${url}`)
        return tab.id
      }, page.url())
    },
    scopeOfTab: (tabId) => callTestApi('scopeOfTab', tabId),
    dump: () => callTestApi('dump'),
    async close() {
      await browser.close()
      await proxy?.close()
      rmSync(downloads, { recursive: true, force: true })
    },
  }
}

/** The newest file Firefox finished saving in `dir` (not its .part), once there is one. */
export async function downloaded(dir: string, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const names = readdirSync(dir)
    const done = names.filter((name) => !name.endsWith('.part') && !names.includes(`${name}.part`))
    if (done.length > 0) return join(dir, done.sort().at(-1)!)
    if (Date.now() > deadline) throw new Error(`nothing was downloaded to ${dir}`)
    await new Promise((wait) => setTimeout(wait, 100))
  }
}

interface Tunnel {
  /** A proxy auto-config URL that sends the mapped hosts to the tunnel, everything else direct. */
  pac: string
  close(): Promise<void>
}

/** A CONNECT proxy that sends every tunnel for a mapped host to its local port. */
async function startTunnel(hosts: Record<string, number>): Promise<Tunnel> {
  const server: Server = createServer((_request, response) => response.writeHead(405).end())
  server.on('connect', (request, client) => {
    const host = (request.url ?? '').replace(/:\d+$/, '')
    const port = hosts[host]
    if (port === undefined) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n')
      return
    }
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.pipe(client)
      client.pipe(upstream)
    })
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  const names = JSON.stringify(Object.keys(hosts))
  const pac = `function FindProxyForURL(url, host) { return ${names}.indexOf(host) >= 0 ? "PROXY 127.0.0.1:${port}" : "DIRECT" }`
  return {
    pac: `data:application/x-ns-proxy-autoconfig,${encodeURIComponent(pac)}`,
    close: () => new Promise((done) => server.close(() => done())),
  }
}
