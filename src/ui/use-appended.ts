/** Values derived from a list that grows by appending (a session's events while they load), at the cost of what is new. */
import { useRef } from 'preact/hooks'

export interface Appender<T, A, R> {
  /** A fresh accumulator. */
  start(): A
  /** Takes in `list[from]` … `list[to - 1]`. */
  add(accumulator: A, list: readonly T[], from: number, to: number): void
  /** The derived value so far: a new object each time, so memos that depend on it see the change. */
  read(accumulator: A): R
}

/**
 * `appender` applied to `list`. A list that extends the previous one (same items in front, as the paged event
 * reads produce) adds only its new items; any other list, or different `inputs`, starts again.
 */
export function useAppended<T, A, R>(list: readonly T[], inputs: readonly unknown[], appender: Appender<T, A, R>): R {
  const state = useRef<{ list: readonly T[]; inputs: readonly unknown[]; accumulator: A; value: R } | null>(null)
  const last = state.current
  const sameInputs = last !== null && last.inputs.length === inputs.length && last.inputs.every((input, i) => Object.is(input, inputs[i]))
  if (last && sameInputs && last.list === list) return last.value
  const extending = last !== null && sameInputs && extendsList(last.list, list)
  const accumulator = extending ? last.accumulator : appender.start()
  appender.add(accumulator, list, extending ? last.list.length : 0, list.length)
  const value = appender.read(accumulator)
  state.current = { list, inputs, accumulator, value }
  return value
}

/** Whether `next` is `previous` with items appended (checked at its ends: paged reads never change the middle). */
export function extendsList<T>(previous: readonly T[], next: readonly T[]): boolean {
  if (next.length < previous.length) return false
  return previous.length === 0 || (next[0] === previous[0] && next[previous.length - 1] === previous[previous.length - 1])
}
