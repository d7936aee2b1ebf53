import { describe, expect, it } from 'vitest'
import { PIPELINE_LIMITS } from '../../../src/background/pipeline-limits'
import { storageRefusal } from '../../../src/background/storage-refusal'
import { testPlatform } from './test-platform'

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
