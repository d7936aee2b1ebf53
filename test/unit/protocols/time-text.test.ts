import { describe, expect, it } from 'vitest'
import { durationText, parseTime } from '../../../src/protocols/time-text'

/** A deterministic pseudo-random sequence, so a failure names inputs that fail again. */
function randomSource(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state / 2 ** 31
  }
}

describe('parseTime', () => {
  it('reads what toISOString writes exactly as Date.parse does', () => {
    const random = randomSource(7)
    for (let i = 0; i < 5_000; i++) {
      const text = new Date(Math.floor(random() * 8.64e15 * 2 - 8.64e15)).toISOString()
      expect([text, parseTime(text)]).toEqual([text, Date.parse(text)])
    }
  })

  it.each([
    '2026-02-30T00:00:00.000Z', '2026-04-31T23:59:59.999Z', '2024-02-29T12:00:00.000Z', '2026-13-01T00:00:00.000Z',
    '2026-00-10T00:00:00.000Z', '2026-01-00T00:00:00.000Z', '2026-01-32T00:00:00.000Z', '2026-01-01T24:00:00.000Z',
    '2026-01-01T24:00:01.000Z', '2026-01-01T23:60:00.000Z', '2026-01-01T23:59:60.000Z', '0099-01-01T00:00:00.000Z',
    '0999-12-31T23:59:59.999Z', '1000-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000+', '2026-01-01 00:00:00.000Z',
    '2026-01-01T00:00:00,000Z', '2026/01/01T00:00:00.000Z', '2026-01-01T00:00:00.00AZ', '2026-0a-01T00:00:00.000Z',
    '+02026-01-01T00:00:00.000', '2026-01-01T00:00:00.000z', '２０２６-01-01T00:00:00.000Z', '2026-01-01T00:00:00Z',
    '2026-01-01T00:00:00.000+01:00', 'Thu, 01 Jan 2026 00:00:00 GMT', '', 'not a time at all, 24 chars',
  ])('%j as Date.parse reads it', (text) => {
    expect(parseTime(text)).toBe(Date.parse(text))
  })

  it('agrees with Date.parse on canonical text with any character changed', () => {
    const random = randomSource(11)
    const characters = '0123456789-T:.Z+ /9x\u0660'
    for (let i = 0; i < 5_000; i++) {
      const chars = [...new Date(Math.floor(random() * 4e12)).toISOString()]
      chars[Math.floor(random() * chars.length)] = characters[Math.floor(random() * characters.length)]!
      const text = chars.join('')
      expect([text, parseTime(text)]).toEqual([text, Date.parse(text)])
    }
  })

  it('agrees with Date.parse within a minute it has read, on any second and with any character after the minute changed', () => {
    const random = randomSource(13)
    const characters = '0123456789-T:.Z+ /9x\u0660'
    for (let i = 0; i < 2_000; i++) {
      const read = new Date(Math.floor(random() * 4e12)).toISOString()
      parseTime(read)
      const chars = [...read]
      chars[17] = String(Math.floor(random() * 7))
      chars[16 + Math.floor(random() * 8)] = characters[Math.floor(random() * characters.length)]!
      const text = chars.join('')
      expect([read, text, parseTime(text)]).toEqual([read, text, Date.parse(text)])
    }
  })
})

describe('durationText', () => {
  it('reads in the units a person would say', () => {
    expect([17.4, 3500, 30_000, 60_100, 178_000, 600_000, 119_700, 86_400_000, 3_900_000].map(durationText))
      .toEqual(['17 ms', '3.5 s', '30 s', '1 min', '2 min 58 s', '10 min', '2 min', '24 h', '1 h 5 min'])
  })
})
