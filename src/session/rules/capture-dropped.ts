import type { Rule } from './rule'

const rule: Rule = {
  id: 'capture-dropped',
  severity: 'error',
  title: 'Reports about a request were dropped at a capture limit',
  why:
    'The capture of this request is incomplete: its response, its response body or later WebSocket frames ' +
    'reached Sessionscope after it had to forget the request to stay within its memory bounds. Findings that ' +
    'depend on the missing part (a session ID issued in a response, a rejected event) may be missing or wrong.',
  fix:
    'Nothing in the player is necessarily wrong: this is a limit of the capture. Capture fewer tabs at once, ' +
    'or record the traffic as a HAR file (DevTools → Network → Save all as HAR) and lint it with the CLI. ' +
    'The README section "Capture limits" lists every limit.',
  docs: 'https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/Background_scripts',
  onProblem(problem) {
    if (problem.kind !== 'dropped') return null
    return { message: `This capture is incomplete: ${problem.reason}.` }
  },
}
export default rule
