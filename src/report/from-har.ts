/**
 * HAR 1.2 → CapturedRequest[], for HAR files written by Chrome, Firefox, Charles, Proxyman, mitmproxy,
 * Playwright's recordHar and Sessionscope itself (http://www.softwareishard.com/blog/har-12-spec/).
 * Each capture's `seq` is its entry index, so findings point at HAR entries. How each tool writes HAR:
 * test/fixtures/har-flavours/README.md.
 */
import type { CapturedBody, CapturedRequest, HttpHeader, WebSocketFrame } from '../protocols/captured-request'
import { asNumber, asString, fields, isRecord, parseErrorText } from '../protocols/json-body'
import { parseTime } from '../protocols/time-text'

export interface HarCapture {
  captures: CapturedRequest[]
  /** The latest moment the capture covers: its last response, or the time Sessionscope exported it. */
  observedUntil: number | null
  /** The settings a Sessionscope export was judged with, if it says (unvalidated: read with readUserSettings). */
  settings: unknown
}

/** Why a file is not a readable HAR. The CLI prints `message` as its one-line reason. */
export class HarError extends Error {
  override name = 'HarError'
}

/** Reads a HAR document (text or parsed JSON). Throws HarError when it is not a HAR at all. Pure. */
export function fromHar(input: unknown): HarCapture {
  const har = openHar(input)
  const captures: CapturedRequest[] = []
  const observedUntil = har.read((capture) => captures.push(capture))
  return { captures, observedUntil, settings: har.settings }
}

/** A HAR document whose entries are read one capture at a time. */
export interface HarReader {
  /** The settings a Sessionscope export was judged with, if it says (unvalidated: read with readUserSettings). */
  settings: unknown
  /**
   * Hands every entry that is a request to `visit`, as a capture, in file order; returns the latest moment the
   * capture covers. Once only: a HAR read from text lets go of each entry once read, so a large file's
   * entries need not all stay in memory next to what is made of them.
   */
  read(visit: (capture: CapturedRequest) => void): number | null
}

/** Opens a HAR document (text or parsed JSON). Throws HarError when it is not a HAR at all. Pure. */
export function openHar(input: unknown): HarReader {
  let parsed: unknown = input
  const owned = typeof input === 'string'
  if (owned) {
    try {
      parsed = JSON.parse(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input)
    } catch (error) {
      throw new HarError(`not valid JSON (${parseErrorText(error)})`)
    }
  }
  const log = fields(parsed).log
  if (!isRecord(log)) throw new HarError('not a HAR file: there is no "log" object')
  const entries = fields(log).entries
  if (!Array.isArray(entries)) throw new HarError('not a HAR file: "log.entries" is not an array')
  let read = false
  return {
    settings: fields(fields(log)._sessionscope).settings,
    read(visit) {
      if (read) throw new Error('a HAR document is read once: its entries are let go as they are read')
      read = true
      let previousTime = 0
      let observedUntil: number | null = exportedUntil(log)
      for (let index = 0; index < entries.length; index++) {
        const entry: unknown = entries[index]
        // Only a document this reader parsed is its own to empty; a caller's object is left as it was.
        if (owned) entries[index] = undefined
        const capture = toCapture(entry, index, previousTime)
        if (!capture) continue
        previousTime = capture.observedAt
        const end = capture.observedAt + Math.max(0, asNumber(fields(entry).time) ?? 0)
        const lastFrame = capture.frames?.at(-1)?.time ?? 0
        observedUntil = Math.max(observedUntil ?? 0, end, lastFrame)
        visit(capture)
      }
      return observedUntil
    },
  }
}

// Optional fields are set only when present, so a capture has no `frames: undefined`. They are assigned, not
// spread in: a spread makes a fresh object per entry, garbage that a large file multiplies.
// Fields are read by name (`fields`), not by `field(value, key)`: a large HAR is millions of reads.
function toCapture(entryValue: unknown, index: number, previousTime: number): CapturedRequest | null {
  const entry = fields(entryValue)
  const request = fields(entry.request)
  const url = asString(request.url)
  if (url === undefined) return null
  const started = parseTime(asString(entry.startedDateTime) ?? '')
  const sessionscope = fields(entry._sessionscope)
  const capture: CapturedRequest = {
    seq: index,
    url,
    method: (asString(request.method) ?? 'GET').toUpperCase(),
    requestHeaders: headersFromHar(request.headers),
    requestBody: requestBody(request.postData, asNumber(request.bodySize)),
    // Sessionscope's own exports say when no response was ever seen (HAR has no way to say it).
    response: sessionscope.responseSeen === false ? null : response(entry.response),
    // An entry without a readable start time keeps the order it has in the file.
    observedAt: Number.isFinite(started) ? started : previousTime,
    tabId: null,
    frameId: null,
  }
  const messages = entry._webSocketMessages
  if (Array.isArray(messages)) capture.frames = frames(messages)
  // Sessionscope's own exports say when reports about a request were dropped at a capture limit.
  const dropped = asString(sessionscope.dropped)
  if (dropped !== undefined) capture.dropped = dropped
  return capture
}

/**
 * A body as captured, or a WebSocket frame: base64 marked, and Sessionscope's own exports' mark of a body or
 * frame cut at the capture size limit (its original length).
 */
function markBody<T extends { encoding?: 'base64'; truncatedFrom?: number }>(body: T, encoding: string | undefined, source: unknown): T {
  if (encoding === 'base64') body.encoding = 'base64'
  const from = asNumber(fields(source)._truncatedFrom)
  if (from !== undefined) body.truncatedFrom = from
  return body
}

function headersFromHar(value: unknown): HttpHeader[] {
  const list: HttpHeader[] = []
  if (!Array.isArray(value)) return list
  for (const header of value) {
    const { name: nameValue, value: headerValue } = fields(header)
    const name = asString(nameValue)
    if (name !== undefined && headerValue !== undefined && headerValue !== null) list.push({ name, value: String(headerValue) })
  }
  return list
}

function requestBody(postDataValue: unknown, bodySize: number | undefined): CapturedBody | null {
  if (!isRecord(postDataValue)) return null
  const postData = fields(postDataValue)
  const mimeType = asString(postData.mimeType)
  const text = asString(postData.text)
  const encoding = asString(postData.encoding) ?? asString(postData._encoding)
  // Playwright's recordHar in 'attach' mode (the default for .zip) keeps the body in a file beside the HAR
  // (`_file`; `_sha1` in traces) and writes `text: ""`; in 'omit' mode it writes `text: ""` alone. An empty text
  // for a non-empty body means the body was not saved, not that it was empty.
  const notSaved = text === '' && (postData._file !== undefined || postData._sha1 !== undefined || (bodySize ?? 0) > 0)
  if (text !== undefined && !notSaved) return withMime(markBody<CapturedBody>({ text }, encoding, postData), mimeType)
  const params = postData.params
  if (Array.isArray(params) && (params.length > 0 || !notSaved)) {
    const form = new URLSearchParams()
    for (const param of params) form.append(asString(fields(param).name) ?? '', asString(fields(param).value) ?? '')
    return withMime({ text: form.toString() }, mimeType)
  }
  return null
}

function response(responseValue: unknown): CapturedRequest['response'] {
  const value = fields(responseValue)
  const status = asNumber(value.status)
  if (status === undefined) return null
  // Playwright writes status -1 until a response arrives. A request that failed keeps it, with `_failureText`:
  // it failed before any response, which the other tools write as status 0. Without one, the request was still
  // running when the HAR was written: no response seen.
  if (status < 0) return asString(value._failureText) !== undefined ? { status: 0, headers: [], body: null } : null
  const content = fields(value.content)
  const text = asString(content.text)
  const size = asNumber(content.size)
  const encoding = asString(content.encoding)
  let body: CapturedBody | null = null
  if (text !== undefined) body = withMime(markBody<CapturedBody>({ text }, encoding, content), asString(content.mimeType))
  else if (size === 0 || status === 204) body = { text: '' }
  const statusText = asString(value.statusText)
  const responseHeaders = headersFromHar(value.headers)
  return statusText === undefined ? { status, headers: responseHeaders, body } : { status, statusText, headers: responseHeaders, body }
}

function frames(value: unknown[]): WebSocketFrame[] {
  // Every message keeps its place, so `frame` in a finding is its index in `_webSocketMessages`; one this
  // importer cannot read becomes an empty frame, which no adapter decodes.
  let lastTime = 0
  const list: WebSocketFrame[] = value.map((messageValue) => {
    const message = fields(messageValue)
    const type = asString(message.type)
    const time = asNumber(message.time)
    const data = message.data
    // Seconds past ~1.8e305 overflow to Infinity as milliseconds: no real capture, so unreadable like a missing time.
    const ms = time === undefined ? Number.NaN : Math.round(time * 1000)
    if ((type !== 'send' && type !== 'receive') || !Number.isFinite(ms)) return { direction: 'receive', time: lastTime, opcode: 1, data: '' }
    lastTime = ms
    return markBody<WebSocketFrame>({ direction: type, time: lastTime, opcode: asNumber(message.opcode) ?? 1, data: typeof data === 'string' ? data : '' }, undefined, message)
  })
  return list
}

function withMime(body: CapturedBody, mimeType: string | undefined): CapturedBody {
  if (mimeType !== undefined) body.mimeType = mimeType
  return body
}

function exportedUntil(log: Record<string, unknown>): number | null {
  const until = parseTime(asString(fields(fields(log)._sessionscope).observedUntil) ?? '')
  return Number.isFinite(until) ? until : null
}
