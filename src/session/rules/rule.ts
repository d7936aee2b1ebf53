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
  onEvent?(transition: EventTransition): FindingDraft | null
  onClock?(transition: ClockTransition): FindingDraft | null
  onProblem?(problem: CaptureProblem): FindingDraft | null
}
