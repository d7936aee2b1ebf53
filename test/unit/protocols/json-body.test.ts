import { describe, expect, it } from 'vitest'
import { parseJsonBody } from '../../../src/protocols/json-body'

describe('parseJsonBody', () => {
  it.each([
    ['', 'the body is empty'],
    [' \n\t\r ', 'the body is empty'],
    ['{', 'the body is not valid JSON'],
    [' {"events": [] ', 'the body is not valid JSON'],
  ])('%j: %s', (text, reason) => {
    const parsed = parseJsonBody({ text })
    expect(parsed.ok).toBe(false)
    expect(parsed.ok ? null : parsed.reason).toContain(reason)
  })

  it('reads JSON with blanks around it, base64 bodies, and refuses bodies cut at capture', () => {
    expect(parseJsonBody({ text: ' \n{"events":[1]}\n' })).toEqual({ ok: true, value: { events: [1] } })
    expect(parseJsonBody({ text: Buffer.from('{"a":"é"}').toString('base64'), encoding: 'base64' })).toEqual({ ok: true, value: { a: 'é' } })
    expect(parseJsonBody({ text: '{"a":', truncatedFrom: 70_000 })).toEqual({ ok: false, reason: 'the body was truncated at capture (70000 bytes), so it cannot be decoded' })
  })
})
