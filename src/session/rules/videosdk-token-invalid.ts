import { readingOf } from '../../protocols/tracking-event'
import { severest } from './conditions'
import { VIDEOSDK_DOCS } from './docs-links'
import { tokenProblems } from './videosdk/checks'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'videosdk-token-invalid',
  severity: 'error',
  title: 'VideoSDK token missing, malformed, or not fit for the request',
  why:
    'Every VideoSDK call needs an HS256 JWT signed with the API secret whose payload carries apikey and ' +
    'permissions. VideoSDK refuses a token that lacks them, that mixes ask_join with allow_join or allow_mod ' +
    '(error 4008), that is scoped to another room (4022), or whose role does not fit: a crawler token only ' +
    'reaches the v2 REST API, an rtc token only joins meetings. Without version 2, the roomId, participantId ' +
    'and roles claims do not apply (a warning).',
  fix:
    'Mint the token on your server with the API key and secret: HS256, { apikey, permissions, version: 2 }, ' +
    'roles ["crawler"] for the REST API or ["rtc"] for a participant who joins, and roomId or participantId only ' +
    'for the room and participant it is meant for.',
  docs: VIDEOSDK_DOCS.intro,
  protocols: ['videosdk'],
  onEvent({ event }) {
    const reading = readingOf(event, 'videosdk')
    const problems = reading ? tokenProblems(reading) : []
    if (problems.length === 0) return null
    const severity = severest(problems.map((problem) => problem.severity))
    const lead = severity === 'error' ? 'VideoSDK cannot accept the token of' : 'The token of'
    return { severity, message: `${lead} ${event.type}: ${problems.map((problem) => problem.text).join('; ')}.` }
  },
}
export default rule
