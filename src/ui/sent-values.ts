/**
 * The values captures were sent with, which the store may hold redacted (secrets are kept on disk only when the
 * user chose to): the worker's memory holds them for open tabs. Asked for in small batches, since a capture can hold
 * megabytes of bodies and a runtime message must stay far under the browser's 64 MiB.
 */
import { decodeCapture } from '../protocols'
import { engineSettings } from '../session/user-settings'
import { sendCommand } from '../shared/commands'
import { loadUserSettings } from '../shared/settings-storage'
import type { CaptureRecord, EventRecord, Scope } from '../store/records'

const CAPTURES_PER_MESSAGE = 8

/** The captures of `seqs` as sent, by seq; those the worker no longer holds are missing. */
export async function sentCaptures(scope: Scope, seqs: readonly number[]): Promise<Map<number, CaptureRecord>> {
  const sent = new Map<number, CaptureRecord>()
  for (let at = 0; at < seqs.length; at += CAPTURES_PER_MESSAGE) {
    for (const capture of await sendCommand({ type: 'sent-captures', scope, seqs: seqs.slice(at, at + CAPTURES_PER_MESSAGE) })) sent.set(capture.seq, capture)
  }
  return sent
}

/** The event's decoded fields from its capture as sent; undefined when the worker no longer holds it. */
export async function sentDetails(event: EventRecord): Promise<{ details: unknown } | undefined> {
  const [capture] = (await sentCaptures(event.scope, [event.capture])).values()
  if (capture === undefined) return undefined
  const { hosts } = engineSettings(await loadUserSettings())
  const decoded = decodeCapture(capture, hosts).events.find((candidate) => candidate.origin.ordinal === event.ordinal)
  return decoded && { details: decoded.details }
}

/**
 * A stored capture with the values its memory copy was sent with: URL, headers, bodies and frames (as many as the
 * store holds). Everything else (what it lost at the bounds, how it was seen) is the store's.
 */
export function withSentValues(stored: CaptureRecord, sent: CaptureRecord | undefined): CaptureRecord {
  if (sent === undefined) return stored
  const values: CaptureRecord = { ...stored, url: sent.url, requestHeaders: sent.requestHeaders, requestBody: sent.requestBody, response: sent.response }
  if (stored.frames !== undefined && sent.frames !== undefined) values.frames = sent.frames.slice(0, stored.frames.length)
  return values
}
