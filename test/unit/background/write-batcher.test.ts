import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { serialQueue } from '../../../src/background/serial-queue'
import { storageRefusal } from '../../../src/background/storage-refusal'
import { PIPELINE_LIMITS } from '../../../src/background/pipeline-limits'
import { FLUSH_DELAY_MS, writeBatcher } from '../../../src/background/write-batcher'
import { testPlatform } from './test-platform'

describe('write batcher', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('writes a burst of scheduled changes once, after the batching delay', async () => {
    const writes: boolean[] = []
    const batcher = writeBatcher(serialQueue(), async (everything) => void writes.push(everything), () => 0, () => {})
    batcher.schedule()
    batcher.schedule()
    await vi.advanceTimersByTimeAsync(FLUSH_DELAY_MS - 1)
    expect(writes).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(writes).toEqual([false])
  })

  it('keeps the sooner of two scheduled writes, and writing now cancels the scheduled one', async () => {
    const writes: boolean[] = []
    const batcher = writeBatcher(serialQueue(), async (everything) => void writes.push(everything), () => 0, () => {})
    batcher.schedule(5)
    batcher.schedule(1000)
    await vi.advanceTimersByTimeAsync(5)
    expect(writes).toEqual([false])
    batcher.schedule()
    await batcher.now()
    await vi.advanceTimersByTimeAsync(FLUSH_DELAY_MS * 2)
    expect(writes).toEqual([false, true])
  })

  it('waits the storage retry delay on top of the batching delay', async () => {
    const writes: boolean[] = []
    const batcher = writeBatcher(serialQueue(), async (everything) => void writes.push(everything), () => 1000, () => {})
    batcher.schedule()
    await vi.advanceTimersByTimeAsync(FLUSH_DELAY_MS)
    expect(writes).toEqual([])
    await vi.advanceTimersByTimeAsync(1000)
    expect(writes).toEqual([false])
  })
})

describe('storage refusal', () => {
  it('holds up to the bound while refused, backs off doubling, and ends with a successful write', () => {
    const logged: unknown[] = []
    const refusal = storageRefusal(testPlatform(7, { log: (error) => void logged.push(error) }), { ...PIPELINE_LIMITS, heldChars: 100 })
    expect(refusal.succeeded()).toBe(false)
    expect(refusal.refused('full', () => 60)).toBe(7)
    expect(refusal.refused('full again', () => 0)).toBe(7)
    expect(logged).toEqual(['full'])
    expect(refusal.retryDelay).toBe(2000)
    expect(refusal.hold(40)).toBe(true)
    expect(refusal.hold(1)).toBe(false)
    expect(refusal.succeeded()).toBe(true)
    expect([refusal.since, refusal.retryDelay]).toEqual([null, 0])
    expect(refusal.hold(100)).toBe(true)
  })
})
