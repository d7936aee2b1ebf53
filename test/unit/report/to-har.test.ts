import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import type { CapturedRequest } from '../../../src/protocols/captured-request'
import { fromHar } from '../../../src/report/from-har'
import { toJsonReport } from '../../../src/report/json-report'
import { REDACTED, redactCapture, redactText, redactUrl } from '../../../src/report/redact'
import { toHar } from '../../../src/report/to-har'
import { replay } from '../../../src/session/replay'
import { DEFAULT_SETTINGS } from '../../../src/session/settings'
import { DEFAULT_USER_SETTINGS } from '../../../src/session/user-settings'

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures')
/** Every HAR under test/fixtures: the golden fixtures and the corpus of the vendors' own SDKs. */
const fixtureFiles = readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.har'))
  .sort()
  .map((name) => join(FIXTURES, name))

/** HAR 1.2 as published in har-schema (the schema behind har-validator). */
function harValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false })
  addFormats(ajv)
  ajv.addMetaSchema({ $id: 'http://json-schema.org/draft-06/schema#', $schema: 'http://json-schema.org/draft-07/schema#' })
  const dir = join(import.meta.dirname, '..', '..', '..', 'node_modules', 'har-schema', 'lib')
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) ajv.addSchema(JSON.parse(readFileSync(join(dir, name), 'utf8')))
  return ajv.getSchema('har.json#')!
}
const validate = harValidator()

function exported(captures: CapturedRequest[], observedUntil: number, redact = true) {
  return toHar({ captures, settings: DEFAULT_SETTINGS, userSettings: DEFAULT_USER_SETTINGS, observedUntil, redact, source: 'a test' })
}

/** Everything a reader compares: rule, severity, where, which session, what it says. */
function findingsOf(har: string | object) {
  const capture = fromHar(har)
  return toJsonReport(replay(capture.captures, DEFAULT_SETTINGS, capture.observedUntil)).findings
}

describe('HAR export', () => {
  it('the schema check itself rejects an invalid HAR (negative timings)', () => {
    const [file] = fixtureFiles
    const har = JSON.parse(readFileSync(file!, 'utf8'))
    har.log.entries[0].timings.send = -1
    delete har.log.creator
    expect(validate(har)).toBe(false)
  })

  it('writes valid HAR 1.2 for every golden fixture', () => {
    for (const file of fixtureFiles) {
      const { captures, observedUntil } = fromHar(readFileSync(file, 'utf8'))
      const { har } = exported(captures, observedUntil ?? 0)
      expect(validate(JSON.parse(JSON.stringify(har))), `${file}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true)
      for (const entry of har.log.entries) expect(Math.min(entry.timings.send ?? -1, entry.timings.wait, entry.timings.receive)).toBeGreaterThanOrEqual(0)
    }
  })

  it('reads back to exactly the same findings, redacted or not, for every golden fixture and corpus capture', () => {
    expect(fixtureFiles.filter((file) => file.includes(join('fixtures', 'corpus'))).length).toBeGreaterThan(60)
    expect(fixtureFiles.length).toBeGreaterThan(100)
    for (const file of fixtureFiles) {
      const original = findingsOf(readFileSync(file, 'utf8'))
      const { captures, observedUntil } = fromHar(readFileSync(file, 'utf8'))
      for (const redact of [true, false]) {
        const { har, report } = exported(captures, observedUntil ?? 0, redact)
        const text = JSON.stringify(har)
        expect(findingsOf(text), `${file} redact=${redact}`).toEqual(original)
        expect(report.findings, `${file}: log._sessionscope`).toEqual(original)
      }
    }
  })

  it('annotates entries with their events and findings, and the log with the report', () => {
    const file = fixtureFiles.find((f) => f.endsWith(join('adobe-media-edge', 'event-after-session-end.har')))!
    const { captures, observedUntil } = fromHar(readFileSync(file, 'utf8'))
    const { har } = exported(captures, observedUntil ?? 0)
    const last = har.log.entries.at(-1) as unknown as { _sessionscope: unknown }
    expect(last._sessionscope).toEqual({
      protocol: 'adobe-media-edge', sessionKey: 'adobe-media-edge:e9f2c8a4b7d14c3e8a6f0b2d4c6e8a01',
      events: [{ type: 'ping', playhead: 17, findings: ['event-after-session-end'] }], findings: [], responseSeen: true,
    })
    const log = har.log as unknown as { _sessionscope: Record<string, unknown>; comment: string }
    expect(log._sessionscope).toMatchObject({ tool: { name: 'sessionscope' }, summary: { errors: 1 }, observedUntil: expect.any(String), settings: DEFAULT_USER_SETTINGS, redacted: true })
    expect(log.comment).toContain('secrets redacted')
  })

  it("names each request's type the way Chrome's own exports do", () => {
    const base: CapturedRequest = { seq: 0, url: 'https://e/ee/va/v1/play', method: 'POST', requestHeaders: [], requestBody: null, response: null, observedAt: 0, tabId: 1, frameId: 0 }
    const typed = [
      { ...base, sources: ['webRequest', 'fetch'], resourceType: 'xmlhttprequest' },
      { ...base, sources: ['webRequest', 'xhr'], resourceType: 'xmlhttprequest' },
      { ...base, sources: ['webRequest', 'beacon'], resourceType: 'ping' },
      { ...base, sources: ['webRequest'], resourceType: 'image' },
      { ...base, sources: ['har'] },
      // Firefox's webRequest types a beacon 'beacon'.
      { ...base, sources: ['webRequest'], resourceType: 'beacon' },
    ]
    const { har } = toHar({ captures: typed, settings: DEFAULT_SETTINGS, userSettings: DEFAULT_USER_SETTINGS, observedUntil: 0, redact: true })
    expect(har.log.entries.map((entry) => (entry as unknown as { _resourceType?: string })._resourceType)).toEqual(['fetch', 'xhr', 'ping', 'image', undefined, 'ping'])
  })

  it('keeps "no response seen" apart from "the request failed"', () => {
    const start: CapturedRequest = {
      seq: 0, url: 'https://edge.adobedc.net/ee/va/v1/sessionStart?configId=x', method: 'POST', requestHeaders: [], observedAt: 1_000, tabId: 1, frameId: 0,
      requestBody: { text: JSON.stringify({ events: [{ xdm: { eventType: 'media.sessionStart', timestamp: '1970-01-01T00:00:01.000Z', mediaCollection: { playhead: 0, sessionDetails: { name: 'a', playerName: 'b', contentType: 'VOD', length: 1, channel: 'c' } } } }] }) },
      response: null,
    }
    const failed = { ...start, seq: 1, response: { status: 0, statusText: 'net::ERR_FAILED', headers: [], body: null } }
    const back = fromHar(JSON.stringify(exported([start, failed], 2_000).har)).captures
    expect(back.map((c) => c.response)).toEqual([null, { status: 0, statusText: 'net::ERR_FAILED', headers: [], body: null }])
  })
})

describe('redaction', () => {
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJhcGlrZXkiOiJrIiwiZXhwIjoxfQ.c2lnbmF0dXJlLXNlY3JldA'
  const capture: CapturedRequest = {
    seq: 0,
    url: `https://api.videosdk.live/v2/rooms?secret=${jwt}&token=plain-token&keep=1`,
    method: 'POST',
    requestHeaders: [
      { name: 'Authorization', value: `Bearer ${jwt}` },
      { name: 'Cookie', value: 'sid=abc123; theme=dark' },
      { name: 'X-Api-Key', value: 'k-123' },
      { name: 'Accept', value: 'application/json' },
    ],
    requestBody: { text: JSON.stringify({ roomId: 'r', token: jwt, password: 'hunter2', nested: { authToken: '44b297a8-162a' } }) },
    response: { status: 200, headers: [{ name: 'Set-Cookie', value: 'sid=abc123; Path=/; HttpOnly' }], body: { text: `{"token":"${jwt}"}` } },
    observedAt: 0,
    tabId: null,
    frameId: null,
    frames: [{ direction: 'send', time: 1, opcode: 1, data: `{"@class":".AuthenticatedConnectRequest","authToken":"secret-token"}` }],
  }

  it('removes a token from headers, the URL and bodies by default, and keeps it with the opt-out', () => {
    const signature = 'c2lnbmF0dXJlLXNlY3JldA'
    const redactedHar = JSON.stringify(exported([capture], 0, true).har)
    for (const secret of [signature, 'plain-token', 'abc123', 'k-123', 'hunter2', '44b297a8-162a', 'secret-token']) expect(redactedHar).not.toContain(secret)
    const keptHar = JSON.stringify(exported([capture], 0, false).har)
    for (const secret of [signature, 'plain-token', 'abc123', 'k-123', 'hunter2', '44b297a8-162a', 'secret-token']) expect(keptHar).toContain(secret)
    expect(keptHar).toContain('NOT redacted')
  })

  it('keeps what rules judge: the Authorization scheme, JWT claims, names and harmless values', () => {
    const redacted = redactCapture(capture)
    expect(redacted.requestHeaders).toEqual([
      { name: 'Authorization', value: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJhcGlrZXkiOiJrIiwiZXhwIjoxfQ.redacted' },
      { name: 'Cookie', value: `sid=${REDACTED}; theme=${REDACTED}` },
      { name: 'X-Api-Key', value: REDACTED },
      { name: 'Accept', value: 'application/json' },
    ])
    expect(redacted.response!.headers).toEqual([{ name: 'Set-Cookie', value: `sid=${REDACTED}; Path=/; HttpOnly` }])
    expect(new URL(redacted.url).searchParams.get('secret')).toBe('eyJhbGciOiJIUzI1NiJ9.eyJhcGlrZXkiOiJrIiwiZXhwIjoxfQ.redacted')
    expect(new URL(redacted.url).searchParams.get('keep')).toBe('1')
    expect(JSON.parse(redacted.requestBody!.text)).toEqual({ roomId: 'r', token: 'eyJhbGciOiJIUzI1NiJ9.eyJhcGlrZXkiOiJrIiwiZXhwIjoxfQ.redacted', password: REDACTED, nested: { authToken: REDACTED } })
  })

  it('removes GameSparks credentials from REST and callback paths, and leaves heartbeat URLs byte for byte', () => {
    expect(redactUrl('https://X000000exmpl.preview.gamesparks.net/rs/debug/abcdef0123456789abcdef0123456789/LogEventRequest')).toBe(
      'https://X000000exmpl.preview.gamesparks.net/rs/debug/%5Bredacted%5D/LogEventRequest',
    )
    expect(redactUrl('https://k.live.gamesparks.net/callback/k/server/s3cr3t/player1')).toBe('https://k.live.gamesparks.net/callback/k/server/%5Bredacted%5D/player1')
    const heartbeat = 'https://sample.hb.omtrdc.net/?s:event:type=play&s:event:sid=123&l:event:ts=1'
    expect(redactUrl(heartbeat)).toBe(heartbeat)
  })

  it('treats form bodies like query strings and survives hostile text', () => {
    expect(redactText('user=a&password=p%40ss&x=1')).toBe('user=a&password=%5Bredacted%5D&x=1')
    expect(redactText('{"password": "a\\"b", "ok": "c"}')).toBe(`{"password": "${REDACTED}", "ok": "c"}`)
    expect(() => redactText('%E0%A4%A&password=%')).not.toThrow()
  })
})

describe('the report inside a redacted export', () => {
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.c2lnLXNlY3JldC0x'
  const socket = fromHar(readFileSync(join(FIXTURES, 'gamesparks', 'f1-happy-path.har'), 'utf8')).captures.find((capture) => capture.frames)!
  const lastTime = socket.frames!.at(-1)!.time
  const frames = [
    // Each of these is quoted back by a finding: a frame that is not JSON by its start, an error response by its fields.
    { direction: 'send' as const, time: lastTime + 1, opcode: 1, data: 'token=tok-secret-1&x=1' },
    { direction: 'receive' as const, time: lastTime + 2, opcode: 1, data: JSON.stringify({ '@class': '.LogEventResponse', requestId: 'r1', error: { password: 'pw-secret-2', detail: jwt } }) },
  ]
  const edge = fromHar(readFileSync(join(FIXTURES, 'adobe-media-edge', 'event-after-session-end.har'), 'utf8')).captures
  const play = edge.find((capture) => capture.url.includes('/va/v1/play'))!
  const captures: CapturedRequest[] = [
    ...edge.map((capture) => (capture === play ? { ...capture, requestBody: { text: '{"password": pwsecret3}' } } : capture)),
    { ...socket, frames: [...socket.frames!, ...frames] },
  ]
  const secrets = ['tok-secret-1', 'pw-secret-2', 'c2lnLXNlY3JldC0x', 'pwsecret3', 'tab-secret-4']
  const exportOf = (redact: boolean) => toHar({ captures, settings: DEFAULT_SETTINGS, userSettings: DEFAULT_USER_SETTINGS, observedUntil: lastTime + 10_000, redact, source: 'https://www.example.com/play?token=tab-secret-4' })

  it('is judged on the redacted captures: messages that quote values carry no secret, and the comment no tab URL secret', () => {
    const kept = exportOf(false)
    const keptMessages = kept.report.findings.map((finding) => finding.message).join('\n')
    // Without redaction the findings quote them: else this test would prove nothing.
    for (const secret of secrets.slice(0, 4)) expect(keptMessages).toContain(secret)
    expect(JSON.stringify(kept.har)).toContain('tab-secret-4')
    const { har, report } = exportOf(true)
    for (const secret of secrets) {
      expect(JSON.stringify(har)).not.toContain(secret)
      expect(JSON.stringify(report)).not.toContain(secret)
    }
    expect((har.log as { comment?: string }).comment).toContain(`https://www.example.com/play?token=${encodeURIComponent(REDACTED)}`)
    expect(report.findings.map((finding) => finding.rule)).toEqual(kept.report.findings.map((finding) => finding.rule))
  })

  it('is what linting the export gives', () => {
    const { har, report } = exportOf(true)
    const text = JSON.stringify(har)
    const capture = fromHar(text)
    expect(toJsonReport(replay(capture.captures, DEFAULT_SETTINGS, capture.observedUntil)).findings).toEqual(report.findings)
    expect((har.log as unknown as { _sessionscope: { findings: unknown } })._sessionscope.findings).toEqual(report.findings)
  })
})
