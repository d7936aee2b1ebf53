/** The CLI contract of DESIGN.md: arguments, formats, exit status 0/1/2, stdout and stderr discipline. */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import type { JsonReport } from '../../src/report/json-report'

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'adobe-media-edge')
const clean = join(FIXTURES, 'f4-buffer-and-pause.har')
const broken = join(FIXTURES, 'event-after-session-end.har')
const infoOnly = join(FIXTURES, 'duplicate-session-end.har')

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
    expect(stdout).not.toMatch(/\u001b\[/)
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
    for (const args of [[], ['check', clean], ['lint'], ['lint', clean, '--format', 'xml'], ['lint', clean, '--fail-on', 'fatal'], ['lint', clean, '--frobnicate'], ['lint', join(dir, 'missing.har')], ['lint', dir], ['lint', notJson], ['lint', clean, notHar]]) {
      const { status, stdout, stderr } = await cli(...args)
      expect(status, args.join(' ')).toBe(2)
      expect(stdout, args.join(' ')).toBe('')
      expect(stderr, args.join(' ')).toMatch(/^sessionscope: [^\n]+\n$/)
    }
    expect((await cli('lint', notHar)).stderr).toBe(`sessionscope: ${notHar}: not a HAR file: there is no "log" object\n`)
  })
})
