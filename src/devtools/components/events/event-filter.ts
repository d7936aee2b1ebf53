/** Which events the list shows: the filters bar's choices, applied in one pass over the events. Pure. */
import type { Severity } from '../../../session/finding'
import type { EventRecord } from '../../../store/records'
import type { Appender } from '../../../ui/use-appended'
import type { EventIndex } from './event-index'
import { eventKey } from './event-index'
import { unpackDetails } from '../../../ui/packed-details'

export interface EventFilter {
  severity: Severity | ''
  rule: string
  type: string
  protocol: string
  /** Free text, matched case-insensitively against the event's decoded fields. */
  search: string
  onlyProblems: boolean
}

export const NO_FILTER: EventFilter = Object.freeze({ severity: '', rule: '', type: '', protocol: '', search: '', onlyProblems: false })

export function isFiltering(filter: EventFilter): boolean {
  return filter.severity !== '' || filter.rule !== '' || filter.type !== '' || filter.protocol !== '' || filter.search.trim() !== '' || filter.onlyProblems
}

/** The choices worth offering: only values that occur among the session's events and findings, sorted. */
export interface FilterOptions {
  types: string[]
  rules: string[]
  protocols: string[]
}

export function filterOptions(events: readonly EventRecord[], index: EventIndex): FilterOptions {
  const values = eventValues.start()
  eventValues.add(values, events, 0, events.length)
  return withRules(eventValues.read(values), index)
}

/** The rules of the findings on the indexed events, added to the types and protocols. */
export function withRules(values: Omit<FilterOptions, 'rules'>, index: EventIndex): FilterOptions {
  const rules = new Set<string>()
  for (const findings of index.findingsOf.values()) for (const finding of findings) rules.add(finding.rule)
  return { ...values, rules: [...rules].sort() }
}

/** The types and protocols among the events, each event taken in once as a long session arrives. */
export const eventValues: Appender<EventRecord, { types: Set<string>; protocols: Set<string> }, Omit<FilterOptions, 'rules'>> = {
  start: () => ({ types: new Set(), protocols: new Set() }),
  add({ types, protocols }, events, from, to) {
    for (let i = from; i < to; i++) {
      types.add(events[i]!.type)
      protocols.add(events[i]!.protocol)
    }
  },
  read: ({ types, protocols }) => ({ types: [...types].sort(), protocols: [...protocols].sort() }),
}

/** Builds the test once per filter, so filtering 50,000 events does no per-event setup. */
export function eventMatcher(filter: EventFilter, index: EventIndex): (event: EventRecord) => boolean {
  const needle = filter.search.trim().toLowerCase()
  const needsFindings = filter.onlyProblems || filter.severity !== '' || filter.rule !== ''
  return (event) => {
    if (filter.type !== '' && event.type !== filter.type) return false
    if (filter.protocol !== '' && event.protocol !== filter.protocol) return false
    if (needsFindings) {
      const findings = index.findingsOf.get(eventKey(event))
      if (!findings) return false
      if (filter.severity !== '' && !findings.some((finding) => finding.severity === filter.severity)) return false
      if (filter.rule !== '' && !findings.some((finding) => finding.rule === filter.rule)) return false
    }
    return needle === '' || searchTextOf(event).includes(needle)
  }
}

export function filterEvents(events: readonly EventRecord[], filter: EventFilter, index: EventIndex): readonly EventRecord[] {
  if (!isFiltering(filter)) return events
  return events.filter(eventMatcher(filter, index))
}

/** Event records are never mutated once read, so each one's text is built once, on the first search. */
const searchTexts = new WeakMap<EventRecord, string>()

export function searchTextOf(event: EventRecord): string {
  let text = searchTexts.get(event)
  if (text === undefined) {
    text = [event.type, event.sessionId ?? '', event.urlAction ?? '', detailsText(event.details)].join('\n').toLowerCase()
    searchTexts.set(event, text)
  }
  return text
}

/** JSON text (so `"key":"value"` finds a field), plus as typed every key or string JSON escapes: a value with a quote or backslash in it is found by its own text. */
function detailsText(packed: unknown): string {
  const details = unpackDetails(packed)
  const escaped: string[] = []
  const keep = (text: string) => {
    if (JSON_ESCAPED.test(text)) escaped.push(text)
  }
  try {
    const json =
      JSON.stringify(details, (key: string, value: unknown) => {
        keep(key)
        if (typeof value === 'string') keep(value)
        return value
      }) ?? ''
    return escaped.length === 0 ? json : [json, ...escaped].join('\n')
  } catch {
    return String(details)
  }
}

// eslint-disable-next-line no-control-regex -- the characters JSON escapes include the controls
const JSON_ESCAPED = /["\\\u0000-\u001f]/
