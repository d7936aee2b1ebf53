/**
 * Page cost (issue 8, item 2): what the extension adds to a page's fetch calls. The same page on a local server
 * makes the same POSTs in two headless Chromiums launched with the same flags, one with the extension and one
 * without; the figure is the ratio of their median latencies, for a URL no adapter claims and for a Media Edge
 * ping (which the page hook follows, reading its response, and the worker stores and checks).
 *
 * The two browsers take turns in small blocks, so a burst of load on the machine hits both alike.
 */
import type { AddressInfo } from 'node:net'
import { createServer } from 'node:http'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { chromium } from 'playwright-core'
import { CHROMIUM, CHROMIUM_ARGS, launchWithExtension } from '../../test/e2e/harness/browser'
import type { BenchContext, Benchmark, Result } from '../benchmark'
import { median } from '../benchmark'
import { fetchLoop } from './fetch-loop'

/** Fetches per URL kind per browser per repetition. */
export const FETCHES = 2_000
const BLOCK = 200
const WARM_UP = 50
/** Issue 8: untracked requests must cost next to nothing; tracked ones a little. */
const UNTRACKED_LIMIT = 1.05
const TRACKED_LIMIT = 1.15

const SESSION_ID = 'b3e7a1c9d5f24e6a8c0b2d4f6a8c0e13'
const PING_BODY = JSON.stringify({ events: [{ xdm: { eventType: 'media.ping', timestamp: '2026-02-02T06:00:10.000Z', mediaCollection: { playhead: 10, sessionID: SESSION_ID } } }] })
/** The Media Edge path on any host (the adapter matches by path and configId), and the same POST elsewhere. */
const KINDS = [
  { kind: 'untracked', path: '/api/ping?configId=bench', limit: UNTRACKED_LIMIT },
  { kind: 'tracked', path: '/ee/va/v1/ping?configId=bench', limit: TRACKED_LIMIT },
] as const

/**
 * The extension, the plain browser, and the extension with its page hook taken out of the manifest: the third
 * tells what the hook costs apart from Chrome's own webRequest machinery and the worker. And a control: an
 * extension of nothing but webRequest listeners on a URL no request has, for what Chrome charges any such
 * extension on every request.
 */
type SideName = 'with' | 'without' | 'without hook' | 'null extension'

const SIDE_LABEL: Record<SideName, string> = { with: 'with the extension', without: 'no extension', 'without hook': 'the extension without page hook', 'null extension': 'webRequest-only control' }

interface Side {
  name: SideName
  page: Page
  close(): Promise<void>
}

export const pageCostBenchmark: Benchmark = {
  name: 'page cost',
  async run(context: BenchContext): Promise<Result[]> {
    const server = await startServer()
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const sides: Side[] = []
    try {
      sides.push(await withExtension(origin, context.dist), await plainBrowser(origin, 'without', []), await withoutHook(origin, context.dist), await nullExtension(origin))
      for (const side of sides) {
        for (const { path } of KINDS) await side.page.evaluate(fetchLoop, { url: path, count: WARM_UP, body: PING_BODY })
      }
      const ratios = new Map<string, number[]>(KINDS.map(({ kind }) => [kind, []]))
      const hookless = new Map<string, number[]>(KINDS.map(({ kind }) => [kind, []]))
      const control = new Map<string, number[]>(KINDS.map(({ kind }) => [kind, []]))
      const medians = new Map<string, number[]>()
      for (let run = 0; run < context.repeat; run++) {
        const latencies = new Map<string, number[]>()
        for (let block = 0; block < FETCHES / BLOCK; block++) {
          // Alternate which browser goes first in each block.
          const order = sides.map((_, i) => sides[(i + block) % sides.length]!)
          for (const { kind, path } of KINDS) {
            for (const side of order) {
              const key = `${kind} ${side.name}`
              const times = await side.page.evaluate(fetchLoop, { url: path, count: BLOCK, body: PING_BODY })
              latencies.set(key, [...(latencies.get(key) ?? []), ...times])
            }
          }
        }
        for (const { kind } of KINDS) {
          const at = (name: SideName): number => median(latencies.get(`${kind} ${name}`)!)
          for (const side of sides) medians.set(`${kind} ${side.name}`, [...(medians.get(`${kind} ${side.name}`) ?? []), at(side.name)])
          ratios.get(kind)!.push(at('with') / at('without'))
          hookless.get(kind)!.push(at('without hook') / at('without'))
          control.get(kind)!.push(at('null extension') / at('without'))
          context.log(`run ${run + 1}, ${kind}: median ${sides.map((side) => `${at(side.name).toFixed(2)} ms ${side.name}`).join(', ')}`)
        }
      }
      return KINDS.flatMap(({ kind, limit }): Result[] => [
        { metric: `fetch latency with / without the extension, ${kind} URL (${FETCHES} calls)`, unit: 'ratio', samples: ratios.get(kind)!, limit },
        { metric: `  same, the extension without its page hook, ${kind}`, unit: 'ratio', samples: hookless.get(kind)!, limit: null },
        { metric: `  same, an extension of webRequest listeners matching nothing, ${kind}`, unit: 'ratio', samples: control.get(kind)!, limit: null },
        ...sides.map((side): Result => ({ metric: `  median fetch latency, ${kind}, ${SIDE_LABEL[side.name]}`, unit: 'ms', samples: medians.get(`${kind} ${side.name}`)!, limit: null })),
      ])
    } finally {
      for (const side of sides) await side.close()
      server.close()
    }
  },
}

/** Answers every POST at once with 204, as Media Edge answers a ping; GET / is the page. */
async function startServer(): Promise<ReturnType<typeof createServer>> {
  const server = createServer((request, response) => {
    if (request.method === 'GET') {
      response.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>page cost</title>')
      return
    }
    request.resume()
    request.on('end', () => response.writeHead(204).end())
  })
  server.keepAliveTimeout = 60_000
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready))
  return server
}

async function withExtension(origin: string, dist: string): Promise<Side> {
  const browser = await launchWithExtension()
  const page = await browser.context.newPage()
  await page.goto(`${origin}/`)
  // The hook must be in place, or the "with" figures measure a page the extension never touched.
  if (!(await isHooked(page))) throw new Error(`the page hook of ${dist} is not installed in the measured page`)
  return { name: 'with', page, close: () => browser.close() }
}

/** A copy of the build whose manifest loads no content scripts: webRequest and the worker only. */
async function withoutHook(origin: string, dist: string): Promise<Side> {
  const copy = mkdtempSync(join(tmpdir(), 'sessionscope-bench-nohook-'))
  cpSync(dist, copy, { recursive: true })
  const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8')) as Record<string, unknown>
  delete manifest.content_scripts
  writeFileSync(join(copy, 'manifest.json'), JSON.stringify(manifest))
  const side = await plainBrowser(origin, 'without hook', [`--disable-extensions-except=${copy}`, `--load-extension=${copy}`])
  if (await isHooked(side.page)) throw new Error('the page hook is still installed')
  return { ...side, close: async () => { await side.close(); rmSync(copy, { recursive: true, force: true }) } }
}

/** webRequest listeners as Sessionscope registers them (same events, same extra info), on a URL never requested. */
async function nullExtension(origin: string): Promise<Side> {
  const dir = mkdtempSync(join(tmpdir(), 'sessionscope-bench-null-'))
  const manifest = { manifest_version: 3, name: 'webRequest control', version: '1', permissions: ['webRequest'], host_permissions: ['<all_urls>'], background: { service_worker: 'worker.js' } }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest))
  writeFileSync(
    join(dir, 'worker.js'),
    `const filter = { urls: ['*://never.invalid/*'] }
const nothing = () => undefined
chrome.webRequest.onBeforeRequest.addListener(nothing, filter, ['requestBody'])
chrome.webRequest.onBeforeSendHeaders.addListener(nothing, filter, ['requestHeaders', 'extraHeaders'])
chrome.webRequest.onHeadersReceived.addListener(nothing, filter, ['responseHeaders', 'extraHeaders'])
chrome.webRequest.onErrorOccurred.addListener(nothing, filter)
`,
  )
  const side = await plainBrowser(origin, 'null extension', [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`])
  return { ...side, close: async () => { await side.close(); rmSync(dir, { recursive: true, force: true }) } }
}

async function plainBrowser(origin: string, name: SideName, args: string[]): Promise<Side> {
  const profile = mkdtempSync(join(tmpdir(), 'sessionscope-bench-plain-'))
  const context: BrowserContext = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: [...args, ...CHROMIUM_ARGS] })
  const page = await context.newPage()
  await page.goto(`${origin}/`)
  return {
    name,
    page,
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

function isHooked(page: Page): Promise<boolean> {
  return page.evaluate(() => Object.getOwnPropertySymbols(window).some((symbol) => symbol.description === 'sessionscope.hook'))
}
