/**
 * Problems of a capture that come from the capture's own limits rather than from the traffic: a body or
 * WebSocket frame cut at the size limit, reports about the request dropped at the in-flight limit. They are
 * reported beside whatever the adapter could still decode, so a limit is never hit silently. Pure.
 */
import type { CapturedRequest } from './captured-request'
import type { CaptureProblem, ProtocolId } from './tracking-event'

export function limitProblems(capture: CapturedRequest, protocol: ProtocolId): CaptureProblem[] {
  // Nearly every capture is within the limits: answer those without building anything.
  if (capture.requestBody?.truncatedFrom === undefined && capture.response?.body?.truncatedFrom === undefined && capture.frames === undefined && capture.dropped === undefined) return []
  const problems: CaptureProblem[] = []
  const problem = (kind: CaptureProblem['kind'], frame: number | null, reason: string): void =>
    void problems.push({ protocol, kind, capture: capture.seq, frame, reason })
  const request = capture.requestBody?.truncatedFrom
  if (request !== undefined) problem('truncated', null, `the request body (${request} long) was cut to its first ${capture.requestBody!.text.length} characters`)
  const response = capture.response?.body?.truncatedFrom
  if (response !== undefined) problem('truncated', null, `the response body (${response} long) was cut to its first ${capture.response!.body!.text.length} characters`)
  capture.frames?.forEach((frame, index) => {
    if (frame.truncatedFrom !== undefined) problem('truncated', index, `the WebSocket frame (${frame.truncatedFrom} long) was cut to its first ${frame.data.length} characters`)
  })
  const dropped = droppedProblem(capture, protocol)
  if (dropped !== null) problems.push(dropped)
  return problems
}

/** The problem of reports dropped at a capture limit, always the last of `limitProblems`; null when none were. */
export function droppedProblem(capture: CapturedRequest, protocol: ProtocolId): CaptureProblem | null {
  return capture.dropped === undefined ? null : { protocol, kind: 'dropped', capture: capture.seq, frame: null, reason: capture.dropped }
}
