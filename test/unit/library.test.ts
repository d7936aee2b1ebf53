/** The library entry (`import { lintHar } from 'sessionscope'`): the CLI's JSON report for one HAR, options, errors. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import type { JsonReport } from '../../src/library'
import { LintError, lintHar, rules } from '../../src/library'
import { fromHar } from '../../src/report/from-har'
import { toHar } from '../../src/report/to-har'
import { rules as registry } from '../../src/session/rules'
import { engineSettings } from '../../src/session/user-settings'

const FIXTURES = join(import.meta.dirname, '..', 'fixtures')
const fixture = (path: string): string => readFileSync(join(FIXTURES, path), 'utf8')
const SESSION = 'adobe-media-edge:e9f2c8a4b7d14c3e8a6f0b2d4c6e8a01'

describe('lintHar', () => {
  it('returns the JSON report of the contract for a HAR', () => {
    expect(lintHar(fixture('adobe-media-edge/event-after-session-end.har'))).toEqual({
      tool: { name: 'sessionscope', version: '0.1.0' },
      summary: { requests: 9, events: 9, sessions: 1, errors: 1, warnings: 0, infos: 0 },
      sessions: [{
        key: SESSION, protocol: 'adobe-media-edge', sessionId: 'e9f2c8a4b7d14c3e8a6f0b2d4c6e8a01', state: 'ended', startedAt: '2026-01-15T02:00:00.000Z',
        lastEventAt: '2026-01-15T02:00:29.000Z', events: 9, errors: 1, warnings: 0, infos: 0, name: 'Sample video',
      }],
      findings: [{
        rule: 'event-after-session-end', severity: 'error', sessionKey: SESSION, entry: 8, frame: null,
        message: expect.stringContaining('after it ended with sessionEnd'), docs: 'https://experienceleague.adobe.com/en/docs/media-analytics/using/implementation/events/session/session-end',
      }],
    })
  })

  it('is what `sessionscope lint --format json` prints, for text, bytes and parsed JSON alike', async () => {
    const path = join(FIXTURES, 'adobe-media-collection', 'ad-break-not-closed.har')
    let stdout = ''
    await main(['lint', path, '--format', 'json', '--ignore-rule', 'playhead-moved-during-ad-break'], { stdout: (t) => void (stdout += t), stderr: () => {}, isTTY: false })
    const options = { ignoreRules: ['playhead-moved-during-ad-break'] }
    const text = readFileSync(path, 'utf8')
    expect(lintHar(text, options)).toEqual(JSON.parse(stdout))
    expect(lintHar(readFileSync(path), options)).toEqual(JSON.parse(stdout))
    expect(lintHar(JSON.parse(text) as object, options)).toEqual(JSON.parse(stdout))
    expect(lintHar(`\ufeff${text}`, options)).toEqual(JSON.parse(stdout))
  })

  it('takes the ping intervals the player uses', () => {
    const har = fixture('adobe-media-edge/ping-interval-too-long.har')
    expect(lintHar(har).summary.warnings).toBe(1)
    expect(lintHar(har, { mainPingIntervalSeconds: 20 }).summary.warnings).toBe(0)
    expect(lintHar(har, { adPingIntervalSeconds: 10, mainPingIntervalSeconds: undefined }).summary.warnings).toBe(1)
  })

  it('keeps only the rules asked for, drops the ignored ones, and counts again', () => {
    const har = fixture('adobe-media-edge/session-too-old.har')
    const all = lintHar(har)
    expect(all.summary).toMatchObject({ errors: 2, warnings: 287, infos: 0 })
    const only = lintHar(har, { rules: ['session-too-old', 'event-after-session-end'] })
    expect(only.findings.map((f) => f.rule).sort()).toEqual(['event-after-session-end', 'session-too-old'])
    expect(only.summary).toEqual({ ...all.summary, errors: 2, warnings: 0, infos: 0 })
    expect(only.sessions).toEqual([{ ...all.sessions[0], errors: 2, warnings: 0, infos: 0 }])
    const ignored = lintHar(har, { ignoreRules: ['ping-interval-too-long', 'session-too-old'] })
    expect(ignored.findings.map((f) => f.rule)).toEqual(['event-after-session-end'])
    expect([ignored.summary.errors, ignored.summary.warnings, ignored.sessions[0]!.errors, ignored.sessions[0]!.warnings]).toEqual([1, 0, 1, 0])
    // Both: the kept rules less the ignored ones; an empty list keeps every rule.
    expect(lintHar(har, { rules: ['session-too-old', 'ping-interval-too-long'], ignoreRules: ['ping-interval-too-long'] }).findings.map((f) => f.rule)).toEqual(['session-too-old'])
    expect(lintHar(har, { rules: [], ignoreRules: [] })).toEqual(all)
  })

  it('counts every session from the findings it keeps, and keeps findings attached to no session', () => {
    for (const path of ['adobe-media-collection/invalid-field-value.har', 'adobe-media-edge/undecodable-request.har', 'adobe-media-edge/session-too-old.har']) {
      for (const report of [lintHar(fixture(path)), lintHar(fixture(path), { ignoreRules: ['ad-break-not-closed', 'ping-interval-too-long'] })]) {
        for (const session of report.sessions) {
          const own = report.findings.filter((f) => f.sessionKey === session.key)
          expect([session.errors, session.warnings, session.infos], path).toEqual(['error', 'warning', 'info'].map((s) => own.filter((f) => f.severity === s).length))
        }
        expect([report.summary.errors, report.summary.warnings, report.summary.infos], path).toEqual(['error', 'warning', 'info'].map((s) => report.findings.filter((f) => f.severity === s).length))
      }
    }
    expect(lintHar(fixture('adobe-media-edge/undecodable-request.har'), { rules: ['undecodable-request'] }).findings).toEqual([expect.objectContaining({ rule: 'undecodable-request', sessionKey: null })])
  })

  it('throws LintError, with a one-line reason, for input that is not a HAR', () => {
    const reasons: Array<[unknown, RegExp]> = [
      ['{"log": {"entries": [', /^not valid JSON/],
      ['{"hello": 1}', /^not a HAR file: there is no "log" object$/],
      [{ log: { entries: {} } }, /^not a HAR file: "log.entries" is not an array$/],
      [null, /^not a HAR file/],
      [42, /^not a HAR file/],
      [new TextEncoder().encode('[]'), /^not a HAR file/],
    ]
    for (const [input, reason] of reasons) {
      const error = catchError(() => lintHar(input as string))
      expect(error, String(input)).toBeInstanceOf(LintError)
      expect(error).toBeInstanceOf(Error)
      expect((error as Error).name).toBe('LintError')
      expect((error as Error).message).toMatch(reason)
      expect((error as Error).message).not.toContain('\n')
    }
  })

  it('throws LintError for invalid options, naming the closest rule id or option', () => {
    const har = fixture('adobe-media-edge/f4-buffer-and-pause.har')
    const reasons: Array<[unknown, string]> = [
      [{ mainPingIntervalSeconds: 5 }, 'mainPingIntervalSeconds must be between 10 and 50 seconds, not 5'],
      [{ adPingIntervalSeconds: '10' }, 'adPingIntervalSeconds must be a number of seconds, not "10"'],
      [{ rules: ['event-after-sesion-end'] }, 'rules: unknown rule "event-after-sesion-end" (did you mean "event-after-session-end"?)'],
      [{ ignoreRules: ['ping-too-long'] }, 'ignoreRules: unknown rule "ping-too-long" (did you mean "params-on-ping"?)'],
      [{ ignoreRules: 'duplicate-timestamp' }, 'ignoreRules must be an array of rule ids'],
      [{ rule: ['duplicate-timestamp'] }, 'unknown option "rule" (did you mean "rules"?)'],
      ['strict', 'options must be an object'],
    ]
    for (const [options, message] of reasons) {
      const error = catchError(() => lintHar(har, options as object))
      expect(error, JSON.stringify(options)).toBeInstanceOf(LintError)
      expect((error as Error).message).toBe(message)
    }
    expect(catchError(() => lintHar(har, { rules: ['a\nb\u001b[31m'] }))?.message).toBe('rules: unknown rule "a\\u000ab\\u001b[31m" (did you mean "ad-overlap"?)')
  })

  it('lists every rule with its metadata, and nothing else', () => {
    expect(rules.map((rule) => rule.id)).toEqual(registry.map((rule) => rule.id))
    const rule = rules.find((r) => r.id === 'duplicate-session-end')!
    expect(Object.keys(rule).sort()).toEqual(['docs', 'fix', 'id', 'severity', 'title', 'why'])
    expect(rule).toMatchObject({ severity: 'info', title: 'Session ended a second time', docs: expect.stringMatching(/^https:\/\//) })
    expect(Object.isFrozen(rules) && Object.isFrozen(rule)).toBe(true)
  })

  it('is pure: the same input gives the same report, and the input is not changed', () => {
    const har = JSON.parse(fixture('adobe-media-edge/f5-chapters-and-ads.har')) as object
    const before = JSON.stringify(har)
    const first: JsonReport = lintHar(har)
    expect(lintHar(har)).toEqual(first)
    expect(JSON.stringify(har)).toBe(before)
  })
})

function catchError(run: () => unknown): Error | undefined {
  try {
    run()
  } catch (error) {
    return error as Error
  }
  return undefined
}

describe('settings carried by a Sessionscope export', () => {
  it('judges an export with the ping intervals it was exported with, unless told otherwise', () => {
    const paused = fromHar(readFileSync(join(FIXTURES, 'adobe-media-edge', 'ping-interval-too-long.har'), 'utf8'))
    const user = { mainPingIntervalSeconds: 30, adPingIntervalSeconds: 10 }
    const { har } = toHar({ captures: paused.captures, settings: engineSettings(user), userSettings: user, observedUntil: paused.observedUntil ?? 0, redact: true })
    expect(lintHar(har).findings).toEqual([])
    expect(lintHar(har, { mainPingIntervalSeconds: 10 }).findings.map((f) => f.rule)).toEqual(['ping-interval-too-long'])
  })
})
