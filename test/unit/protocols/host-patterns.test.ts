import { describe, expect, it } from 'vitest'
import { adapterForUrl, decodeCapture } from '../../../src/protocols'
import { hostMatches, hostPatternProblem } from '../../../src/protocols/host-patterns'

describe('host patterns', () => {
  it.each([
    ['https://api.example.com/x', 'api.example.com', true],
    ['https://API.Example.com/x', 'api.example.com', true],
    ['https://a.b.example.com/x', '*.example.com', true],
    ['https://example.com/x', '*.example.com', false],
    ['https://evil-example.com/x', '*.example.com', false],
    ['http://127.0.0.1:8443/x', '127.0.0.1:8443', true],
    ['http://127.0.0.1:9000/x', '127.0.0.1:8443', false],
    ['http://127.0.0.1:9000/x', '127.0.0.1', true],
    ['http://127.0.0.1:9000/x', '127.0.0.1:*', true],
  ])('%s against %s: %s', (url, pattern, expected) => {
    expect(hostMatches(new URL(url), [pattern])).toBe(expected)
  })

  it('explains a pattern that is not a host', () => {
    expect(hostPatternProblem('https://api.example.com/path')).toMatch(/is not a host/)
    expect(hostPatternProblem('*.example.com')).toBeNull()
    expect(hostPatternProblem('10.0.0.1:443')).toBeNull()
  })

  it('lets configured hosts claim traffic the vendors\' own hosts would not', () => {
    const url = 'https://metrics.example.com/?s:event:type=play&s:event:sid=1'
    expect(adapterForUrl(url)).toBeUndefined()
    expect(adapterForUrl(url, { 'adobe-heartbeat': ['metrics.example.com'] })?.id).toBe('adobe-heartbeat')
    const capture = { seq: 0, url, method: 'GET', requestHeaders: [], requestBody: null, response: null, observedAt: 0, tabId: null, frameId: null }
    expect(decodeCapture(capture).events).toEqual([])
    expect(decodeCapture(capture, { 'adobe-heartbeat': ['metrics.example.com'] }).events.map((e) => e.type)).toEqual(['play'])
  })

  it('matches a URL it has just matched again under other host settings', () => {
    const url = 'https://metrics.example.com/?s:event:type=play&s:event:sid=1'
    const capture = { seq: 0, url, method: 'GET', requestHeaders: [], requestBody: null, response: null, observedAt: 0, tabId: null, frameId: null }
    const withHost = { 'adobe-heartbeat': ['metrics.example.com'] }
    const without = {}
    const types = (hosts: object) => decodeCapture(capture, hosts).events.map((e) => e.type)
    expect([types(withHost), types(withHost), types(without), types(without), types(withHost)]).toEqual([['play'], ['play'], [], [], ['play']])
    expect(decodeCapture({ ...capture, url: 'https://metrics.example.com/?s:event:type=pause&s:event:sid=1' }, withHost).events.map((e) => e.type)).toEqual(['pauseStart'])
  })
})
