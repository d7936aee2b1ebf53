/**
 * `npm run demo` without a display: its headless run against the build in SESSIONSCOPE_DIST presses the
 * demo's mistake buttons on a real <video> tracked by the real Web SDK, and must report each deliberate
 * mistake where it was made, and write the panel and popup screenshots.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runHeadless } from '../../demo/headless-run'

const out = mkdtempSync(join(tmpdir(), 'sessionscope-demo-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

describe('npm run demo, headless', () => {
  it('reports the deliberate mistakes on the sessions that made them, and saves the panel and popup screenshots', async () => {
    const { report, text, screenshots } = await runHeadless(out)

    // Session 1 takes the ad outside a break, the late ping and the tracking after its end; session 2 expires.
    expect(report.sessions.map((s) => [s.protocol, s.state]), text).toEqual([['adobe-media-edge', 'ended'], ['adobe-media-edge', 'expired']])
    const rulesOf = (index: number) => [...new Set(report.findings.filter((f) => f.sessionKey === report.sessions[index]!.key && f.severity !== 'info').map((f) => f.rule))].sort()
    expect(rulesOf(0), text).toEqual(['ad-outside-ad-break', 'event-after-session-end', 'ping-interval-too-long'])
    // Nothing is sent after the clock moves on (its real arrival time would come before the expiry): noted only.
    expect(report.findings.filter((f) => f.sessionKey === report.sessions[1]!.key).map((f) => [f.rule, f.severity]), text).toEqual([['session-expired-idle', 'info']])
    expect(report.findings.filter((f) => f.sessionKey === null), text).toEqual([])
    // The terminal report names each of them.
    for (const rule of ['ad-outside-ad-break', 'ping-interval-too-long', 'event-after-session-end', 'session-expired-idle']) expect(text).toContain(rule)

    expect(screenshots.map((file) => file.slice(out.length + 1))).toEqual(['panel.png', 'popup.png'])
    for (const file of screenshots) expect(existsSync(file) && statSync(file).size, file).toBeGreaterThan(10_000)
  }, 90_000)
})
