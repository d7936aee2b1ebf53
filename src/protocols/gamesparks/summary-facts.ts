/** What the GameSparks adapter tells people about a session, as summary facts. */
import { field } from '../json-body'
import { matchingUnit } from './facts'
import { nonEmptyString } from './messages'

/** "48, every 30 s": how many keep-alive frames the socket carried, and their usual spacing. */
export function keepAliveFact(times: readonly number[]): string {
  if (times.length < 2) return String(times.length)
  const gaps = times.slice(1).map((time, i) => time - times[i]!).sort((a, b) => a - b)
  const median = gaps[Math.floor(gaps.length / 2)]!
  return `${times.length}, every ${clockDuration(median)}`
}

/** `sessionDuration` for people, read in the unit that matches the observed length when one does. */
export function durationFact(sessionDuration: unknown, observedMs: number | null): string | null {
  if (typeof sessionDuration !== 'number' || !Number.isFinite(sessionDuration) || sessionDuration < 0) return null
  const unit = observedMs === null ? null : matchingUnit(sessionDuration, observedMs)
  if (unit === null) return `${sessionDuration} (unit not documented)`
  const clock = clockDuration(unit === 'ms' ? sessionDuration : sessionDuration * 1000)
  const raw = `${sessionDuration} ${unit}`
  return clock === raw ? clock : `${clock} (${raw})`
}

function clockDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  const minutes = Math.floor(ms / 60_000)
  const seconds = Math.round((ms % 60_000) / 1000)
  if (minutes < 60) return `${minutes} min ${seconds} s`
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`
}

export function userFact(value: Record<string, unknown>): string | null {
  const name = nonEmptyString(field(value, 'displayName'))
  const id = nonEmptyString(field(value, 'userId'))
  if (name !== null && id !== null) return `${name} (${id})`
  return name ?? id
}
