import { readingOf } from '../../protocols/tracking-event'
import { VIDEOSDK_DOCS } from './docs-links'
import { authorizationScheme } from './videosdk/checks'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'videosdk-authorization-prefix',
  severity: 'error',
  title: 'VideoSDK Authorization header starts with "Bearer" or another scheme',
  why:
    'VideoSDK takes the Authorization value as the token itself: its API reference says the value "will not ' +
    'include any prefix such as Basic or Bearer". Code copied from other APIs, or from the Bearer samples of ' +
    "VideoSDK's own v1 pages, adds one, and nothing documents that the server strips it.",
  fix: 'Send the JWT alone: `Authorization: eyJhbGciOi…`, with no scheme before it.',
  docs: VIDEOSDK_DOCS.endSession,
  protocols: ['videosdk'],
  onEvent({ event }) {
    const reading = readingOf(event, 'videosdk')
    const scheme = reading ? authorizationScheme(reading) : null
    if (scheme === null) return null
    return { message: `${event.type} sends Authorization as "${scheme} <token>"; VideoSDK expects the token alone, without a scheme.` }
  },
}
export default rule
