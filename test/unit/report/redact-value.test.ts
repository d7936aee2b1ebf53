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
})
