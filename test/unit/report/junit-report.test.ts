/** The JUnit builder (and the text report) on hand-made reports: names, locations, counts, and escaping of anything a page can send. */
import { Window } from 'happy-dom'
import { expect, it } from 'vitest'
import type { JsonFinding, JsonReport, JsonSession } from '../../../src/report/json-report'
import { toJunitReport } from '../../../src/report/junit-report'
import { toTextReport } from '../../../src/report/text-report'

const session = (key: string, extra: Partial<JsonSession> = {}): JsonSession => ({
  key, protocol: 'adobe-media-collection', sessionId: null, state: 'active', startedAt: null, lastEventAt: null, events: 1, errors: 0, warnings: 0, infos: 0, ...extra,
})
const finding = (extra: Partial<JsonFinding>): JsonFinding => ({
  rule: 'invalid-field-value', severity: 'warning', sessionKey: null, entry: null, frame: null, message: 'm', docs: 'https://example.com/doc?a=1&b=2', ...extra,
})
const report = (sessions: JsonSession[], findings: JsonFinding[]): JsonReport => ({
  tool: { name: 'sessionscope', version: '0.1.0' }, summary: { requests: 0, events: 0, sessions: sessions.length, errors: 0, warnings: 0, infos: 0 }, sessions, findings,
})

function parse(xml: string): Document {
  expect(xml).not.toMatch(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u)
  const document = new new Window().DOMParser().parseFromString(xml, 'application/xml') as unknown as Document
  expect(document.getElementsByTagName('parsererror')).toHaveLength(0)
  return document
}

it('names sessions without an ID by their key, shows WebSocket frames and session-wide findings, and counts testcases', () => {
  const xml = toJunitReport([{ file: 'a&b.har', report: report([session('k1'), session('k2', { sessionId: 'S2', protocol: 'adobe-media-edge' })], [
    finding({ sessionKey: 'k1', severity: 'error', entry: 4, frame: 2 }),
    finding({ sessionKey: 'k1', severity: 'error', rule: 'session-expired-idle' }),
    finding({ sessionKey: 'k1', severity: 'info', entry: 5 }),
    finding({ sessionKey: 'gone', severity: 'error', entry: 9 }),
  ]) }], 'error')
  const document = parse(xml)
  expect(document.documentElement.getAttribute('failures')).toBe('2')
  const [first, second, loose] = [...document.getElementsByTagName('testcase')]
  expect([first!.getAttribute('name'), second!.getAttribute('name'), loose!.getAttribute('name')]).toEqual(['adobe-media-collection k1', 'adobe-media-edge S2', 'findings not attached to a session'])
  expect(first!.getAttribute('classname')).toBe('a&b.har')
  const bodies = [...first!.getElementsByTagName('failure')].map((f) => f.textContent)
  expect(bodies[0]).toBe('invalid-field-value: m\nseverity: error\nentry: 4, WebSocket frame 2\ndocs: https://example.com/doc?a=1&b=2')
  expect(bodies[1]).toContain('entry: none (about the session as a whole)')
  expect(first!.getElementsByTagName('system-out')[0]!.textContent).toBe('info invalid-field-value (entry 5): m\ndocs: https://example.com/doc?a=1&b=2')
  expect(document.getElementsByTagName('testsuite')[0]!.getAttribute('tests')).toBe('3')
  expect(toJunitReport([], 'error')).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="sessionscope" tests="0" failures="0" errors="0" skipped="0">\n</testsuites>\n')
})

it('keeps line breaks and tabs of messages in attributes, and writes forbidden characters visibly', () => {
  const message = 'line 1\r\nline 2\tcol <b>&amp;</b> \u0000\u0008\u000b\u000c\u001f\u007f\u009f\udc00\ud83d\ude00 ]]> \' "'
  const document = parse(toJunitReport([{ file: 'x.har', report: report([], [finding({ message, severity: 'error', entry: 0 })]) }], 'warning'))
  const failure = document.getElementsByTagName('failure')[0]!
  const shown = 'line 1\r\nline 2\tcol <b>&amp;</b> \\u0000\\u0008\\u000b\\u000c\\u001f\\u007f\\u009f\\udc00😀 ]]> \' "'
  expect(failure.getAttribute('message')).toBe(`invalid-field-value: ${shown}`)
  expect(failure.textContent).toContain(`invalid-field-value: ${shown}\nseverity: error`)
})

it('says how many times a repeated finding occurred, and where, as the text report does', () => {
  const entries = [3, 5, 7, 9, 11, 13, 15]
  const repeated = finding({ sessionKey: 'k1', severity: 'error', entry: 3, entries, count: entries.length })
  const xml = toJunitReport([{ file: 'a.har', report: report([session('k1')], [repeated, { ...repeated, severity: 'info' }]) }], 'error')
  const document = parse(xml)
  expect(document.getElementsByTagName('failure')[0]!.textContent).toContain('occurrences: 7 times, in entries 3, 5, 7, 9, 11 and 2 more')
  expect(document.getElementsByTagName('system-out')[0]!.textContent).toBe('info invalid-field-value (7 times, in entries 3, 5, 7, 9, 11 and 2 more): m\ndocs: https://example.com/doc?a=1&b=2')
  const text = toTextReport([{ file: 'a.har', report: report([session('k1')], [repeated]) }], false)
  expect(text).toContain('✖ error invalid-field-value (7 times, in entries 3, 5, 7, 9, 11 and 2 more)')
})
