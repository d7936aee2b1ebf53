import { readingOf } from '../../protocols/tracking-event'
import { VIDEOSDK_DOCS } from './docs-links'
import { bodyProblem } from './videosdk/checks'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'videosdk-request-not-json',
  severity: 'warning',
  title: 'VideoSDK POST not sent as JSON',
  why:
    'VideoSDK documents its POST parameters as a JSON body with Content-Type: application/json, "so that ' +
    'VideoSDK servers can understand that the incoming body parameter will be a JSON string". It does not say ' +
    'what becomes of a form body or a missing Content-Type, so such a request is a warning; when VideoSDK then ' +
    'refuses it, the body is the likely reason, and an error.',
  fix: 'Send JSON.stringify(parameters) with the header Content-Type: application/json.',
  docs: VIDEOSDK_DOCS.endSession,
  protocols: ['videosdk'],
  onEvent({ event }) {
    const reading = readingOf(event, 'videosdk')
    const problem = reading ? bodyProblem(reading) : null
    if (problem === null) return null
    if (event.vendorRejection) return { severity: 'error', message: `${event.type} is not sent as JSON, and VideoSDK refused it (${event.vendorRejection.reason}): ${problem}.` }
    return { message: `${event.type} is not sent as JSON: ${problem}.` }
  },
}
export default rule
