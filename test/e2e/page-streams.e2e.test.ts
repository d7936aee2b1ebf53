/**
 * The page's downloads are the page's (issue 16, item 4). The page hook reads a tracked response's body from a
 * clone, and Chrome keeps downloading while either copy is open: so when the page cancels its body after one chunk
 * (with a reader, on the stream, by leaving a `for await` loop, through a failing pipe, or by aborting the fetch),
 * the server must see the connection closed soon after, having sent no more than it sends to Chromium without the
 * extension. A body larger than the capture limit is still captured, cut and marked as cut (body-truncated).
 */
import type { BrowserContext } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { MAX_BODY_CHARS } from '../../src/shared/hook-messages'
import type { ExtensionBrowser, PlainBrowser } from './harness/browser'
import { readDump } from './harness/dump'
import type { ProbeServer } from './harness/probe-server'
import { sentAfter, TRACKED_PATH } from './harness/probe-server'
import { withProbeAndBothBrowsers } from './harness/suite'

/** A slow download: 16 KiB every 50 ms, so reading to the capture limit would take the hook over 3 s. */
const CHUNK = 16 * 1024
const SLOW = `chunk=${CHUNK}&every=50&total=${8 * 1024 * 1024}`
/**
 * How soon after the page's cancel the connection must be closed, and how much more than without the extension may
 * cross it after the cancel (a chunk or two on its way while the hook's copy is stopped; reading on to the limit
 * would be 64 chunks).
 */
const CLOSED_WITHIN_MS = 1_500
const EXTRA_BYTES = 2 * CHUNK

let server: ProbeServer
let extension: ExtensionBrowser
let plain: PlainBrowser

withProbeAndBothBrowsers((s, e, p) => void ([server, extension, plain] = [s, e, p]))

type Cancel = 'reader' | 'stream' | 'iterate' | 'pipe' | 'abort'

/** Fetches a slow tracked body, takes one chunk and cancels it the given way; returns when it did (ms since the epoch). */
async function cancelAfterOneChunk(context: BrowserContext, id: string, how: Cancel): Promise<number> {
  const page = await context.newPage()
  await page.goto(`${server.origin}/pages/hook-probe.html`)
  const url = `${TRACKED_PATH}/stream?configId=probe&id=${id}&${SLOW}`
  const cancelledAt = await page.evaluate(async ([url, how]) => {
    const controller = new AbortController()
    const response = await fetch(url, { signal: controller.signal })
    const body = response.body!
    if (how === 'iterate') {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) if (chunk.length > 0) break
      return Date.now()
    }
    if (how === 'pipe') {
      await body.pipeTo(new WritableStream({ write() { throw new Error('one chunk is enough') } })).catch(() => {})
      return Date.now()
    }
    const reader = body.getReader()
    await reader.read()
    if (how === 'abort') controller.abort()
    else if (how === 'reader') await reader.cancel()
    else {
      reader.releaseLock()
      await body.cancel()
    }
    return Date.now()
  }, [url, how] as const)
  await closed(id)
  await page.close()
  return cancelledAt
}

/** Waits until the server has seen the connection of stream `id` closed (or 10 s). */
async function closed(id: string): Promise<void> {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((wait) => setTimeout(wait, 25))) {
    if (server.streams.get(id)?.closedAt !== null && server.streams.get(id)?.closedAt !== undefined) return
  }
}

describe('a page that cancels a tracked download after one chunk', () => {
  /** What the server sent after the page cancelled, in Chromium without the extension. */
  let baseline: number

  beforeAll(async () => {
    const cancelledAt = await cancelAfterOneChunk(plain.context, 'baseline', 'reader')
    baseline = sentAfter(server.streams.get('baseline')!, cancelledAt)
  })

  it.each<Cancel>(['reader', 'stream', 'iterate', 'pipe', 'abort'])('closes the connection soon after, having sent no more than without the extension (%s)', async (how) => {
    const id = `extension-${how}`
    const cancelledAt = await cancelAfterOneChunk(extension.context, id, how)
    const record = server.streams.get(id)!
    const after = sentAfter(record, cancelledAt)
    console.log(`${how}: closed ${record.closedAt! - cancelledAt} ms after the cancel; ${record.written} bytes sent, ${after} of them after it (without the extension: ${baseline})`)
    expect(record.closedAt! - cancelledAt).toBeLessThan(CLOSED_WITHIN_MS)
    expect(after).toBeLessThanOrEqual(baseline + EXTRA_BYTES)
  })
})

it('cuts a tracked body larger than the capture limit, and marks it cut (body-truncated)', async () => {
  const page = await extension.context.newPage()
  await page.goto(`${server.origin}/pages/hook-probe.html`)
  const total = MAX_BODY_CHARS + 512 * 1024
  const received = await page.evaluate(async (url) => (await (await fetch(url)).text()).length, `${TRACKED_PATH}/stream?configId=probe&id=large&chunk=65536&every=2&total=${total}`)
  expect(received).toBe(total)
  const tabId = await extension.tabIdOf(page)
  const scope = await extension.scopeOfTab(tabId)
  await expect.poll(async () => {
    const dump = await readDump(extension)
    const capture = dump.captures.find((c) => c.scope === scope && c.url.includes('id=large'))
    const body = capture?.response?.body
    return {
      kept: body?.text.length ?? null,
      cut: body?.truncatedFrom !== undefined && body.truncatedFrom > MAX_BODY_CHARS,
      findings: dump.findings.filter((f) => f.scope === scope && f.capture === capture?.seq).map((f) => f.rule),
    }
  }, { timeout: 15_000 }).toEqual({ kept: MAX_BODY_CHARS, cut: true, findings: expect.arrayContaining(['body-truncated']) })
  await page.close()
})
