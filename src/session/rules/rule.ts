import type { CaptureProblem, ProtocolId, TrackingEvent } from '../../protocols/tracking-event'
import type { Severity } from '../finding'
import type { Session } from '../session'
import type { EngineSettings } from '../settings'

/** An event applied to a session. `before` is null when the event opened the session. */
export interface EventTransition {
  before: Session | null
  event: TrackingEvent
  after: Session
  settings: EngineSettings
}

/** Time passed with no event for the session. */
export interface ClockTransition {
  before: Session
  after: Session
  now: number
  settings: EngineSettings
}

export interface FindingDraft {
  message: string
  /** Defaults to the rule's severity. */
  severity?: Severity
  /**
   * What the finding is about, for findings a session repeats without losing anything new (one field's value on
   * every ping): drafts of the rule with the same group in one session become one finding with every occurrence.
   * Findings about events that each lose data have none.
   */
  group?: string
}

/**
 * One misuse rule. The file name is the rule id; the registry is `rules/index.ts`.
 * Checks are pure and see only their arguments.
 */
export interface Rule {
  readonly id: string
  readonly severity: Severity
  /** One line: what the rule catches. */
  readonly title: string
  /** Why it matters: what the vendor does with such traffic. */
  readonly why: string
  /** How to fix the implementation. */
  readonly fix: string
  /** The vendor documentation behind the rule. */
  readonly docs: string
  /** Protocol-specific documentation, when it differs from `docs`. */
  readonly docsByProtocol?: Partial<Record<ProtocolId, string>>
  /** Report only the first occurrence in a session: a player that gets it wrong once gets it wrong every time. */
  readonly oncePerSession?: boolean
  /** The only protocols whose events `onEvent` can flag (absent: any); the engine asks it about no others. */
  readonly protocols?: readonly ProtocolId[]
  /** A finding about the event, or several (one per field a rule checks), or none. */
  onEvent?(transition: EventTransition): FindingDraft | readonly FindingDraft[] | null
  onClock?(transition: ClockTransition): FindingDraft | null
  onProblem?(problem: CaptureProblem): FindingDraft | null
}
