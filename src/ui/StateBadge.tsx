import type { LifecycleState } from '../session/session'

const MEANING: Record<LifecycleState, string> = {
  pending: 'Start sent; the vendor has not issued a session ID yet',
  active: 'Open: the vendor accepts events for it',
  completed: 'The content completed (sessionComplete)',
  ended: 'Closed with sessionEnd',
  expired: 'Closed by the vendor after a timeout',
  rejected: 'The vendor refused to start it',
}

/** A session's lifecycle state as a coloured badge. The text is exactly the state word (tests rely on it). */
export function StateBadge({ state }: { state: LifecycleState }) {
  return (
    <span class={`state-badge state-${state}`} data-testid="session-state" title={MEANING[state] ?? state}>
      {state}
    </span>
  )
}
