import { describe, expect, it } from 'vitest'
import { groupBy } from '../../../src/report/group-by'

describe('groupBy', () => {
  it('groups by key in first-seen order, keeping each group in item order', () => {
    const items = [{ k: 'b', v: 1 }, { k: 'a', v: 2 }, { k: 'b', v: 3 }]
    expect([...groupBy(items, (item) => item.k)]).toEqual([['b', [items[0], items[2]]], ['a', [items[1]]]])
    expect([...groupBy(items, (item) => item.k, (item) => item.v)]).toEqual([['b', [1, 3]], ['a', [2]]])
    expect(groupBy([], (item: number) => item).size).toBe(0)
  })
})
