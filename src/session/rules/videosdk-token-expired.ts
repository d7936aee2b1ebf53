import { readingOf } from '../../protocols/tracking-event'
import { clock } from './describe'
import { durationText } from '../../protocols/time-text'
import { VIDEOSDK_DOCS } from './docs-links'
import { tokenExpiredAt } from './videosdk/checks'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'videosdk-token-expired',
  severity: 'error',
  title: 'VideoSDK token had expired when the request was sent',
  why:
    'VideoSDK refuses a token once its exp has passed (error 4002 INVALID_TOKEN: "empty, invalid, or has ' +
    'expired"; the server SDK rejects it when now ≥ exp), so the request fails: the room is not created, the ' +
    'session not ended, the participant does not join.',
  fix:
    "Mint a fresh token for each use, or renew it before exp (the docs' example lasts 120 minutes, the server " +
    "SDK's default 24 hours), and check the minting server's clock.",
  docs: VIDEOSDK_DOCS.errorCodes,
  protocols: ['videosdk'],
  onEvent({ event }) {
    const reading = readingOf(event, 'videosdk')
    const expiredAt = reading ? tokenExpiredAt(reading) : null
    if (!reading || expiredAt === null) return null
    return { message: `The token of ${event.type} expired at ${clock(expiredAt)}, ${durationText(reading.requestTime - expiredAt)} before this request.` }
  },
}
export default rule
