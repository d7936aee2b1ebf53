import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../../src/session/settings'
import { DEFAULT_USER_SETTINGS, engineSettings, readUserSettings, settingProblem } from '../../../src/session/user-settings'

describe('user settings', () => {
  it('default to the vendors\' documented intervals', () => {
    expect(DEFAULT_USER_SETTINGS).toEqual({ mainPingIntervalSeconds: 10, adPingIntervalSeconds: 10 })
    expect(engineSettings(DEFAULT_USER_SETTINGS)).toEqual(DEFAULT_SETTINGS)
  })
  it('accept the Web SDK ranges and refuse the rest', () => {
    expect(settingProblem('mainPingIntervalSeconds', 50)).toBeNull()
    expect(settingProblem('mainPingIntervalSeconds', 9)).toBe('must be between 10 and 50 seconds')
    expect(settingProblem('adPingIntervalSeconds', 1)).toBeNull()
    expect(settingProblem('adPingIntervalSeconds', 11)).toBe('must be between 1 and 10 seconds')
    expect(settingProblem('adPingIntervalSeconds', '5')).toBe('must be a number of seconds')
  })
  it('read stored values defensively, keeping defaults for anything unusable', () => {
    expect(readUserSettings({ mainPingIntervalSeconds: 30, adPingIntervalSeconds: 99 })).toEqual({ mainPingIntervalSeconds: 30, adPingIntervalSeconds: 10 })
    expect(readUserSettings(null)).toEqual(DEFAULT_USER_SETTINGS)
    expect(readUserSettings(JSON.parse('{"__proto__": {"mainPingIntervalSeconds": 40}}'))).toEqual(DEFAULT_USER_SETTINGS)
    expect(engineSettings({ mainPingIntervalSeconds: 30, adPingIntervalSeconds: 1 })).toMatchObject({ mainPingIntervalMs: 30_000, adPingIntervalMs: 1_000 })
  })
})

describe('extra hosts', () => {
  it('keep valid patterns of known protocols only, and reach the engine', () => {
    const settings = readUserSettings({ mainPingIntervalSeconds: 10, adPingIntervalSeconds: 10, hosts: { videosdk: ['127.0.0.1:8443', 'not a host'], bogus: ['x.com'], gamesparks: 'x' } })
    expect(settings.hosts).toEqual({ videosdk: ['127.0.0.1:8443'] })
    expect(engineSettings(settings).hosts).toEqual({ videosdk: ['127.0.0.1:8443'] })
    expect(readUserSettings({}).hosts).toBeUndefined()
  })
})
