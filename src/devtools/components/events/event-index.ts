/**
 * Finds events by capture and ordinal in constant time, so tying thousands of findings to tens of thousands of
 * events stays linear. Pure.
 */
import type { Finding, Severity } from '../../../session/finding'
import type { EventRecord } from '../../../store/records'
import type { Appender } from '../../../ui/use-appended'
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
  const appender = eventIndexAppender(findings)
  const indexer = appender.start()
  appender.add(indexer, events, 0, events.length)
  return appender.read(indexer)
}

interface Indexer {
  byKey: Map<string, EventRecord>
  firstOfCapture: Map<number, EventRecord>
  findingsOf: Map<string, Finding[]>
  marks: Map<string, Severity>
  /** Findings about one event, by eventKey, and about a whole request, by capture; each with its place in the list. */
  onEvent: Map<string, Array<[number, Finding]>>
  onCapture: Map<number, Array<[number, Finding]>>
}

/**
 * The index built as events arrive: each added event is tied to its findings once, so a session read in chunks
 * costs no more than one read at once.
 */
export function eventIndexAppender(findings: readonly Finding[]): Appender<EventRecord, Indexer, EventIndex> {
  return { start: () => startIndex(findings), add: addToIndex, read: readIndex }
}

function startIndex(findings: readonly Finding[]): Indexer {
  const onEvent = new Map<string, Array<[number, Finding]>>()
  const onCapture = new Map<number, Array<[number, Finding]>>()
  findings.forEach((finding, i) => {
    const at = finding.at
    if (at === null) return
    if (at.ordinal === null) append(onCapture, at.capture, [i, finding])
    else append(onEvent, eventKey({ capture: at.capture, ordinal: at.ordinal }), [i, finding])
  })
  return { byKey: new Map(), firstOfCapture: new Map(), findingsOf: new Map(), marks: new Map(), onEvent, onCapture }
}

function addToIndex(indexer: Indexer, events: readonly EventRecord[], from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const event = events[i]!
    const key = eventKey(event)
    indexer.byKey.set(key, event)
    if (!indexer.firstOfCapture.has(event.capture)) indexer.firstOfCapture.set(event.capture, event)
    const own = indexer.onEvent.get(key)
    const request = indexer.onCapture.get(event.capture)
    if (!own && !request) continue
    // In the findings' own order, whichever kind each is.
    const list = own && request ? [...own, ...request].sort((a, b) => a[0] - b[0]) : (own ?? request)!
    const found = list.map(([, finding]) => finding)
    indexer.findingsOf.set(key, found)
    const severity = worstSeverity(found)
    if (severity) indexer.marks.set(key, severity)
  }
}

function readIndex(indexer: Indexer): EventIndex {
  const { byKey, firstOfCapture, findingsOf, marks } = indexer
  return { byKey, firstOfCapture, findingsOf, marks }
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
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

