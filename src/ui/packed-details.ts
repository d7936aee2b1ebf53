/**
 * A long session's events kept by the panel with their decoded fields as JSON text. A payload tree is dozens of
 * objects, and every garbage collection of the panel walks all of them; a string is one cheap cell for the
 * collector, and only the selected event (or a search) needs the tree back.
 */
import type { EventRecord } from '../store/records'

export class PackedDetails {
  constructor(readonly json: string) {}
}

/** The event with its details packed; details JSON cannot hold (a cycle, a BigInt) stay as they are. */
export function packEvent(event: EventRecord): EventRecord {
  if (event.details === undefined || event.details === null || typeof event.details !== 'object') return event
  let json: string | undefined
  try {
    json = JSON.stringify(event.details)
  } catch {
    return event
  }
  return json === undefined ? event : { ...event, details: new PackedDetails(json) }
}

/** The decoded fields as a value, whether packed or not. */
export function unpackDetails(details: unknown): unknown {
  return details instanceof PackedDetails ? JSON.parse(details.json) : details
}
