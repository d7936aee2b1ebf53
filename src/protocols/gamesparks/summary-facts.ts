/** What the GameSparks adapter tells people about a session, as summary facts. */
import { field } from '../json-body'
import { durationText } from '../time-text'
import { matchingUnit } from './reading'
import { nonEmptyString } from './messages'

/** "48, every 30 s": how many keep-alive frames the socket carried, and their usual spacing. */
export function keepAliveFact(times: readonly number[]): string {
  if (times.length < 2) return String(times.length)
  const gaps = times.slice(1).map((time, i) => time - times[i]!).sort((a, b) => a - b)
  const median = gaps[Math.floor(gaps.length / 2)]!
  return `${times.length}, every ${durationText(median)}`
}

/** `sessionDuration` for people, read in the unit that matches the observed length when one does. */
export function durationFact(sessionDuration: unknown, observedMs: number | null): string | null {
  if (typeof sessionDuration !== 'number' || !Number.isFinite(sessionDuration) || sessionDuration < 0) return null
  const unit = observedMs === null ? null : matchingUnit(sessionDuration, observedMs)
  if (unit === null) return `${sessionDuration} (unit not documented)`
  const clock = durationText(unit === 'ms' ? sessionDuration : sessionDuration * 1000)
  const raw = `${sessionDuration} ${unit}`
  return clock === raw ? clock : `${clock} (${raw})`
}

export function userFact(value: Record<string, unknown>): string | null {
  const name = nonEmptyString(field(value, 'displayName'))
  const id = nonEmptyString(field(value, 'userId'))
  if (name !== null && id !== null) return `${name} (${id})`
  return name ?? id
}
