import { describe, expect, it } from 'vitest'
import { parseJsonBody, parseJsonRecords } from '../../../src/protocols/json-body'

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

describe('parseJsonRecords', () => {
  it('reads one document, or a stream of records framed by NUL, RS or line feeds', () => {
    expect(parseJsonRecords({ text: '{"a":1}' })).toEqual({ ok: true, values: [{ a: 1 }] })
    expect(parseJsonRecords({ text: '\u0000{"a":1}\n\u0000{"b":2}\n' })).toEqual({ ok: true, values: [{ a: 1 }, { b: 2 }] })
    expect(parseJsonRecords({ text: '\u001e{"a":1}\n\u001e{"b":2}\n' })).toEqual({ ok: true, values: [{ a: 1 }, { b: 2 }] })
    expect(parseJsonRecords({ text: '{"a":1}\n{"b":2}\n' })).toEqual({ ok: true, values: [{ a: 1 }, { b: 2 }] })
  })
  it('skips a record cut off, and fails like parseJsonBody when nothing is readable', () => {
    expect(parseJsonRecords({ text: '\u0000{"a":1}\n\u0000{"b":' })).toEqual({ ok: true, values: [{ a: 1 }] })
    expect(parseJsonRecords({ text: '{"a":' })).toEqual(parseJsonBody({ text: '{"a":' }))
    expect(parseJsonRecords({ text: '[1,\n2' })).toEqual(parseJsonBody({ text: '[1,\n2' }))
    // A stream cut at the capture limit keeps its whole records; a cut document is still refused as cut.
    expect(parseJsonRecords({ text: '\u0000{"a":1}\n\u0000{"b":[', truncatedFrom: 2_000_000 })).toEqual({ ok: true, values: [{ a: 1 }] })
    expect(parseJsonRecords({ text: '{"a":[1,', truncatedFrom: 2_000_000 })).toMatchObject({ ok: false, reason: expect.stringContaining('truncated') })
  })
})
