/**
 * The CLI's contract with scripts and CI: arguments, formats, exit status 0 (nothing at or above --fail-on), 1
 * (findings at or above it), 2 (usage error or unreadable input), reports on stdout and diagnostics on stderr.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { Window } from 'happy-dom'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import type { JsonReport } from '../../src/report/json-report'

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'adobe-media-edge')
const clean = join(FIXTURES, 'f4-buffer-and-pause.har')
const broken = join(FIXTURES, 'event-after-session-end.har')
const infoOnly = join(FIXTURES, 'duplicate-session-end.har')
const undecodable = join(FIXTURES, 'undecodable-request.har')
type Multi = Omit<JsonReport, 'sessions' | 'findings'> & { sessions: Array<JsonReport['sessions'][number] & { file: string }>; findings: Array<JsonReport['findings'][number] & { file: string }> }

async function cli(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const status = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTTY: false })
  return { status, stdout, stderr }
}

describe('sessionscope lint', () => {
  it('exits 0 on a clean capture and 1 when a finding reaches --fail-on', async () => {
    expect((await cli('lint', clean)).status).toBe(0)
    expect((await cli('lint', broken)).status).toBe(1)
    expect((await cli('lint', infoOnly)).status).toBe(0)
    expect((await cli('lint', infoOnly, '--fail-on', 'info')).status).toBe(1)
    expect((await cli('lint', infoOnly, '--fail-on=warning')).status).toBe(0)
    expect((await cli('lint', broken, '--fail-on', 'never')).status).toBe(0)
  })

  it('prints the JSON report of the contract, with HAR entry indices', async () => {
    const { stdout, stderr } = await cli('lint', broken, '--format', 'json')
    expect(stderr).toBe('')
    const report = JSON.parse(stdout) as JsonReport
    expect(report.tool).toEqual({ name: 'sessionscope', version: '0.1.0' })
    expect(report.summary).toEqual({ requests: 9, events: 9, sessions: 1, errors: 1, warnings: 0, infos: 0 })
    expect(report.sessions).toEqual([{
      key: 'adobe-media-edge:e9f2c8a4b7d14c3e8a6f0b2d4c6e8a01', protocol: 'adobe-media-edge', sessionId: 'e9f2c8a4b7d14c3e8a6f0b2d4c6e8a01',
      state: 'ended', startedAt: '2026-01-15T02:00:00.000Z', lastEventAt: '2026-01-15T02:00:29.000Z', events: 9, errors: 1, warnings: 0, infos: 0, name: 'Sample video',
    }])
    expect(report.findings).toEqual([{
      rule: 'event-after-session-end', severity: 'error', sessionKey: 'adobe-media-edge:e9f2c8a4b7d14c3e8a6f0b2d4c6e8a01', entry: 8, frame: null,
      message: expect.stringContaining('after it ended with sessionEnd'), docs: expect.stringMatching(/^https:\/\//),
    }])
  })

  it('reports several files in one JSON document, each session and finding naming its file', async () => {
    const report = JSON.parse((await cli('lint', clean, broken, '--format', 'json')).stdout) as Omit<JsonReport, 'findings'> & { findings: Array<{ file: string }> }
    expect(report.summary.sessions).toBe(2)
    expect(report.findings.map((f) => f.file)).toEqual([broken])
  })

  it('prints a readable text report without colour when not on a terminal', async () => {
    const { stdout } = await cli('lint', broken)
    expect(stdout).toContain('✖ error event-after-session-end (entry 8)')
    expect(stdout).toContain('1 session, 9 events in 9 requests: 1 error, 0 warnings, 0 infos')
    // eslint-disable-next-line no-control-regex -- an escape sequence is what it looks for
    expect(stdout).not.toMatch(/\u001b\[/)
  })

  it('takes extra hosts per protocol, and explains a malformed one', async () => {
    const { stdout } = await cli('lint', clean, '--host', 'adobe-heartbeat=metrics.example.com', '--host', 'videosdk=127.0.0.1:8443', '--format', 'json')
    expect(JSON.parse(stdout).summary.errors).toBe(0)
    expect((await cli('lint', clean, '--host', 'videosdk')).stderr).toMatch(/--host takes protocol=host/)
    expect((await cli('lint', clean, '--host', 'video=x.com')).stderr).toMatch(/unknown protocol "video" \(did you mean "videosdk"\?\)/)
    expect((await cli('lint', clean, '--host', 'videosdk=https://x.com/')).stderr).toMatch(/is not a host/)
  })

  it('takes the ping intervals players may configure', async () => {
    const paused = join(import.meta.dirname, '..', 'fixtures', 'adobe-media-edge', 'ping-interval-too-long.har')
    expect((await cli('lint', paused, '--fail-on', 'warning')).status).toBe(1)
    expect((await cli('lint', paused, '--fail-on', 'warning', '--main-ping-interval', '20')).status).toBe(0)
    const usage = await cli('lint', paused, '--main-ping-interval', '5')
    expect([usage.status, usage.stdout, usage.stderr]).toEqual([2, '', 'sessionscope: --main-ping-interval must be between 10 and 50 seconds, not "5"\n'])
    expect((await cli('lint', paused, '--ad-ping-interval', 'soon')).stderr).toMatch(/--ad-ping-interval must be a number of seconds/)
  })

  it('exits 2 with one line on stderr and nothing on stdout for usage errors and unreadable input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sessionscope-cli-'))
    const notJson = join(dir, 'broken.har')
    writeFileSync(notJson, '{"log": {"entries": [')
    const notHar = join(dir, 'other.json')
    writeFileSync(notHar, '{"hello": 1}')
    for (const args of [[], ['check', clean], ['lint'], ['lint', clean, '--format', 'xml'], ['lint', clean, '--fail-on', 'fatal'], ['lint', clean, '--frobnicate'], ['lint', join(dir, 'missing.har')], ['lint', dir], ['lint', notJson], ['lint', clean, notHar],
      ['lint', clean, '--rule', 'nope'], ['lint', clean, '--ignore-rule', ','], ['lint', clean, '--rule'], ['lint', join(dir, '*.nothing')], ['lint', clean, join(dir, '**', '*.har')], ['lint', clean, '--format', 'junit', notHar]]) {
      const { status, stdout, stderr } = await cli(...args)
      expect(status, args.join(' ')).toBe(2)
      expect(stdout, args.join(' ')).toBe('')
      expect(stderr, args.join(' ')).toMatch(/^sessionscope: [^\n]+\n$/)
    }
    expect((await cli('lint', notHar)).stderr).toBe(`sessionscope: ${notHar}: not a HAR file: there is no "log" object\n`)
  })
})

/** Parses XML strictly enough for a test: happy-dom reports broken markup; characters XML 1.0 forbids, it drops silently, so they are checked on the text. */
function parseXml(xml: string): Document {
  expect(xml, 'a character XML 1.0 does not allow').not.toMatch(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u)
  const document = new new Window().DOMParser().parseFromString(xml, 'application/xml') as unknown as Document
  expect(document.getElementsByTagName('parsererror').length, xml).toBe(0)
  return document
}

const counts = (element: Element): Record<string, string | null> =>
  Object.fromEntries(['tests', 'failures', 'errors', 'skipped'].map((name) => [name, element.getAttribute(name)]))

describe('sessionscope lint --format junit', () => {
  it('is one testsuite per file, one testcase per session, a failure per finding at or above --fail-on', async () => {
    const { status, stdout, stderr } = await cli('lint', broken, clean, '--format', 'junit')
    expect([status, stderr]).toEqual([1, ''])
    expect(stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /)
    const document = parseXml(stdout)
    expect(counts(document.documentElement)).toEqual({ tests: '2', failures: '1', errors: '0', skipped: '0' })
    const suites = [...document.getElementsByTagName('testsuite')]
    expect(suites.map((suite) => [suite.getAttribute('name'), counts(suite)])).toEqual([
      [broken, { tests: '1', failures: '1', errors: '0', skipped: '0' }],
      [clean, { tests: '1', failures: '0', errors: '0', skipped: '0' }],
    ])
    const testcase = suites[0]!.getElementsByTagName('testcase')[0]!
    expect(testcase.getAttribute('name')).toBe('adobe-media-edge e9f2c8a4b7d14c3e8a6f0b2d4c6e8a01 "Sample video"')
    expect(testcase.getAttribute('classname')).toBe(broken)
    const failures = [...testcase.getElementsByTagName('failure')]
    expect(failures).toHaveLength(1)
    expect(failures[0]!.getAttribute('type')).toBe('event-after-session-end')
    expect(failures[0]!.getAttribute('message')).toMatch(/^event-after-session-end: ping was sent for session "e9f2c8a4b7d14c3e8a6f0b2d4c6e8a01" after it ended/)
    expect(failures[0]!.textContent).toContain('severity: error\nentry: 8\ndocs: https://experienceleague.adobe.com/')
    expect(suites[1]!.getElementsByTagName('testcase')[0]!.children).toHaveLength(0)
  })

  it('puts findings below --fail-on in system-out, and fails them once they reach it', async () => {
    const passing = await cli('lint', infoOnly, '--format', 'junit')
    expect(passing.status).toBe(0)
    let document = parseXml(passing.stdout)
    expect(counts(document.documentElement)).toEqual({ tests: '1', failures: '0', errors: '0', skipped: '0' })
    expect(document.getElementsByTagName('failure')).toHaveLength(0)
    expect(document.getElementsByTagName('system-out')[0]!.textContent).toMatch(/^info duplicate-session-end \(entry 8\): session "e9f2c8a4b7d14c3e8a6f0b2d4c6e8a01" had already ended; this sessionEnd is dropped\.\ndocs: https:\/\//)

    const failing = await cli('lint', infoOnly, '--format', 'junit', '--fail-on', 'info')
    expect(failing.status).toBe(1)
    document = parseXml(failing.stdout)
    expect(counts(document.documentElement)).toEqual({ tests: '1', failures: '1', errors: '0', skipped: '0' })
    expect(document.getElementsByTagName('failure')[0]!.getAttribute('type')).toBe('duplicate-session-end')
    expect(document.getElementsByTagName('system-out')).toHaveLength(0)

    const never = await cli('lint', broken, '--format', 'junit', '--fail-on', 'never')
    expect([never.status, counts(parseXml(never.stdout).documentElement).failures]).toEqual([0, '0'])
  })

  it('has a testcase for findings attached to no session, only when there are some', async () => {
    const document = parseXml((await cli('lint', undecodable, '--format', 'junit')).stdout)
    const cases = [...document.getElementsByTagName('testcase')]
    expect(cases.map((c) => c.getAttribute('name'))).toEqual(['adobe-media-edge e9f2c8a4b7d14c3e8a6f0b2d4c6e8a01 "Sample video"', 'findings not attached to a session'])
    expect(cases[1]!.getElementsByTagName('failure')[0]!.getAttribute('type')).toBe('undecodable-request')
    expect(counts(document.documentElement)).toEqual({ tests: '2', failures: '1', errors: '0', skipped: '0' })
  })

  it('stays valid XML whatever the page sent: markup, entities, control characters, lone surrogates', async () => {
    const hostile = ']]></failure><x>&amp;\u0001\u001b[31m\ud800\uffff\u0085\r\n\t"\''
    const har = JSON.parse(readFileSync(broken, 'utf8')) as { log: { entries: Array<{ request: { postData: { text: string } } }> } }
    const edit = (index: number, change: (event: { xdm: { eventType: string; mediaCollection: { sessionDetails: { friendlyName: string } } } }) => void): void => {
      const request = har.log.entries[index]!.request
      const body = JSON.parse(request.postData.text) as { events: Array<Parameters<typeof change>[0]> }
      change(body.events[0]!)
      request.postData.text = JSON.stringify(body)
    }
    edit(0, (event) => void (event.xdm.mediaCollection.sessionDetails.friendlyName = hostile))
    edit(3, (event) => void (event.xdm.eventType = `media.${hostile}`))
    const path = join(mkdtempSync(join(tmpdir(), 'sessionscope-junit-')), 'hostile.har')
    writeFileSync(path, JSON.stringify(har))
    const shown = ']]></failure><x>&amp;\\u0001\\u001b[31m\\ud800\\uffff\\u0085\r\n\t"\''

    for (const failOn of ['error', 'never']) {
      const { status, stdout } = await cli('lint', path, '--format', 'junit', '--fail-on', failOn)
      expect(status).toBe(failOn === 'error' ? 1 : 0)
      const document = parseXml(stdout)
      expect(document.getElementsByTagName('x')).toHaveLength(0)
      expect(document.getElementsByTagName('testcase')[0]!.getAttribute('name')).toBe(`adobe-media-edge e9f2c8a4b7d14c3e8a6f0b2d4c6e8a01 "${shown}"`)
      if (failOn === 'error') {
        const failure = document.getElementsByTagName('failure')[0]!
        expect(failure.getAttribute('message')).toBe(`unknown-event-type: "${shown}" is not an event type the vendor defines.`)
        expect(failure.textContent).toContain(`unknown-event-type: "${shown}" is not an event type`)
        expect(document.getElementsByTagName('failure')).toHaveLength(3)
      } else {
        expect(document.getElementsByTagName('system-out')[0]!.textContent).toContain(`error unknown-event-type (entry 3): "${shown}" is not`)
      }
    }
  })
})

describe('sessionscope lint with several files and patterns', () => {
  const relativeFixtures = relative(process.cwd(), FIXTURES)

  it('expands quoted patterns itself, sorted, and reads a file named twice once', async () => {
    const { status, stdout } = await cli('lint', join(relativeFixtures, 'duplicate-*.har'), join(FIXTURES, 'duplicate-session-end.har'), '--format', 'json')
    expect(status).toBe(0)
    expect((JSON.parse(stdout) as Multi).sessions.map((session) => session.file)).toEqual([
      join(relativeFixtures, 'duplicate-session-end.har'),
      join(relativeFixtures, 'duplicate-timestamp.har'),
    ])
    const twice = JSON.parse((await cli('lint', clean, clean, `./${relative(process.cwd(), clean)}`, '--format', 'json')).stdout) as JsonReport
    expect(twice.summary.sessions).toBe(1)
    const braces = JSON.parse((await cli('lint', join(FIXTURES, '{f4,f5}-*.har'), '--format', 'json')).stdout) as Multi
    expect(braces.sessions.map((session) => session.file)).toEqual([join(FIXTURES, 'f4-buffer-and-pause.har'), join(FIXTURES, 'f5-chapters-and-ads.har')])
  })

  it('exits 2 when a pattern matches no file, naming it', async () => {
    const pattern = join(FIXTURES, '*.nothing')
    expect(await cli('lint', clean, pattern)).toEqual({ status: 2, stdout: '', stderr: `sessionscope: no file matches ${pattern}\n` })
  })

  it('reads a file whose name looks like a pattern as that file', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sessionscope-glob-')), 'capture[1].har')
    writeFileSync(path, readFileSync(broken, 'utf8'))
    expect((await cli('lint', path)).status).toBe(1)
  })
})

describe('sessionscope lint --rule and --ignore-rule', () => {
  it('keep only, or drop, the findings of those rules in the exit status and every format', async () => {
    expect((await cli('lint', broken, '--rule', 'event-after-session-end')).status).toBe(1)
    expect((await cli('lint', broken, '--rule', 'duplicate-session-end')).status).toBe(0)
    const ignored = await cli('lint', broken, '--ignore-rule', 'event-after-session-end', '--format', 'json')
    expect(ignored.status).toBe(0)
    const report = JSON.parse(ignored.stdout) as JsonReport
    expect([report.findings, report.summary.errors, report.summary.sessions, report.sessions[0]!.errors, report.sessions[0]!.events]).toEqual([[], 0, 1, 0, 9])
    expect((await cli('lint', broken, '--ignore-rule', 'event-after-session-end')).stdout).toContain('1 session, 9 events in 9 requests: 0 errors, 0 warnings, 0 infos')
    expect(counts(parseXml((await cli('lint', broken, '--ignore-rule', 'event-after-session-end', '--format', 'junit')).stdout).documentElement).failures).toBe('0')
  })

  it('take repeated flags and comma-separated lists', async () => {
    const tooOld = join(FIXTURES, 'session-too-old.har')
    const rules = async (...args: string[]): Promise<string[]> => [...new Set((JSON.parse((await cli('lint', tooOld, '--format', 'json', ...args)).stdout) as JsonReport).findings.map((f) => f.rule))].sort()
    expect(await rules('--rule', 'session-too-old,ping-interval-too-long')).toEqual(['ping-interval-too-long', 'session-too-old'])
    expect(await rules('--rule', 'session-too-old', '--rule=event-after-session-end')).toEqual(['event-after-session-end', 'session-too-old'])
    expect(await rules('--ignore-rule', 'session-too-old, ping-interval-too-long')).toEqual(['event-after-session-end'])
    expect(await rules('--rule', 'session-too-old,event-after-session-end', '--ignore-rule', 'event-after-session-end')).toEqual(['session-too-old'])
  })

  it('reject an unknown rule id, naming the closest one', async () => {
    expect(await cli('lint', broken, '--rule', 'event-after-sesion-end')).toEqual({
      status: 2, stdout: '', stderr: 'sessionscope: --rule: unknown rule "event-after-sesion-end" (did you mean "event-after-session-end"?)\n',
    })
    expect((await cli('lint', broken, '--ignore-rule', 'duplicate-timestamp,ping-interval-too-lng')).stderr).toBe(
      'sessionscope: --ignore-rule: unknown rule "ping-interval-too-lng" (did you mean "ping-interval-too-long"?)\n',
    )
  })
})

describe('sessionscope --help and --version', () => {
  it('prints usage on stdout and exits 0', async () => {
    for (const args of [['--help'], ['-h'], ['lint', '--help'], ['lint', broken, '--frobnicate', '--help']]) {
      const { status, stdout, stderr } = await cli(...args)
      expect([status, stderr], args.join(' ')).toEqual([0, ''])
      expect(stdout).toMatch(/^usage: sessionscope lint <file\.har \| pattern>\.\.\. \[options\]\n/)
      for (const flag of ['--format text|json|junit', '--fail-on', '--rule', '--ignore-rule', '--main-ping-interval', '--ad-ping-interval', '--version', 'event-after-session-end']) expect(stdout).toContain(flag)
    }
  })

  it('prints the version', async () => {
    expect(await cli('--version')).toEqual({ status: 0, stdout: '0.1.0\n', stderr: '' })
  })
})

describe('output is inert on a terminal', () => {
  /** What a hostile capture or file name could carry: a screen clear, an OSC 8 link, a window title, an 8-bit CSI, bidi overrides. */
  const CLEAR = '\u001b[2J'
  const LINK = '\u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\'
  const TITLE = '\u001b]0;owned\u0007'
  const CSI = '\u009b31m'
  const BIDI = '\u202eevil\u202c\u2066x\u2069'
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/

  function hostileCapture(): string {
    const dir = mkdtempSync(join(tmpdir(), 'sessionscope-inert-'))
    const har = JSON.parse(readFileSync(broken, 'utf8')) as { log: { entries: Array<{ request: { postData?: { text: string } }; response: { content: { text?: string } } }> } }
    // The session ID, as issued and as sent, carries every sequence; the file name carries a screen clear.
    // Bodies are JSON text: the ID goes in as a JSON string's contents.
    const id = JSON.stringify(`sid${CLEAR}${LINK}${TITLE}${CSI}${BIDI}`).slice(1, -1)
    for (const entry of har.log.entries) {
      if (entry.request.postData) entry.request.postData.text = entry.request.postData.text.replaceAll('e9f2c8a4b7d14c3e8a6f0b2d4c6e8a01', id)
      if (entry.response.content.text) entry.response.content.text = entry.response.content.text.replaceAll('e9f2c8a4b7d14c3e8a6f0b2d4c6e8a01', id)
    }
    const file = join(dir, `capture${CLEAR}${BIDI}.har`)
    writeFileSync(file, JSON.stringify(har))
    return file
  }

  it('escapes every control, escape sequence and bidi character from its input, in text, JSON and JUnit', async () => {
    const file = hostileCapture()
    for (const format of ['text', 'json', 'junit']) {
      const { stdout, status } = await cli('lint', file, '--format', format)
      expect(status, format).toBe(1)
      expect(stdout, format).not.toMatch(RAW)
      expect(stdout, format).toContain('u001b[2J')
      expect(stdout, format).toContain('u202eevil')
    }
    // The JSON says the same as before escaping: the session ID round-trips.
    const report = JSON.parse((await cli('lint', file, '--format', 'json')).stdout) as JsonReport
    expect(report.sessions[0]!.sessionId).toContain(`${CSI}${BIDI}`)
  })

  it('escapes the file name in its one-line error, too', async () => {
    const { stderr, status } = await cli('lint', join(tmpdir(), `missing${TITLE}${BIDI}.har`))
    expect(status).toBe(2)
    expect(stderr).not.toMatch(RAW)
    expect(stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(stderr).toContain('\\u001b]0;owned\\u0007')
  })
})
