import { describe, expect, it } from 'vitest'
import type { Finding } from '../../../src/session/finding'
import { formatDuration, formatOffset } from '../../../src/ui/format-duration'
import { resolveScope, resolveView } from '../../../src/ui/resolve-scope'
import { worstFinding } from '../../../src/ui/worst-finding'

describe('formatDuration', () => {
  it('reads like a media player clock', () => {
    expect(formatDuration(7_000)).toBe('0:07')
    expect(formatDuration(65_000)).toBe('1:05')
    expect(formatDuration(65_999)).toBe('1:05')
    expect(formatDuration(3_723_000)).toBe('1:02:03')
    expect(formatDuration(-5)).toBe('0:00')
    expect(formatDuration(Number.NaN)).toBe('0:00')
  })

  it('keeps milliseconds for offsets', () => {
    expect(formatOffset(5_120)).toBe('0:05.120')
    expect(formatOffset(0)).toBe('0:00.000')
    expect(formatOffset(-250)).toBe('-0:00.250')
  })
})

describe('worstFinding', () => {
  const f = (severity: Finding['severity'], message: string): Finding => ({ rule: 'r', severity, message, docs: '', sessionKey: null, at: null })

  it('takes the first error, else the first warning, else the first info', () => {
    expect(worstFinding([f('info', 'i'), f('warning', 'w1'), f('error', 'e'), f('warning', 'w2')])?.message).toBe('e')
    expect(worstFinding([f('info', 'i'), f('warning', 'w1'), f('warning', 'w2')])?.message).toBe('w1')
    expect(worstFinding([f('info', 'i1'), f('info', 'i2')])?.message).toBe('i1')
    expect(worstFinding([])).toBeUndefined()
  })
})

describe('resolveScope', () => {
  const scopeOfTab = async (tabId: number) => `tab:${tabId}@b`

  it('prefers ?scope, then ?tabId, then the tab of the context', async () => {
    expect(await resolveScope('?scope=import:x&tabId=3', () => 5, scopeOfTab)).toBe('import:x')
    expect(await resolveScope('?tabId=3', () => 5, scopeOfTab)).toBe('tab:3@b')
    expect(await resolveScope('', async () => 5, scopeOfTab)).toBe('tab:5@b')
    expect(await resolveScope('?tabId=abc', () => 5, scopeOfTab)).toBe('tab:5@b')
  })

  it('rejects when there is no tab', async () => {
    await expect(resolveScope('', () => undefined, scopeOfTab)).rejects.toThrow('no tab')
  })

  it('tells the view its tab, unless the scope was named', async () => {
    expect(await resolveView('?tabId=3', () => 5, scopeOfTab)).toEqual({ scope: 'tab:3@b', tabId: 3 })
    expect(await resolveView('', () => 5, scopeOfTab)).toEqual({ scope: 'tab:5@b', tabId: 5 })
    expect(await resolveView('?scope=import:x&tabId=3', () => 5, scopeOfTab)).toEqual({ scope: 'import:x', tabId: undefined })
  })
})
