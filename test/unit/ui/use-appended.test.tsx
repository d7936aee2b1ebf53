// @vitest-environment happy-dom
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import type { Appender } from '../../../src/ui/use-appended'
import { extendsList, useAppended } from '../../../src/ui/use-appended'
import { mount, unmount } from './render'

let container: HTMLElement | null = null
afterEach(async () => {
  if (container) await unmount(container)
  container = null
})

describe('useAppended', () => {
  it('takes in only the new items of a list that extends the last one, and starts again otherwise', async () => {
    const added: Array<[number, number]> = []
    const sum: Appender<number, { total: number }, number> = {
      start: () => ({ total: 0 }),
      add(acc, list, from, to) {
        added.push([from, to])
        for (let i = from; i < to; i++) acc.total += list[i]!
      },
      read: (acc) => acc.total,
    }
    const values: number[] = []
    function Probe({ list, input }: { list: readonly number[]; input: string }) {
      values.push(useAppended(list, [input], sum))
      return null
    }
    const first = [1, 2]
    const longer = [...first, 3, 4]
    container = await mount(<Probe list={first} input="a" />)
    await act(() => render(<Probe list={longer} input="a" />, container!))
    await act(() => render(<Probe list={longer} input="a" />, container!))
    await act(() => render(<Probe list={[9, 9, 9]} input="a" />, container!))
    await act(() => render(<Probe list={[9, 9, 9, 1]} input="b" />, container!))
    expect(values).toEqual([3, 10, 10, 27, 28])
    // The same list again costs nothing; a different list or input starts from the first item.
    expect(added).toEqual([
      [0, 2],
      [2, 4],
      [0, 3],
      [0, 4],
    ])
  })

  it('tells an extended list from a different one by its ends', () => {
    const a = { n: 1 }
    const b = { n: 2 }
    const c = { n: 3 }
    expect(extendsList([a, b], [a, b, c])).toBe(true)
    expect(extendsList([], [c])).toBe(true)
    expect(extendsList([a, b], [a, c, b])).toBe(false)
    expect(extendsList([a, b], [a])).toBe(false)
    expect(extendsList([a, b], [{ n: 1 }, b, c])).toBe(false)
  })
})
