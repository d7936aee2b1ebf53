import { ADOBE_DOCS } from './docs-links'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'undecodable-request',
  severity: 'error',
  title: 'A tracking request could not be decoded',
  why:
    'A tracking request the vendor cannot parse is rejected, and none of its events are recorded. When the body ' +
    'was simply not visible to the capture, nothing can be checked for that request.',
  fix:
    'Send well-formed JSON with the documented envelope. If the body was not visible, make sure the page hook ' +
    'runs (it cannot in sandboxed frames) or capture with a proxy that records bodies.',
  docs: ADOBE_DOCS.mediaEdgeTroubleshooting,
  docsByProtocol: { gamesparks: 'https://api.gamesparks.net/' },
  onProblem(problem) {
    // Capture limits have rules of their own (body-truncated, capture-dropped).
    if (problem.kind === 'truncated' || problem.kind === 'dropped') return null
    if (problem.kind === 'not-visible') return { severity: 'warning', message: `Could not check this request: ${problem.reason}.` }
    return { message: `This request cannot be decoded: ${problem.reason}.` }
  },
}
export default rule
