import { describe, expect, it } from 'vitest'
import type { EventRecord } from '../../../src/store/records'
import { packEvent, PackedDetails, unpackDetails } from '../../../src/ui/packed-details'

const record = (details: unknown): EventRecord => ({
  scope: 's', capture: 1, ordinal: 0, frame: null, sessionKey: 'k', position: 1, protocol: 'adobe-media-edge', type: 'ping',
  role: 'event', sessionId: 'sid', playhead: 1, clientTime: null, observedAt: 0, details,
})

describe('packed event details', () => {
  it('keeps a payload tree as one JSON string and gives the same tree back', () => {
    const details = { eventType: 'media.ping', mediaCollection: { playhead: 1, list: [1, 'two', { three: null }] }, note: '<b>"x"</b>' }
    const packed = packEvent(record(details))
    expect(packed.details).toBeInstanceOf(PackedDetails)
    expect(Object.values(packed.details as object).every((value) => typeof value !== 'object')).toBe(true)
    expect(unpackDetails(packed.details)).toEqual(details)
    expect({ ...packed, details: undefined }).toEqual({ ...record(details), details: undefined })
  })

  it('leaves what is not a tree, or cannot be JSON, as it is', () => {
    expect(packEvent(record(null)).details).toBeNull()
    expect(packEvent(record('text')).details).toBe('text')
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(packEvent(record(cyclic)).details).toBe(cyclic)
    expect(unpackDetails('plain')).toBe('plain')
  })
})
