import { bodyProblem, VIDEOSDK_DOCS } from '../videosdk-checks'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'videosdk-request-not-json',
  severity: 'error',
  title: 'VideoSDK POST not sent as JSON',
  why:
    'VideoSDK reads POST parameters from a JSON body and requires Content-Type: application/json "so that ' +
    'VideoSDK servers can understand that the incoming body parameter will be a JSON string". A form body or a ' +
    'missing Content-Type leaves roomId and the other parameters unread, and the request fails.',
  fix: 'Send JSON.stringify(parameters) with the header Content-Type: application/json.',
  docs: VIDEOSDK_DOCS.endSession,
  protocols: ['videosdk'],
  onEvent({ event }) {
    const problem = event.videosdk ? bodyProblem(event.videosdk) : null
    if (problem === null) return null
    return { message: `${event.type} is not sent as JSON: ${problem}.` }
  },
}
export default rule
