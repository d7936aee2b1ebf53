import type { CaptureProblem, ProtocolId, TrackingEvent } from '../protocols/tracking-event'
import type { Finding } from './finding'
import { countFindings } from './finding'
import type { FindingDraft, Rule } from './rules/rule'
import { rules as allRules } from './rules'
import type { Session } from './session'
import type { EngineSettings } from './settings'
import { advanceClock, openSession, transition } from './transition'

export interface StepResult {
  session: Session
  findings: Finding[]
}

export interface StepOptions {
  rules?: readonly Rule[]
  /** When the event opens a session: its ID was issued before the capture began (EngineState.began). */
  beganBeforeCapture?: boolean
}

/**
 * Applies one event to a session (`before` null: the event opens a new session under `key`) and runs every
 * rule on the transition. Pure.
 */
export function step(before: Session | null, event: TrackingEvent, key: string, settings: EngineSettings, options: StepOptions = {}): StepResult {
  const rules = options.rules ?? allRules
  const after = transition(before ?? openSession(key, event, options.beganBeforeCapture), event, settings)
  const findings: Finding[] = []
  let reported = after.reported
  let groups = after.groups
  // One transition for every rule (rules only read it), not a fresh object per rule per event.
  const transitionSeen = { before, event, after, settings }
  for (const { rule, once, onEvent } of eventRules(rules, event.protocol)) {
    if (once && reported.includes(rule.id)) continue
    const drafts = onEvent(transitionSeen)
    if (!drafts) continue
    for (const draft of Array.isArray(drafts) ? (drafts as readonly FindingDraft[]) : [drafts as FindingDraft]) {
      const finding = toFinding(rule, draft, event.protocol, key, { ...event.origin })
      if (draft.group !== undefined) groups = noteGroup(finding, draft.group, groups)
      findings.push(finding)
    }
    if (once) reported = [...reported, rule.id]
  }
  // Most events raise nothing: `after` is transition's own fresh copy, so it is the result as it is.
  if (findings.length === 0) return { session: after, findings }
  // A finding pinned to this event replaces the same rule's finding about the session as a whole
  // (an expiry first noticed by the clock, then revealed by a late event).
  const superseded = after.openFindings.filter((open) => findings.some((f) => f.rule === open.rule))
  const counts = countFindings(countFindings(after.counts, superseded, -1), findings)
  const openFindings = superseded.length === 0 ? after.openFindings : after.openFindings.filter((f) => !superseded.includes(f))
  return { session: { ...after, counts, openFindings, reported, groups }, findings }
}

/** Distinct groups a session keeps track of (FindingDraft.group). */
export const MAX_GROUPS = 256

/**
 * Gives `finding` its group, and marks it a repeat when the session reported its rule and group before. Returns the
 * session's groups, with this one added when it is new.
 */
function noteGroup(finding: Finding, group: string, groups: readonly string[]): readonly string[] {
  finding.group = group
  const groupKey = `${finding.rule}\u241f${group}`
  if (groups.includes(groupKey)) {
    finding.repeat = true
    return groups
  }
  // A page can make every value differ; past the limit each finding stands alone, and a session stays small.
  return groups.length < MAX_GROUPS ? [...groups, groupKey] : groups
}

/**
 * A rule as `step` asks it about every event. Rules are object literals of many shapes (with or without
 * `protocols`, `oncePerSession`, `docsByProtocol`…), so reading their fields in the loop over every event would be
 * a megamorphic load each time; these entries all have one shape.
 */
interface EventRule {
  rule: Rule
  once: boolean
  onEvent: NonNullable<Rule['onEvent']>
}

/** Per rule list, the rules with an `onEvent` that concerns each protocol, in registry order. */
const EVENT_RULES = new WeakMap<readonly Rule[], Map<ProtocolId, readonly EventRule[]>>()

/** The rules `step` asks about an event of `protocol`: on large captures most rules concern other protocols. */
function eventRules(rules: readonly Rule[], protocol: ProtocolId): readonly EventRule[] {
  let byProtocol = EVENT_RULES.get(rules)
  if (byProtocol === undefined) EVENT_RULES.set(rules, (byProtocol = new Map<ProtocolId, readonly EventRule[]>()))
  let list = byProtocol.get(protocol)
  if (list === undefined) {
    const entries: EventRule[] = []
    for (const rule of rules) {
      const { onEvent } = rule
      if (onEvent === undefined || (rule.protocols !== undefined && !rule.protocols.includes(protocol))) continue
      entries.push({ rule, once: rule.oncePerSession === true, onEvent })
    }
    byProtocol.set(protocol, (list = entries))
  }
  return list
}

/** Lets time pass for a session with no event; it may expire. Pure. */
export function stepClock(before: Session, now: number, settings: EngineSettings, rules: readonly Rule[] = allRules): StepResult {
  const after = advanceClock(before, now, settings)
  if (after === before) return { session: before, findings: [] }
  const findings: Finding[] = []
  for (const rule of rules) {
    const draft = rule.onClock?.({ before, after, now, settings })
    if (draft) findings.push(toFinding(rule, draft, after.protocol, after.key, null))
  }
  return {
    session: { ...after, counts: countFindings(after.counts, findings), openFindings: [...after.openFindings, ...findings] },
    findings,
  }
}

/** Findings about a capture that could not be decoded into events. Pure. */
export function problemFindings(problem: CaptureProblem, rules: readonly Rule[] = allRules): Finding[] {
  const findings: Finding[] = []
  for (const rule of rules) {
    const draft = rule.onProblem?.(problem)
    if (draft) {
      findings.push(toFinding(rule, draft, problem.protocol, null, { capture: problem.capture, ordinal: null, frame: problem.frame }))
    }
  }
  return findings
}

function toFinding(
  rule: Rule,
  draft: FindingDraft,
  protocol: TrackingEvent['protocol'],
  sessionKey: string | null,
  at: Finding['at'],
): Finding {
  return {
    rule: rule.id,
    severity: draft.severity ?? rule.severity,
    message: draft.message,
    docs: rule.docsByProtocol?.[protocol] ?? rule.docs,
    sessionKey,
    at,
  }
}
