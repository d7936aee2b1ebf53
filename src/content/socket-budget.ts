/**
 * The relay's cap on what one socket sends the worker: past MAX_SOCKET_CHARS of frame data, a frame goes as its
 * length alone (`data` '', `truncatedFrom` set), which the worker counts as dropped. A page flooding a tracked
 * socket must not flood the runtime channel every other report of the tab shares.
 */
import type { HookMessage } from '../shared/hook-messages'
import { MAX_SOCKET_CHARS } from '../shared/hook-messages'

export function socketBudget(limit = MAX_SOCKET_CHARS): (message: HookMessage) => HookMessage {
  const relayed = new Map<string, number>()
  return (message) => {
    if (message.kind !== 'ws-frame' || message.data === '') return message
    const sent = relayed.get(message.id) ?? 0
    if (sent >= limit) return { ...message, data: '', truncatedFrom: message.truncatedFrom ?? message.data.length }
    relayed.set(message.id, sent + message.data.length)
    return message
  }
}
