import { describe, expect, it } from 'vitest'
import { atRestForm } from '../../../src/background/at-rest'
import { fromHar } from '../../../src/report/from-har'
import { replay } from '../../../src/session/replay'
import { DEFAULT_SETTINGS } from '../../../src/session/settings'
import type { CaptureRecord } from '../../../src/store/records'
import { fixtureHars } from '../../helpers/fuzz-corpus'

const form = atRestForm({ keepSecretsOnDisk: false, extraSecretNames: [] })

function capturesOf(text: string): CaptureRecord[] {
  return fromHar(text).captures.map((capture) => ({ ...capture, scope: 'tab:1@t', sources: ['har'] }))
}

describe('the at-rest form', () => {
  // The worker redacts what it applies again each time a capture grows, and a replay reads the stored form back.
  it('is what it is made from twice over, and judged as the capture as sent, on every fixture', () => {
    for (const { name, text } of fixtureHars()) {
      const captures = capturesOf(text)
      const once = captures.map(form.capture)
      expect(once.map(form.capture), name).toEqual(once)
      const asSent = replay(captures, DEFAULT_SETTINGS).findings.map((finding) => [finding.rule, finding.at?.capture ?? null])
      expect(replay(once, DEFAULT_SETTINGS).findings.map((finding) => [finding.rule, finding.at?.capture ?? null]), name).toEqual(asSent)
    }
  })

  it('redacts each frame once, and keeps frames with nothing to redact as they are', () => {
    const quiet = { direction: 'send' as const, time: 1, opcode: 1 as const, data: '{"@class":".LogEventRequest"}' }
    const secret = { direction: 'send' as const, time: 2, opcode: 1 as const, data: '{"password":"p4ss-w0rd"}' }
    expect(form.frame(quiet)).toBe(quiet)
    const redacted = form.frame(secret)
    expect(redacted.data).toBe('{"password":"[redacted]"}')
    expect(form.frame(secret)).toBe(redacted)
  })

  it('changes nothing when secrets are kept on disk', () => {
    const keep = atRestForm({ keepSecretsOnDisk: true, extraSecretNames: [] })
    const [capture] = capturesOf(fixtureHars()[0]!.text)
    expect(keep.capture(capture!)).toBe(capture)
    expect(keep.text('https://x.example/?token=t0k3n')).toBe('https://x.example/?token=t0k3n')
  })
})
