import type { Rule } from './rule'

const rule: Rule = {
  id: 'body-truncated',
  severity: 'warning',
  title: 'A body or WebSocket frame was larger than the capture limit and was cut',
  why:
    'Sessionscope keeps at most 1 MiB of each request body, response body and WebSocket frame, so one huge ' +
    'payload cannot exhaust the browser. What lies past the cut was not checked, and a cut JSON body usually ' +
    'cannot be decoded at all. A tracking payload this large is itself suspect: vendors reject or drop ' +
    'oversized requests.',
  fix:
    'Keep tracking payloads small (a media event is a few kilobytes). To check a larger one anyway, export ' +
    'the capture from DevTools (Network → Save all as HAR) and lint the file with the CLI, which has no ' +
    'size limit. The README section "Capture limits" lists every limit.',
  docs: 'https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/webRequest',
  onProblem(problem) {
    if (problem.kind !== 'truncated') return null
    return { message: `Only part of this request was captured: ${problem.reason}.` }
  },
}
export default rule
