import { sameLocation } from '../locations'
import type { ExpiryReason } from '../session'
import { clock, expiryCause, sessionName } from './describe'
import type { Rule } from './rule'

type ExpiryRuleText = Pick<Rule, 'id' | 'title' | 'why' | 'fix' | 'docs'>

/**
 * The three expiry rules differ only in their cause. An expiry is an error at the first event that arrives for
 * the closed session (that event is lost); with no later event it is only information: abandoning a session
 * is normal in browsers, and nothing was lost. Nor is anything lost when that first event is the session's end:
 * a sessionEnd racing the timeout (Adobe's media SDKs end a session paused for 30 minutes themselves, at the very
 * moment the backend does) closes what is already closed, and Adobe documents that race as harmless.
 */
export function expiryRule(reason: ExpiryReason, text: ExpiryRuleText): Rule {
  return {
    ...text,
    why: `${text.why} A sessionEnd that arrives after the timeout loses nothing, so it is only information.`,
    severity: 'error',
    onEvent({ event, after, settings }) {
      const expiry = after.expiry
      if (!expiry || expiry.reason !== reason || !sameLocation(expiry.revealedBy, event.origin)) return null
      if (event.role === 'end') {
        return {
          severity: 'info',
          message:
            `${event.type} arrived for ${sessionName(after)} at ${clock(event.observedAt)}, as the vendor closed the ` +
            `session at ${clock(expiry.at)} (${expiryCause(reason, settings)}). The session was over either way: ` +
            'an end that races the timeout loses nothing.',
        }
      }
      return {
        message:
          `${event.type} arrived for ${sessionName(after)} at ${clock(event.observedAt)}, but the vendor closed the ` +
          `session at ${clock(expiry.at)} (${expiryCause(reason, settings)}): this event and every later one ` +
          'sent with this session ID are lost.',
      }
    },
    onClock({ before, after, settings }) {
      if (before.expiry || !after.expiry || after.expiry.reason !== reason) return null
      return {
        severity: 'info',
        message:
          `${sessionName(after)} expired at ${clock(after.expiry.at)} (${expiryCause(reason, settings)}) without ` +
          'sessionEnd. Nothing was lost unless the player sends more events with this ID.',
      }
    },
  }
}
