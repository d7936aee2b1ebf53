import { describe, expect, it } from 'vitest'
import { REDACTED, redactValue } from '../../../src/report/redact'

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJhcGlrZXkiOiJrIn0.c2VjcmV0LXNpZ25hdHVyZQ'
const REDACTED_JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJhcGlrZXkiOiJrIn0.redacted'

describe('redactValue', () => {
  it('replaces secret-named fields at any depth and keeps everything else', () => {
    const input = { body: { password: 'hunter2', roomId: 'R', nested: [{ accessToken: 42, note: 'fine' }] }, count: 3, ok: true, none: null }
    expect(redactValue(input)).toEqual({ body: { password: REDACTED, roomId: 'R', nested: [{ accessToken: REDACTED, note: 'fine' }] }, count: 3, ok: true, none: null })
    expect(input.body.password).toBe('hunter2')
  })

  it('cuts JWT signatures from any string, and keeps the scheme of a secret header', () => {
    expect(redactValue({ headers: { Authorization: `Bearer ${JWT}`, 'X-Api-Key': 'k-123' }, link: `https://x/?t=${JWT}` })).toEqual({
      headers: { Authorization: `Bearer ${REDACTED_JWT}`, 'X-Api-Key': REDACTED },
      link: `https://x/?t=${REDACTED_JWT}`,
    })
    expect(redactValue({ Authorization: 'Basic dXNlcjpwYXNz' })).toEqual({ Authorization: `Basic ${REDACTED}` })
    expect(redactValue({ cookie: 'a=1; b=2' })).toEqual({ cookie: `a=${REDACTED}; b=${REDACTED}` })
  })

  it('redacts secrets inside JSON text and form text held in strings', () => {
    expect(redactValue(['{"password":"p"}', 'user=a&secret=s'])).toEqual([`{"password":"${REDACTED}"}`, 'user=a&secret=%5Bredacted%5D'])
  })

  it('treats the extra secret names like the built-in ones, in any case, as fields and inside JSON and form text', () => {
    const input = { xdm: { mediaCollection: { DeviceKey: 'dk-1', playhead: 3, pin: 1234 } }, raw: '{"deviceKey":"dk-2"}', form: 'devicekey=dk-3&page=2', other: 'dk-4' }
    expect(redactValue(input, ['deviceKey', 'PIN'])).toEqual({
      xdm: { mediaCollection: { DeviceKey: REDACTED, playhead: 3, pin: REDACTED } },
      raw: `{"deviceKey":"${REDACTED}"}`,
      form: 'devicekey=%5Bredacted%5D&page=2',
      other: 'dk-4',
    })
    expect(redactValue(input)).toEqual(input)
  })

  it('an extra name that is a header keeps nothing of its value', () => {
    expect(redactValue({ headers: { 'X-Session-Key': 'Bearer sk-1' } }, ['x-session-key'])).toEqual({ headers: { 'X-Session-Key': REDACTED } })
  })

  it('replaces the items of arrays under secret names and numbers in any spelling, and keeps a decoded token', () => {
    const input = { api_key: 12345678, sessionTokens: ['t1', 't2'], token: { header: { alg: 'HS256' }, claims: { apikey: 'k', exp: 1 } }, referer: 'https://x.example/?access_token=t3', sessionID: 's' }
    expect(redactValue(input)).toEqual({
      api_key: REDACTED,
      sessionTokens: [REDACTED, REDACTED],
      // The adapter's reading of a JWT (header and claims) is what the checks show: it stays.
      token: { header: { alg: 'HS256' }, claims: { apikey: 'k', exp: 1 } },
      referer: `https://x.example/?access_token=${encodeURIComponent(REDACTED)}`,
      sessionID: 's',
    })
  })
})
