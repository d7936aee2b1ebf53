import { describe, expect, it } from 'vitest'
import type { RetentionCandidate } from '../../../src/background/retention'
import { decideRetention } from '../../../src/background/retention'
import { RETENTION_DEFAULTS } from '../../../src/session/user-settings'

const DAY = 24 * 60 * 60 * 1000
const NOW = Date.parse('2026-01-15T02:00:00.000Z')

function scope(name: string, daysAgo: number, captures: number, extra: Partial<RetentionCandidate> = {}): RetentionCandidate {
  return { scope: name, kind: name.startsWith('import:') ? 'import' : 'tab', updatedAt: NOW - daysAgo * DAY, captures, open: false, ...extra }
}

describe('retention decision', () => {
  it('deletes closed tabs and imports not updated for the retention days, and keeps the rest', () => {
    const decisions = decideRetention(
      [scope('tab:1@a', 8, 10), scope('import:old', 7.01, 3), scope('tab:2@a', 6.9, 10), scope('import:new', 0, 3)],
      NOW,
      RETENTION_DEFAULTS,
    )
    expect(decisions).toEqual([
      { scope: 'tab:1@a', reason: 'age', captures: 10 },
      { scope: 'import:old', reason: 'age', captures: 3 },
    ])
  })

  it('follows the configured days', () => {
    const candidates = [scope('tab:1@a', 1.5, 1), scope('tab:2@a', 0.5, 1)]
    expect(decideRetention(candidates, NOW, { ...RETENTION_DEFAULTS, days: 1 }).map((d) => d.scope)).toEqual(['tab:1@a'])
    expect(decideRetention(candidates, NOW, { ...RETENTION_DEFAULTS, days: 2 })).toEqual([])
  })

  it('never deletes an open tab for its age', () => {
    expect(decideRetention([scope('tab:1@a', 300, 10, { open: true })], NOW, RETENTION_DEFAULTS)).toEqual([])
  })

  it('clears a tab over the per-tab limit, even an open one, but not an import of that size', () => {
    const settings = { ...RETENTION_DEFAULTS, maxCapturesPerTab: 100 }
    const decisions = decideRetention([scope('tab:1@a', 0, 101, { open: true }), scope('tab:2@a', 0, 100), scope('import:big', 0, 500)], NOW, settings)
    expect(decisions).toEqual([{ scope: 'tab:1@a', reason: 'tab-limit', captures: 101 }])
  })

  it('over the total limit, deletes the least recently updated first, closed before open, until under it', () => {
    const settings = { ...RETENTION_DEFAULTS, maxCapturesTotal: 1_000 }
    const decisions = decideRetention(
      [scope('tab:open-old@a', 5, 400, { open: true }), scope('import:a', 3, 400), scope('tab:closed@a', 2, 400), scope('import:b', 1, 400)],
      NOW,
      settings,
    )
    // 1,600 in all: the two oldest closed scopes take it to 800.
    expect(decisions).toEqual([
      { scope: 'import:a', reason: 'total-limit', captures: 400 },
      { scope: 'tab:closed@a', reason: 'total-limit', captures: 400 },
    ])
  })

  it('deletes open tabs for the total limit only when nothing else is left', () => {
    const settings = { ...RETENTION_DEFAULTS, maxCapturesTotal: 1_000 }
    const decisions = decideRetention([scope('tab:1@a', 0, 700, { open: true }), scope('tab:2@a', 1, 700, { open: true }), scope('import:a', 0, 100)], NOW, settings)
    expect(decisions.map(({ scope, reason }) => [scope, reason])).toEqual([
      ['import:a', 'total-limit'],
      ['tab:2@a', 'total-limit'],
    ])
  })

  it('counts what age already removed before applying the total limit', () => {
    const settings = { ...RETENTION_DEFAULTS, maxCapturesTotal: 1_000 }
    const decisions = decideRetention([scope('tab:old@a', 30, 900), scope('import:a', 1, 900)], NOW, settings)
    expect(decisions).toEqual([{ scope: 'tab:old@a', reason: 'age', captures: 900 }])
  })
})
