/** The one registry of rules. Adding a rule is one file (named after its id) and one line here. */
import actionEventTypeMismatch from './action-event-type-mismatch'
import duplicateSessionEnd from './duplicate-session-end'
import eventAfterSessionComplete from './event-after-session-complete'
import eventAfterSessionEnd from './event-after-session-end'
import missingRequiredField from './missing-required-field'
import type { Rule } from './rule'
import sessionExpiredIdle from './session-expired-idle'
import sessionExpiredPlayheadStalled from './session-expired-playhead-stalled'
import sessionIdAdopted from './session-id-adopted'
import sessionStartRejected from './session-start-rejected'
import sessionTooOld from './session-too-old'
import undecodableRequest from './undecodable-request'
import unknownSessionId from './unknown-session-id'

/** In report order for findings on the same event: the shape of the request first, then the lifecycle. */
export const rules: readonly Rule[] = [
  undecodableRequest,
  missingRequiredField,
  actionEventTypeMismatch,
  unknownSessionId,
  eventAfterSessionEnd,
  duplicateSessionEnd,
  eventAfterSessionComplete,
  sessionExpiredIdle,
  sessionExpiredPlayheadStalled,
  sessionTooOld,
  sessionStartRejected,
  sessionIdAdopted,
]

export function ruleById(id: string): Rule | undefined {
  return rules.find((rule) => rule.id === id)
}
