/**
 * What the store holds of a capture. By default the capture redacted as an export is (report/redact.ts): no
 * credential, cookie or token signature sits in clear on disk, while what the checks judge stays (a JWT's header and
 * claims, an Authorization scheme, a value sent empty). The engine judges this form too, so what it derives (events,
 * their details, findings, sessions) holds no secret either, and a replay from the store after the worker restarts
 * judges exactly what was judged live. A tab's address and title are kept redacted too. The real values stay in the worker's memory, in the open tab's recent
 * captures, and leave with it. With `keepSecretsOnDisk`, captures are stored as they were sent.
 */
import type { WebSocketFrame } from '../protocols/captured-request'
import { redactCapture, redactFrame, redactText } from '../report/redact'
import type { ExtraSecretNames } from '../report/secret-names'
import type { CaptureRecord } from '../store/records'

export interface AtRestChoice {
  keepSecretsOnDisk: boolean
  extraSecretNames: ExtraSecretNames
}

export interface AtRest {
  capture(capture: CaptureRecord): CaptureRecord
  frame(frame: WebSocketFrame): WebSocketFrame
  /** A tab's address and title. */
  text(text: string): string
  /** What the form was made from: with `keepSecretsOnDisk`, `capture`, `frame` and `text` change nothing. */
  choice: AtRestChoice
}

/** Secrets redacted on disk, no extra names: what the worker does unless told otherwise. */
export const DEFAULT_AT_REST_CHOICE: AtRestChoice = { keepSecretsOnDisk: false, extraSecretNames: [] }

export function atRestForm(choice: AtRestChoice): AtRest {
  if (choice.keepSecretsOnDisk) return { capture: (capture) => capture, frame: (frame) => frame, text: (text) => text, choice }
  const extra = choice.extraSecretNames
  // A socket is applied again each time it grows: each frame is redacted once, not once per write.
  const frames = new WeakMap<WebSocketFrame, WebSocketFrame>()
  const frameAtRest = (frame: WebSocketFrame): WebSocketFrame => {
    if (typeof frame !== 'object' || frame === null) return frame
    let redacted = frames.get(frame)
    if (redacted === undefined) frames.set(frame, (redacted = redactFrame(frame, extra)))
    return redacted
  }
  return {
    capture(capture) {
      if (capture.frames === undefined) return redactCapture(capture, extra)
      const { frames: raw, ...request } = capture
      return { ...redactCapture(request, extra), frames: raw.map(frameAtRest) }
    },
    frame: frameAtRest,
    text: (text) => redactText(text, extra),
    choice,
  }
}
