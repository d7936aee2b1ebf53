/**
 * Memory (issue 8, item 5): the service worker's JS heap once 100,000 events are stored, and what the store
 * takes on disk per event. The events go in as a user's do, through the panel's HAR import; the heap is read
 * over the DevTools protocol after a full garbage collection, so only what the worker keeps is counted.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ExtensionBrowser } from '../../test/e2e/harness/browser'
import { launchWithExtension } from '../../test/e2e/harness/browser'
import type { BenchContext, Benchmark, Result } from '../benchmark'
import { ENGINE_EVENTS_PER_SESSION, ENGINE_SESSIONS } from '../engine/engine-benchmark'
import { mediaEdgeSessions } from '../panel/media-edge-session'
import { importFile } from '../panel/panel-benchmark'
import { DB_NAME } from '../../src/store/schema'
import { workerDevtools } from './worker-devtools'

const HEAP_LIMIT_MB = 50
const MB = 2 ** 20
/** Between heap readings, so timers the import left behind have run. */
const SETTLE_MS = 2_000

export const memoryBenchmark: Benchmark = {
  name: 'memory 100k events',
  async run(context: BenchContext): Promise<Result[]> {
    const { har, facts } = mediaEdgeSessions(ENGINE_SESSIONS, { events: ENGINE_EVENTS_PER_SESSION })
    const events = facts.reduce((sum, f) => sum + f.events, 0)
    const dir = mkdtempSync(join(tmpdir(), 'sessionscope-bench-'))
    // One HAR per session: the panel hands an import to the worker in one runtime message, which Chrome caps at
    // 64 MiB, and the 100,000-event HAR is 89 MB.
    const files = facts.map((_, i) => {
      const file = join(dir, `bench-session-${i + 1}.har`)
      const entries = har.log.entries.slice(i * ENGINE_EVENTS_PER_SESSION, (i + 1) * ENGINE_EVENTS_PER_SESSION)
      writeFileSync(file, JSON.stringify({ log: { ...har.log, entries } }))
      return file
    })
    const browser = await launchWithExtension()
    try {
      const heapBefore = await workerHeap(browser)
      const storeBefore = await storeUsage(browser)
      context.log(`before: worker heap ${heapBefore.toFixed(1)} MB, store ${(storeBefore / MB).toFixed(1)} MB`)
      let ms = 0
      for (const file of files) {
        const imported = await importFile(browser, file)
        ms += imported.ms
        context.log(`imported ${file} in ${Math.round(imported.ms)} ms as ${imported.scope}`)
      }
      const stored = await storedEvents(browser)
      if (stored < events) throw new Error(`the store holds ${stored} events, not the ${events} imported`)
      const heaps: number[] = []
      for (let i = 0; i < context.repeat; i++) {
        await new Promise((settle) => setTimeout(settle, SETTLE_MS))
        heaps.push(await workerHeap(browser))
        context.log(`worker heap ${heaps.at(-1)!.toFixed(1)} MB`)
      }
      const storeAfter = await storeUsage(browser)
      return [
        { metric: `worker JS heap with ${events} stored events`, unit: 'MB', samples: heaps, limit: HEAP_LIMIT_MB },
        { metric: '  worker JS heap before the import', unit: 'MB', samples: [heapBefore], limit: null },
        { metric: '  store size per event (storage.estimate)', unit: 'bytes', samples: [(storeAfter - storeBefore) / events], limit: null },
        { metric: '  store size, all events', unit: 'MB', samples: [(storeAfter - storeBefore) / MB], limit: null },
        { metric: `  import of ${files.length} HARs of ${ENGINE_EVENTS_PER_SESSION} events (stored)`, unit: 'ms', samples: [ms], limit: null },
      ]
    } finally {
      await browser.close()
      rmSync(dir, { recursive: true, force: true })
    }
  },
}

/** Used JS heap after a full collection, MB. */
export async function workerHeap(browser: ExtensionBrowser): Promise<number> {
  const devtools = await workerDevtools(browser)
  try {
    await devtools.send('HeapProfiler.collectGarbage')
    const { usedSize } = await devtools.send<{ usedSize: number }>('Runtime.getHeapUsage')
    return usedSize / MB
  } finally {
    await devtools.detach()
  }
}

/** What the extension's origin uses on disk (IndexedDB and the rest), bytes, as an extension page sees it. */
async function storeUsage(browser: ExtensionBrowser): Promise<number> {
  const page = await browser.openExtensionPage('src/popup/popup.html?tabId=-1')
  try {
    return await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0)
  } finally {
    await page.close()
  }
}

/** Events in the extension's IndexedDB, counted from an extension page (the same origin as the worker). */
async function storedEvents(browser: ExtensionBrowser): Promise<number> {
  const page = await browser.openExtensionPage('src/popup/popup.html?tabId=-1')
  try {
    return await page.evaluate(DB_NAME => new Promise<number>((resolve, reject) => {
      const open = indexedDB.open(DB_NAME)
      open.onerror = () => reject(open.error!)
      open.onsuccess = () => {
        const db = open.result
        const count = db.transaction('events').objectStore('events').count()
        count.onsuccess = () => { db.close(); resolve(count.result) }
        count.onerror = () => reject(count.error!)
      }
    }), DB_NAME)
  } finally {
    await page.close()
  }
}
