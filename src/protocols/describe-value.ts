import { oneLine } from './json-body'

/** A short, safe description of a value for messages. */
export function describe(value: unknown): string {
  // JSON.stringify leaves C1 controls and line separators as they are; a finding message must not carry them.
  if (typeof value === 'string') return oneLine(JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value))
  if (Array.isArray(value)) return 'an array'
  if (value === null) return 'null'
  if (typeof value === 'object') return 'an object'
  return String(value)
}
