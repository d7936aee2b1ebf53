import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { serialQueue } from '../../../src/background/serial-queue'
import { FLUSH_DELAY_MS, writeBatcher } from '../../../src/background/write-batcher'

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
