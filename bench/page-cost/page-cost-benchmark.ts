/**
 * Page cost (issue 8, item 2): what the extension adds to a page's fetch calls. The same page on a local server
 * makes the same POSTs in two headless Chromiums launched with the same flags, one with the extension and one
 * without; the figure is the ratio of their median latencies, for a URL no adapter claims and for a Media Edge
 * ping (which the page hook follows, reading its response, and the worker stores and checks).
 *
 * The browsers take turns in small blocks, so a burst of load on the machine hits them all alike.
 */
import type { AddressInfo } from 'node:net'
import { createServer } from 'node:http'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { launchWithExtension, launchWithoutExtension } from '../../test/e2e/harness/browser'
import type { BenchContext, Benchmark, Result } from '../benchmark'
import { median } from '../benchmark'
import { extensionWorkerStarted, MATCHING_NOTHING, matchingTracked, writeWebRequestControl } from '../webrequest-control'
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
 * tells what the hook costs apart from Chrome's own webRequest machinery and the worker. And two controls: an
 * extension of nothing but webRequest listeners on a URL no request has, for what Chrome charges any such
 * extension on every request, and the same listeners on Sessionscope's own URLs, for what Chrome's dispatch of
 * a matched request costs before any Sessionscope code runs.
 */
type SideName = 'with' | 'without' | 'without hook' | 'null extension' | 'matching control'

const SIDE_LABEL: Record<SideName, string> = {
  with: 'with the extension',
  without: 'no extension',
  'without hook': 'the extension without page hook',
  'null extension': 'webRequest-only control',
  'matching control': 'webRequest-only control matching the tracked URL',
}

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
      sides.push(await withExtension(origin, context.dist), await plainBrowser(origin, 'without', []), await withoutHook(origin, context.dist))
      sides.push(await controlExtension(origin, 'null extension', MATCHING_NOTHING), await controlExtension(origin, 'matching control', matchingTracked()))
      for (const side of sides) {
        for (const { path } of KINDS) await side.page.evaluate(fetchLoop, { url: path, count: WARM_UP, body: PING_BODY })
      }
      const ratios = new Map<string, number[]>(KINDS.map(({ kind }) => [kind, []]))
      const hookless = new Map<string, number[]>(KINDS.map(({ kind }) => [kind, []]))
      const control = new Map<string, number[]>(KINDS.map(({ kind }) => [kind, []]))
      const matchingControl = new Map<string, number[]>(KINDS.map(({ kind }) => [kind, []]))
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
          matchingControl.get(kind)!.push(at('matching control') / at('without'))
          context.log(`run ${run + 1}, ${kind}: median ${sides.map((side) => `${at(side.name).toFixed(2)} ms ${side.name}`).join(', ')}`)
        }
      }
      return KINDS.flatMap(({ kind, limit }): Result[] => [
        { metric: `fetch latency with / without the extension, ${kind} URL (${FETCHES} calls)`, unit: 'ratio', samples: ratios.get(kind)!, limit },
        { metric: `  same, the extension without its page hook, ${kind}`, unit: 'ratio', samples: hookless.get(kind)!, limit: null },
        { metric: `  same, an extension of webRequest listeners matching nothing, ${kind}`, unit: 'ratio', samples: control.get(kind)!, limit: null },
        { metric: `  same, an extension of webRequest listeners matching the tracked URL, ${kind}`, unit: 'ratio', samples: matchingControl.get(kind)!, limit: null },
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
  if (!(await hookReports(browser.context, page))) throw new Error(`the page hook of ${dist} is not installed in the measured page`)
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
  if (await hookReports(side.page.context(), side.page)) throw new Error('the page hook is still installed')
  return { ...side, close: async () => { await side.close(); rmSync(copy, { recursive: true, force: true }) } }
}

/** The webRequest-only control extension (../webrequest-control.ts), its listeners filtered to `urls`. */
async function controlExtension(origin: string, name: SideName, urls: readonly string[]): Promise<Side> {
  const control = writeWebRequestControl(urls)
  const side = await plainBrowser(origin, name, control.args)
  return { ...side, close: async () => { await side.close(); control.remove() } }
}

async function plainBrowser(origin: string, name: SideName, args: string[]): Promise<Side> {
  const browser = await launchWithoutExtension(args)
  // An extension's listeners count only once its worker has registered them.
  if (args.length > 0) await extensionWorkerStarted(browser.context)
  const page = await browser.context.newPage()
  await page.goto(`${origin}/`)
  return { name, page, close: () => browser.close() }
}

/**
 * Whether the page hook reports a tracked request of `page`. A page cannot tell (the hook leaves nothing a page can
 * see), so the worker is asked, through its test API, whether a capture of that request names the hook as a source.
 */
async function hookReports(context: BrowserContext, page: Page): Promise<boolean> {
  const marker = `hook-check-${Date.now()}`
  await page.evaluate((url) => fetch(url, { method: 'POST', body: '{}' }).then((response) => response.text()), `/ee/va/v1/ping?configId=${marker}`)
  const worker = context.serviceWorkers().find((candidate) => candidate.url().startsWith('chrome-extension://'))
  if (worker === undefined) return false
  for (let attempt = 0; attempt < 40; attempt++) {
    const sources = await worker.evaluate(async (wanted) => {
      const api = (globalThis as unknown as { __sessionscope: { dump(): Promise<{ captures: Array<{ url: string; sources: string[] }> }> } }).__sessionscope
      return (await api.dump()).captures.filter((capture) => capture.url.includes(wanted)).flatMap((capture) => capture.sources)
    }, marker)
    if (sources.includes('fetch')) return true
    // webRequest has seen it and the hook has had a second more to join: there is no hook.
    if (sources.includes('webRequest') && attempt >= 10) return false
    await new Promise((wait) => setTimeout(wait, 100))
  }
  return false
}
