/**
 * The relay's half of the page hook's work, done in the extension's isolated world where page scripts can neither
 * watch nor change it: saying which URLs and frames are tracking, and turning the hook's reports (HookReport, what
 * it saw as it found it) into the HookMessages the worker takes. Never throws.
 */
import { adapterForUrl, isTrackingFrame } from '../protocols'
import { bodyFromBytes, bodyFromText } from '../shared/capture-body'
import type { HookBody, HookReport, RawBody } from '../shared/hook-messages'
import { MAX_HEADER_NAME_CHARS, MAX_HEADER_VALUE_CHARS, MAX_HEADERS, MAX_STATUS_TEXT_CHARS, TRACKED_FRAME_QUERY, TRACKED_URL_QUERY } from '../shared/hook-messages'

/** Answers the hook's questions, dispatched on `port`: an event is cancelled when the answer is yes. */
export function answerTrackingQueries(port: EventTarget, baseUrl: () => string): void {
  port.addEventListener(TRACKED_URL_QUERY, (event) => {
    const url = absoluteUrl((event as CustomEvent).detail, baseUrl())
    if (url !== null && adapterForUrl(url) !== undefined) event.preventDefault()
  })
  port.addEventListener(TRACKED_FRAME_QUERY, (event) => {
    const text: unknown = (event as CustomEvent).detail
    if (typeof text === 'string' && isTrackingFrame(text)) event.preventDefault()
  })
}

/** The HookMessage a report stands for (still to be checked against the schema), or null. */
export function messageFromReport(report: unknown, baseUrl: string): unknown {
  try {
    const r = report as HookReport
    switch (r.kind) {
      case 'request': {
        const url = absoluteUrl(r.url, baseUrl)
        if (url === null || typeof r.method !== 'string') return null
        return { kind: 'request', id: r.id, via: r.via, url, method: r.method.toUpperCase(), body: bodyFromRaw(r.body), time: r.time }
      }
      case 'response':
        return { kind: 'response', id: r.id, status: r.status, statusText: String(r.statusText).slice(0, MAX_STATUS_TEXT_CHARS), headers: headerPairs(r.headers), body: bodyFromRaw(r.body) }
      case 'ws-open':
        return { kind: 'ws-open', id: r.id, url: r.url, time: r.time }
      case 'ws-frame': {
        const body = bodyFromRaw(r.body)
        if (body === null) return null
        // Binary frames that are UTF-8 text are kept as text, as the capture of a text frame.
        const frame = { kind: 'ws-frame', id: r.id, direction: r.direction, opcode: body.encoding === 'base64' ? 2 : 1, data: body.text, time: r.time }
        return body.truncatedFrom === undefined ? frame : { ...frame, truncatedFrom: body.truncatedFrom }
      }
      default:
        return null
    }
  } catch {
    return null
  }
}

/** The absolute URL without its fragment, as webRequest reports it; null when it is not a URL. */
function absoluteUrl(raw: unknown, baseUrl: string): string | null {
  if (typeof raw !== 'string') return null
  try {
    const url = new URL(raw, baseUrl)
    url.hash = ''
    return url.href
  } catch {
    return null
  }
}

function bodyFromRaw(raw: RawBody | null): HookBody | null {
  switch (raw?.kind) {
    case 'text':
      return bodyFromText(raw.text, raw.total)
    case 'bytes':
      return bodyFromBytes(new Uint8Array(raw.bytes, 0, raw.kept), raw.total)
    case 'json': {
      const text = JSON.stringify(raw.value) as string | undefined
      return text === undefined ? null : bodyFromText(text)
    }
    case 'form': {
      const form = new URLSearchParams()
      for (let i = 0; i + 1 < raw.pairs.length; i += 2) form.append(raw.pairs[i]!, raw.pairs[i + 1]!)
      return bodyFromText(form.toString())
    }
    default:
      return null
  }
}

/** `name: value` lines as pairs, within the schema's bounds (hook-messages.ts), so a real response always passes. */
function headerPairs(text: unknown): Array<[string, string]> {
  if (typeof text !== 'string') return []
  return text
    .split(/\r?\n/)
    .filter(Boolean)
    .slice(0, MAX_HEADERS)
    .map((line): [string, string] => {
      const colon = line.indexOf(':')
      return [line.slice(0, colon).trim().slice(0, MAX_HEADER_NAME_CHARS), line.slice(colon + 1).trim().slice(0, MAX_HEADER_VALUE_CHARS)]
    })
}
