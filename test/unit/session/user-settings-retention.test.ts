import { describe, expect, it } from 'vitest'
import {
  DEFAULT_USER_SETTINGS,
  readUserSettings,
  REDACTION_DEFAULTS,
  redactionOf,
  RETENTION_DEFAULTS,
  retentionOf,
  retentionProblem,
  secretNameProblem,
} from '../../../src/session/user-settings'

describe('retention and redaction settings', () => {
  it('default to a week, 20,000 requests per tab, 100,000 in all, and secrets hidden', () => {
    expect(retentionOf(DEFAULT_USER_SETTINGS)).toEqual({ days: 7, maxCapturesPerTab: 20_000, maxCapturesTotal: 100_000 })
    expect(redactionOf(DEFAULT_USER_SETTINGS)).toEqual({ showSecretsByDefault: false, includeSecretsInExports: false, extraSecretNames: [], keepSecretsOnDisk: false })
    // Settings stored before these existed read as before.
    expect(readUserSettings({ mainPingIntervalSeconds: 10, adPingIntervalSeconds: 10 })).toEqual(DEFAULT_USER_SETTINGS)
  })

  it('validate the retention limits', () => {
    expect(retentionProblem('days', 1)).toBeNull()
    expect(retentionProblem('days', 365)).toBeNull()
    expect(retentionProblem('days', 0)).toBe('must be between 1 and 365 days')
    expect(retentionProblem('days', 2.5)).toBe('must be a whole number of days')
    expect(retentionProblem('maxCapturesPerTab', 99)).toBe('must be between 100 and 1,000,000 requests')
    expect(retentionProblem('maxCapturesTotal', null)).toBe('must be a whole number of requests')
    expect(secretNameProblem('x-session-key')).toBeNull()
    expect(secretNameProblem('two words')).toMatch(/is not a header or field name/)
  })

  it('read any stored value without throwing, keeping each usable field and defaulting the rest', () => {
    const hostile: unknown[] = [
      null, 'x', 42, [], { retention: 'x', redaction: 7 }, { retention: [], redaction: [] },
      { retention: { days: '3', maxCapturesPerTab: -1, maxCapturesTotal: Number.NaN } },
      { redaction: { showSecretsByDefault: 'yes', includeSecretsInExports: 1, extraSecretNames: 'token', keepSecretsOnDisk: 'true' } },
      JSON.parse('{"retention": {"__proto__": {"days": 2}}, "redaction": {"__proto__": {"showSecretsByDefault": true}}}'),
    ]
    for (const raw of hostile) {
      const settings = readUserSettings(raw)
      expect(retentionOf(settings), JSON.stringify(raw)).toEqual(RETENTION_DEFAULTS)
      expect(redactionOf(settings), JSON.stringify(raw)).toEqual(REDACTION_DEFAULTS)
    }
    const mixed = readUserSettings({
      retention: { days: 30, maxCapturesPerTab: 5e9, maxCapturesTotal: 2_000 },
      redaction: { showSecretsByDefault: true, keepSecretsOnDisk: true, extraSecretNames: [' deviceKey ', 'deviceKey', 'no spaces allowed', 7, '<script>', 'x-key'] },
    })
    expect(retentionOf(mixed)).toEqual({ days: 30, maxCapturesPerTab: 20_000, maxCapturesTotal: 2_000 })
    expect(redactionOf(mixed)).toEqual({ showSecretsByDefault: true, includeSecretsInExports: false, extraSecretNames: ['deviceKey', 'x-key'], keepSecretsOnDisk: true })
  })

  it('keep at most 100 extra secret names', () => {
    const names = Array.from({ length: 150 }, (_, i) => `name${i}`)
    expect(redactionOf(readUserSettings({ redaction: { extraSecretNames: names } })).extraSecretNames).toEqual(names.slice(0, 100))
  })
})
