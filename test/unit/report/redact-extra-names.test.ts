import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { CapturedRequest } from '../../../src/protocols/captured-request'
import { REDACTED, redactCapture, redactText } from '../../../src/report/redact'
import { toHar } from '../../../src/report/to-har'
import { DEFAULT_SETTINGS } from '../../../src/session/settings'
import { DEFAULT_USER_SETTINGS } from '../../../src/session/user-settings'
import { closeDatabase } from '../../../src/store/db'
import type { ScopeRecord } from '../../../src/store/records'
import { writeChanges } from '../../../src/store/writes'
import { exportScope } from '../../../src/ui/export-scope'

const capture: CapturedRequest = {
  seq: 0,
  url: 'https://api.example.com/v1/start?deviceKey=dk-777&page=2',
  method: 'POST',
  requestHeaders: [
    { name: 'X-Session-Key', value: 'Bearer sk-12345' },
    { name: 'Accept', value: 'application/json' },
  ],
  requestBody: { text: '{"deviceKey":"dk-777","user":"ann","password":"hunter2"}', mimeType: 'application/json' },
  response: { status: 200, statusText: 'OK', headers: [{ name: 'x-session-key', value: 'sk-67890' }], body: { text: 'devicekey=dk-888&ok=1' } },
  observedAt: 0,
  tabId: null,
  frameId: null,
  frames: [{ direction: 'send', time: 0, opcode: 1, data: '{"DEVICEKEY": "dk-999"}' }],
}

describe('extra secret names', () => {
  it('are redacted in headers, query, JSON and form bodies and socket frames, in any case; other fields stay', () => {
    const redacted = redactCapture(capture, ['x-session-key', 'deviceKey'])
    const text = JSON.stringify(redacted)
    for (const secret of ['sk-12345', 'sk-67890', 'dk-777', 'dk-888', 'dk-999', 'hunter2']) expect(text).not.toContain(secret)
    expect(redacted.url).toBe(`https://api.example.com/v1/start?deviceKey=${encodeURIComponent(REDACTED)}&page=2`)
    expect(redacted.requestHeaders).toEqual([
      { name: 'X-Session-Key', value: REDACTED },
      { name: 'Accept', value: 'application/json' },
    ])
    expect(redacted.requestBody!.text).toBe(`{"deviceKey":"${REDACTED}","user":"ann","password":"${REDACTED}"}`)
  })

  it('change nothing when none are given', () => {
    expect(redactCapture(capture)).toEqual(redactCapture(capture, []))
    expect(JSON.stringify(redactCapture(capture))).toContain('dk-777')
    expect(redactText('{"a.b$":"x"}', ['a.b$'])).toBe(`{"a.b$":"${REDACTED}"}`)
  })

  it('reach a HAR export only when it is redacted', () => {
    const exported = (redact: boolean) => JSON.stringify(toHar({ captures: [capture], settings: DEFAULT_SETTINGS, userSettings: DEFAULT_USER_SETTINGS, observedUntil: 0, redact, extraSecretNames: ['deviceKey'] }).har)
    expect(exported(true)).not.toContain('dk-777')
    expect(exported(false)).toContain('dk-777')
  })
})

describe('the extension export', () => {
  const SCOPE = 'import:extra-names'
  beforeEach(async () => {
    await closeDatabase()
    indexedDB.deleteDatabase('sessionscope')
  })
  afterEach(async () => {
    vi.unstubAllGlobals()
    await closeDatabase()
  })

  it('redacts the names set on the options page', async () => {
    const stored = { settings: { mainPingIntervalSeconds: 10, adPingIntervalSeconds: 10, redaction: { extraSecretNames: ['deviceKey'] } } }
    vi.stubGlobal('chrome', { storage: { local: { get: async () => stored } } })
    const record: ScopeRecord = {
      scope: SCOPE, kind: 'import', tabId: null, title: 'a.har', url: '', createdAt: 0, updatedAt: 0, observedUntil: 0,
      engine: { ids: [], windows: [], loose: { errors: 0, warnings: 0, infos: 0 } }, counts: { errors: 0, warnings: 0, infos: 0 }, sessions: 0, nextExpiry: null, lastCapture: 0,
    }
    await writeChanges([{ ...capture, scope: SCOPE, sources: ['har'] }], [{ record, sessions: [], removedSessions: [], events: [], problems: new Map(), clearFrom: null }])
    const redacted = await exportScope(SCOPE, { redact: true }, 0)
    expect(redacted.har).not.toContain('dk-777')
    expect(redacted.har).toContain(`deviceKey=${encodeURIComponent(REDACTED)}`)
    expect((await exportScope(SCOPE, { redact: false }, 0)).har).toContain('dk-777')
  })
})
