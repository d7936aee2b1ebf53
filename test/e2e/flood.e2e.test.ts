/**
 * A hostile page cannot stall the worker: it floods a socket whose frames carry `"@class"` (1,000 frames of
 * 20 kB, as fast as it can) while a player on another site pings every 250 ms. Each ping is stored and checked
 * within 2 s of leaving the page; the flooded socket keeps its first 8 MiB of frames and reports the rest as
 * capture-dropped, counted; both tabs' stored verdicts are those of a replay of their stored captures; and the
 * worker's JS heap after the flood stays far below what keeping the whole flood would take.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { FLOOD } from '../../bench/flood/flood-benchmark'
import type { FloodRun } from '../../bench/flood/flood-run'
import { floodHostRules, floodWhilePinging } from '../../bench/flood/flood-run'
import type { BurstServer } from '../../bench/ingest/burst-server'
import { startBurstServer } from '../../bench/ingest/burst-server'
import { workerHeap } from '../../bench/memory/memory-benchmark'
import { MAX_SOCKET_CHARS } from '../../src/shared/hook-messages'
import { replay } from '../../src/session/replay'
import type { ExtensionBrowser } from './harness/browser'
import { launchWithExtension } from './harness/browser'
import type { Dump } from './harness/dump'
import { readDump } from './harness/dump'

/** Issue 16: the other tab's tracking is stored and checked within 2 s of each request. */
const DELAY_LIMIT_MS = 2_000
/** Keeping the whole flood would take its 19 MiB of frames twice (the frames and their parsed payloads). */
const HEAP_LIMIT_MB = 40

let server: BurstServer
let browser: ExtensionBrowser
let heapBefore = 0
let run: FloodRun

beforeAll(async () => {
  server = await startBurstServer()
  browser = await launchWithExtension(floodHostRules(server))
  heapBefore = await workerHeap(browser)
  run = await floodWhilePinging(browser, { ...FLOOD, quietMs: 2_000 })
}, 180_000)
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** A scope's stored findings and the findings of a replay of its stored captures, each as `rule@capture/ordinal`. */
function verdicts(dump: Dump, scope: string): { stored: string[]; replayed: string[] } {
  const captures = dump.captures.filter((capture) => capture.scope === scope)
  const stored = dump.findings.filter((finding) => finding.scope === scope).map((f) => `${f.rule}@${f.capture}/${f.ordinal}`).sort()
  const replayed = replay(captures).findings.filter((f) => f.at !== null).map((f) => `${f.rule}@${f.at!.capture}/${f.at!.ordinal ?? -1}`).sort()
  return { stored, replayed }
}

it('stores and checks every ping of another tab within 2 s while a page floods a socket', () => {
  expect(server.socketFrames().frames).toBe(FLOOD.frames)
  const delays = run.sent.map((at, i) => run.storedAt[i]! - at)
  console.log(`[flood] pings stored and checked after ${delays.join(', ')} ms; the flooded tab quiet ${run.floodChangedAt - run.times.firstAt} ms after its first frame`)
  expect(delays).toHaveLength(FLOOD.pings + 1)
  expect(delays.filter((delay) => delay > DELAY_LIMIT_MS)).toEqual([])
})

it('keeps the socket’s first 8 MiB of frames, counts the rest as dropped, and judges both tabs as a replay does', async () => {
  const dump = await readDump(browser)
  const [socket, ...others] = dump.captures.filter((capture) => capture.scope === run.floodScope)
  expect(others).toEqual([])
  const kept = Math.floor(MAX_SOCKET_CHARS / FLOOD.frameChars)
  expect(socket!.frames).toHaveLength(kept)
  expect(socket!.frames!.every((frame) => frame.data.length === FLOOD.frameChars)).toBe(true)
  expect(socket!.drops).toMatchObject({ frames: FLOOD.frames - kept, frameChars: (FLOOD.frames - kept) * FLOOD.frameChars, causes: ['socket'] })
  expect(socket!.dropped).toBe(`${FLOOD.frames - kept} later frames (${(((FLOOD.frames - kept) * FLOOD.frameChars) / 2 ** 20).toFixed(1)} MiB) of this socket were dropped: the socket reached its capture limit of 20,000 frames or 8 MiB`)
  const flooded = verdicts(dump, run.floodScope)
  expect(flooded.stored.filter((finding) => finding.startsWith('capture-dropped@'))).toEqual([`capture-dropped@${socket!.seq}/-1`])
  expect(flooded.stored).toEqual(flooded.replayed)
  expect(dump.events.filter((event) => event.scope === run.floodScope)).toHaveLength(kept)

  const player = verdicts(dump, run.playerScope)
  expect(player.stored).toEqual(player.replayed)
  expect(player.stored.filter((finding) => finding.startsWith('capture-dropped@'))).toEqual([])
  expect(dump.captures.filter((capture) => capture.scope === run.playerScope)).toHaveLength(FLOOD.pings + 1)
})

it('holds the worker’s JS heap far below the flood’s size', async () => {
  const heap = await workerHeap(browser)
  console.log(`[flood] worker JS heap ${heapBefore.toFixed(1)} MB before, ${heap.toFixed(1)} MB after`)
  expect(heap).toBeLessThan(HEAP_LIMIT_MB)
})
