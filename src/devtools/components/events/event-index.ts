/**
 * Finds events by capture and ordinal in constant time, so tying thousands of findings to tens of thousands of
 * events stays linear. Pure.
 */
import type { Finding, Severity } from '../../../session/finding'
import type { EventRecord } from '../../../store/records'
import { worstSeverity } from '../../../ui/worst-finding'

export interface EventIndex {
  /** By eventKey. */
  byKey: ReadonlyMap<string, EventRecord>
  /** The first event of each capture, in list order. */
  firstOfCapture: ReadonlyMap<number, EventRecord>
  /** The findings on each event, by eventKey; events without findings are absent. */
  findingsOf: ReadonlyMap<string, readonly Finding[]>
  /** The worst severity among each event's findings, by eventKey. */
  marks: ReadonlyMap<string, Severity>
}

/** Identifies an event within a scope: its capture and its index among that capture's events. */
export function eventKey(event: { capture: number; ordinal: number }): string {
  return `${event.capture}:${event.ordinal}`
}

/** Where the event with this key is in a list, or -1; compares numbers, so a 50,000-event scan takes well under a millisecond. */
export function indexOfKey(events: readonly EventRecord[], key: string | undefined): number {
  if (key === undefined) return -1
  const colon = key.indexOf(':')
  const capture = Number(key.slice(0, colon))
  const ordinal = Number(key.slice(colon + 1))
  return events.findIndex((event) => event.capture === capture && event.ordinal === ordinal)
}

export function indexEvents(events: readonly EventRecord[], findings: readonly Finding[]): EventIndex {
  // Findings about a whole request mark each of its events; only those requests need their events gathered.
  const wholeRequests = new Map<number, EventRecord[]>()
  for (const finding of findings) if (finding.at && finding.at.ordinal === null) wholeRequests.set(finding.at.capture, [])
  const byKey = new Map<string, EventRecord>()
  const firstOfCapture = new Map<number, EventRecord>()
  for (const event of events) {
    byKey.set(eventKey(event), event)
    if (!firstOfCapture.has(event.capture)) firstOfCapture.set(event.capture, event)
    wholeRequests.get(event.capture)?.push(event)
  }
  const findingsOf = new Map<string, Finding[]>()
  const mark = (event: EventRecord, finding: Finding) => {
    const key = eventKey(event)
    const list = findingsOf.get(key)
    if (list) list.push(finding)
    else findingsOf.set(key, [finding])
  }
  for (const finding of findings) {
    const at = finding.at
    if (at === null) continue
    if (at.ordinal === null) for (const event of wholeRequests.get(at.capture) ?? []) mark(event, finding)
    else {
      const event = byKey.get(eventKey({ capture: at.capture, ordinal: at.ordinal }))
      if (event) mark(event, finding)
    }
  }
  const marks = new Map<string, Severity>()
  for (const [key, list] of findingsOf) {
    const severity = worstSeverity(list)
    if (severity) marks.set(key, severity)
  }
  return { byKey, firstOfCapture, findingsOf, marks }
}

/** The event a finding points at; a finding about a whole request points at that request's first event. */
export function eventOfFinding(finding: Finding, index: EventIndex): EventRecord | undefined {
  const at = finding.at
  if (at === null) return undefined
  if (at.ordinal !== null) return index.byKey.get(eventKey({ capture: at.capture, ordinal: at.ordinal }))
  return index.firstOfCapture.get(at.capture)
}

/** Whether a finding is about this event (or about the request that carried it). */
export function findingIsOn(finding: Finding, event: EventRecord): boolean {
  const at = finding.at
  return at !== null && at.capture === event.capture && (at.ordinal === null || at.ordinal === event.ordinal)
}

