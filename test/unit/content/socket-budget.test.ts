import { describe, expect, it } from 'vitest'
import { socketBudget } from '../../../src/content/socket-budget'
import type { HookMessage, HookSocketFrame } from '../../../src/shared/hook-messages'

const frame = (id: string, data: string): HookSocketFrame => ({ kind: 'ws-frame', id, direction: 'receive', opcode: 1, data, time: 1 })

describe('socketBudget', () => {
  it('forwards a socket whole up to its limit, then only the length of each frame', () => {
    const within = socketBudget(10)
    expect(within(frame('a', '123456'))).toEqual(frame('a', '123456'))
    expect(within(frame('a', '123456'))).toEqual(frame('a', '123456'))
    expect(within(frame('a', 'abc'))).toEqual({ ...frame('a', ''), truncatedFrom: 3 })
  })

  it('counts each socket on its own and leaves other reports alone', () => {
    const within = socketBudget(4)
    within(frame('a', '12345'))
    expect(within(frame('b', 'xy'))).toEqual(frame('b', 'xy'))
    const request: HookMessage = { kind: 'ws-open', id: 'a', url: 'wss://x/', time: 1 }
    expect(within(request)).toBe(request)
  })

  it('keeps the original length of a frame the hook already cut', () => {
    const within = socketBudget(1)
    within(frame('a', 'xx'))
    expect(within({ ...frame('a', 'cut'), truncatedFrom: 900 })).toMatchObject({ data: '', truncatedFrom: 900 })
  })
})
