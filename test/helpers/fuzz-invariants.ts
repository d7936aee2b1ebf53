/** What every fuzzed call must give back: the documented shape, whatever it was fed. */
import type { Decoded, ProtocolAdapter } from '../../src/protocols/adapter'
import type { CapturedRequest } from '../../src/protocols/captured-request'
import type { JsonReport } from '../../src/report/json-report'

const SEVERITIES = new Set(['error', 'warning', 'info'])
/** What a terminal would act on, or a line break: never in a message that quotes page or file content. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
export const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/

function fail(what: string, detail: unknown): never {
  throw new Error(`${what}: ${JSON.stringify(detail)?.slice(0, 300)}`)
}

/** A Decoded of this adapter for this capture: events and problems well-formed, every path and reason named. */
export function assertDecoded(adapter: ProtocolAdapter, capture: CapturedRequest, decoded: Decoded): void {
  if (!Array.isArray(decoded.events) || !Array.isArray(decoded.problems)) fail('decode returned no events/problems arrays', decoded)
  for (const event of decoded.events) {
    if (event.protocol !== adapter.id) fail('event of another protocol', event.protocol)
    if (event.origin.capture !== capture.seq) fail('event points at another capture', event.origin)
    // May be empty: the type as the page sent it (`"eventType": ""`), which unknown-event-type reports.
    if (typeof event.type !== 'string') fail('event type not a string', (event as { type: unknown }).type)
    if (!Array.isArray(event.missingFields) || event.missingFields.some((path) => typeof path !== 'string' || path === '')) fail('missingFields not a list of paths', event.missingFields)
    for (const issue of event.invalidFields) {
      if (typeof issue.path !== 'string' || issue.path === '' || typeof issue.problem !== 'string' || !SEVERITIES.has(issue.severity)) fail('field issue without path, problem or severity', issue)
    }
    if (event.sessionId !== null && typeof event.sessionId !== 'string') fail('session ID not a string', event.sessionId)
    if (event.playhead !== null && !Number.isFinite(event.playhead)) fail('playhead not a finite number', event.playhead)
  }
  for (const problem of decoded.problems) {
    if (problem.protocol !== adapter.id || problem.capture !== capture.seq) fail('problem of another protocol or capture', problem)
    if (typeof problem.reason !== 'string' || problem.reason.trim() === '') fail('problem without a reason', problem)
    if (CONTROL.test(problem.reason)) fail('problem reason with control characters', problem.reason)
    if (problem.kind !== 'malformed' && problem.kind !== 'not-visible') fail('problem of unknown kind', problem.kind)
  }
}

/** A lint report as the contract describes it. */
export function assertReport(report: JsonReport): void {
  if (report.tool.name !== 'sessionscope') fail('report without its tool', report.tool)
  for (const finding of report.findings) {
    if (typeof finding.rule !== 'string' || !SEVERITIES.has(finding.severity) || typeof finding.message !== 'string' || finding.message === '') fail('finding malformed', finding)
    if (finding.entry !== null && !Number.isInteger(finding.entry)) fail('finding entry not an index', finding)
    if (CONTROL.test(finding.message)) fail('finding message with control characters', finding.message)
  }
  const counted = report.summary.errors + report.summary.warnings + report.summary.infos
  if (counted !== report.findings.length) fail('summary counts disagree with the findings', report.summary)
}

function assertHeaders(headers: unknown, where: string): void {
  if (!Array.isArray(headers) || headers.some((h) => typeof h?.name !== 'string' || typeof h?.value !== 'string')) fail(`${where}: headers not a list of {name, value} strings`, headers)
}

function assertBody(body: unknown, where: string): void {
  if (body === null) return
  const b = body as { text?: unknown; encoding?: unknown }
  if (typeof b.text !== 'string' || (b.encoding !== undefined && b.encoding !== 'base64')) fail(`${where}: body not {text[, encoding: base64]}`, body)
}

/** What the importer hands the adapters: typed exactly as CapturedRequest says, whatever the HAR held. */
export function assertCaptures(captures: readonly CapturedRequest[]): void {
  captures.forEach((capture, i) => {
    const where = `capture ${i}`
    if (!Number.isInteger(capture.seq) || typeof capture.url !== 'string' || typeof capture.method !== 'string') fail(`${where}: seq, url or method mistyped`, capture)
    if (!Number.isFinite(capture.observedAt)) fail(`${where}: observedAt not a finite number`, capture.observedAt)
    assertHeaders(capture.requestHeaders, where)
    assertBody(capture.requestBody, `${where} request`)
    if (capture.response !== null) {
      if (!Number.isFinite(capture.response.status)) fail(`${where}: status not a number`, capture.response.status)
      assertHeaders(capture.response.headers, `${where} response`)
      assertBody(capture.response.body, `${where} response`)
    }
    for (const frame of capture.frames ?? []) {
      if ((frame.direction !== 'send' && frame.direction !== 'receive') || !Number.isFinite(frame.time) || !Number.isFinite(frame.opcode) || typeof frame.data !== 'string') fail(`${where}: frame mistyped`, frame)
    }
  })
}
