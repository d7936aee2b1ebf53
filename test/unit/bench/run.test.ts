import { describe, expect, it } from 'vitest'
import { median } from '../../../bench/benchmark'
import { formatTable, isSelected, parseArgs, toRow } from '../../../bench/run'

describe('npm run bench', () => {
  it('reports the median of the runs and its ratio to the limit', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    const over = toRow('panel', { metric: 'longest task', unit: 'ms', samples: [90, 250, 120], limit: 100 })
    expect(over).toMatchObject({ value: 120, ratio: 1.2, pass: false })
    expect(toRow('panel', { metric: 'longest task', unit: 'ms', samples: [100], limit: 100 })).toMatchObject({ ratio: 1, pass: true })
    expect(toRow('panel', { metric: 'import', unit: 'ms', samples: [9e9], limit: null })).toMatchObject({ ratio: null, pass: true })
  })

  it('prints one aligned row per figure with its limit, ratio and verdict', () => {
    const table = formatTable([
      toRow('panel', { metric: 'longest task', unit: 'ms', samples: [90, 250, 120], limit: 100 }),
      toRow('panel', { metric: 'import', unit: 'ms', samples: [3000], limit: null }),
    ]).split('\n')
    expect(table).toHaveLength(4)
    expect(table[2]).toMatch(/^panel\s+longest task\s+120 ms\s+3 \(90–250\)\s+100 ms\s+1\.20\s+FAIL$/)
    expect(table[3]).toMatch(/^panel\s+import\s+3000 ms\s+1 \(3000–3000\)\s+—\s+—\s+info$/)
    expect(table[2]!.indexOf('120 ms')).toBe(table[3]!.indexOf('3000 ms'))
  })

  it('reads its options and refuses unknown ones', () => {
    expect(parseArgs([])).toEqual({ json: null, repeat: 3, only: null })
    expect(parseArgs(['--json', 'out.json', '--repeat', '5', '--only', 'panel'])).toEqual({ json: 'out.json', repeat: 5, only: 'panel' })
    expect(() => parseArgs(['--repeat', '0'])).toThrow('--repeat')
    expect(() => parseArgs(['--fast'])).toThrow('unknown option --fast')
  })

  it('runs the benchmarks named by any part of --only, all without it', () => {
    expect(isSelected('page cost', null)).toBe(true)
    expect(isSelected('page cost', 'engine,page')).toBe(true)
    expect(isSelected('memory 100k events', 'engine,page')).toBe(false)
    expect(isSelected('panel 50k events', 'panel')).toBe(true)
    expect(isSelected('panel 50k events', ',')).toBe(false)
  })

  it('gives ratios to the hundredth, where 1.05 and 1.1 differ', () => {
    const table = formatTable([toRow('page cost', { metric: 'latency with / without', unit: 'ratio', samples: [1.04, 1.06, 1.08], limit: 1.05 })]).split('\n')
    expect(table[2]).toMatch(/^page cost\s+latency with \/ without\s+1\.06 ratio\s+3 \(1\.04–1\.08\)\s+1\.05 ratio\s+1\.01\s+FAIL$/)
  })
})
