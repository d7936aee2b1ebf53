/**
 * Folds capture updates from webRequest and the page hook into one CaptureRecord per request, so neither
 * source double-counts. webRequest sees every request (headers, status, usually the body); the page hook
 * sees response bodies and beacon bodies. They are joined on tab, frame, method, URL, body and time.
 */
import type { CapturedBody, WebSocketFrame } from '../protocols/captured-request'
import type { CaptureUpdate } from './capture-update'
import { normalizeUrl } from './capture-update'
import type { CaptureRecord, CaptureSource, Scope } from '../store/records'
import { isBeaconType } from '../report/to-har'

/** Two reports further apart than this are never the same request. */
const JOIN_WINDOW_MS = 30_000
/** Settled captures kept in memory per scope (for joins of late duplicates and a worker's first updates). */
const RECENT_LIMIT = 500
/**
 * Captures still waiting for a report (a response, the other source, WebSocket frames) are kept beyond
 * RECENT_LIMIT, up to this many: a burst of requests all in flight at once must not lose their responses.
 */
export const IN_FLIGHT_LIMIT = 10_000

export interface RecentCaptures {
  bySeq: Map<number, CaptureRecord>
  byRequestId: Map<string, number>
  byHookId: Map<string, number>
  /** The latest observation time seen, the clock that makes a waiting capture stale. */
  latest: number
  /**
   * Captures no longer waiting, oldest first: the ones to forget when room is needed. Kept apart so a burst of
   * requests in flight is not scanned on every update.
   */
  settled: Map<number, CaptureRecord>
  /** Captures waiting only for the other source or the hook's body, which settle once the join window passes. */
  joining: Map<number, CaptureRecord>
  /** No capture in `joining` settles before this time (a lower bound: it may be earlier than the true one). */
  joiningUntil: number
  /**
   * Response bodies webRequest read before it reported the response's headers, by request id: Firefox delivers a
   * response filter's data apart from its webRequest events, and a short answer can overtake them.
   */
  earlyBodies: Map<string, CapturedBody>
}

export function emptyRecent(): RecentCaptures {
  return {
    bySeq: new Map(), byRequestId: new Map(), byHookId: new Map(), latest: Number.NEGATIVE_INFINITY,
    settled: new Map(), joining: new Map(), joiningUntil: Number.POSITIVE_INFINITY, earlyBodies: new Map(),
  }
}

/**
 * Remembers a capture (new or updated) for later joins. Returns the captures forgotten while still waiting
 * for a report (only when more than `inFlightLimit` are in flight): their later reports will be lost.
 */
export function remember(recent: RecentCaptures, capture: CaptureRecord, inFlightLimit = IN_FLIGHT_LIMIT): CaptureRecord[] {
  forget(recent, capture)
  recent.bySeq.set(capture.seq, capture)
  if (capture.webRequestId !== undefined) recent.byRequestId.set(capture.webRequestId, capture.seq)
  if (capture.hookId !== undefined) recent.byHookId.set(capture.hookId, capture.seq)
  recent.latest = Math.max(recent.latest, capture.observedAt)
  classify(recent, capture)
  const settledLimit = Math.min(RECENT_LIMIT, inFlightLimit)
  if (recent.bySeq.size <= settledLimit) return []
  const forgotten: CaptureRecord[] = []
  // Past the in-flight limit the oldest go, waiting or not.
  for (const record of recent.bySeq.values()) {
    if (recent.bySeq.size <= inFlightLimit) break
    if (isWaiting(record, recent.latest)) forgotten.push(record)
    forget(recent, record)
  }
  // Then settled captures, oldest first; those still waiting stay.
  if (recent.bySeq.size > settledLimit) settleJoining(recent)
  for (const record of recent.settled.values()) {
    if (recent.bySeq.size <= settledLimit) break
    forget(recent, record)
  }
  return forgotten
}

/** Files a just-remembered capture under settled or joining (captures waiting for a response or frames: neither). */
function classify(recent: RecentCaptures, capture: CaptureRecord): void {
  // Still waiting however late the clock: for its response or frames. Such captures are only forgotten past the in-flight limit.
  if (isWaiting(capture, Number.POSITIVE_INFINITY)) return
  if (!isWaiting(capture, recent.latest)) {
    recent.settled.set(capture.seq, capture)
    return
  }
  recent.joining.set(capture.seq, capture)
  recent.joiningUntil = Math.min(recent.joiningUntil, capture.observedAt + JOIN_WINDOW_MS)
}

/** Settles the joining captures whose join window has passed; scans only once the clock passed one's end. */
function settleJoining(recent: RecentCaptures): void {
  if (recent.latest <= recent.joiningUntil) return
  recent.joiningUntil = Number.POSITIVE_INFINITY
  const joiningBefore = recent.joining.size
  for (const record of recent.joining.values()) {
    if (isWaiting(record, recent.latest)) recent.joiningUntil = Math.min(recent.joiningUntil, record.observedAt + JOIN_WINDOW_MS)
    else recent.joining.delete(record.seq)
  }
  if (recent.joining.size === joiningBefore) return
  // Oldest settled go first: the newly settled take their places among the others.
  recent.settled.clear()
  for (const record of recent.bySeq.values()) if (!isWaiting(record, recent.latest)) recent.settled.set(record.seq, record)
}

function forget(recent: RecentCaptures, record: CaptureRecord): void {
  const known = recent.bySeq.get(record.seq)
  if (known === undefined) return
  recent.bySeq.delete(record.seq)
  recent.settled.delete(record.seq)
  recent.joining.delete(record.seq)
  // The stored version's ids: an update never changes them, but only adds the one it joined.
  if (known.webRequestId !== undefined && recent.byRequestId.get(known.webRequestId) === record.seq) recent.byRequestId.delete(known.webRequestId)
  if (known.hookId !== undefined && recent.byHookId.get(known.hookId) === record.seq) recent.byHookId.delete(known.hookId)
}

/** Whether a report about this capture may still come: its response, the other source's report, or frames. */
export function isWaiting(capture: CaptureRecord, latest: number): boolean {
  // A response or frame may come however late (webRequest reports an error at the latest).
  if (capture.frames !== undefined || capture.response === null) return true
  // The other source's report and the hook's response body come within the join window or not at all.
  if (latest - capture.observedAt > JOIN_WINDOW_MS) return false
  const hooked = capture.sources.includes('fetch') || capture.sources.includes('xhr')
  // The page hook reads the response body after webRequest saw the headers.
  if (hooked && capture.response.body === null && capture.response.status !== 0) return true
  // fetch and XHR are reported by both sources; the second report joins the first.
  if (capture.resourceType === 'xmlhttprequest' && capture.hookId === undefined) return true
  return capture.webRequestId === undefined && capture.sources.some((source) => source === 'fetch' || source === 'xhr' || source === 'beacon')
}

/**
 * The capture an update creates or changes (a new object; a socket's frame list is the same one, grown), or null
 * when the update belongs to no known capture (a response for a request that was not a tracking request).
 */
export function mergeUpdate(recent: RecentCaptures, scope: Scope, update: CaptureUpdate, nextSeq: () => number): CaptureRecord | null {
  switch (update.kind) {
    case 'request':
      return joinRequest(recent, scope, update, nextSeq)
    case 'hook-request':
      return joinHookRequest(recent, scope, update, nextSeq)
    case 'request-headers': {
      const capture = byRequestId(recent, update.requestId)
      return capture ? { ...capture, requestHeaders: update.headers } : null
    }
    case 'response':
      return withResponse(recent, update)
    case 'failed': {
      recent.earlyBodies.delete(update.requestId)
      const capture = byRequestId(recent, update.requestId)
      if (!capture || capture.response !== null) return null
      return { ...capture, response: { status: 0, statusText: update.error, headers: [], body: null } }
    }
    case 'socket-open':
      return openSocket(scope, update, nextSeq)
    case 'socket-frame':
      return appendFrame(recent, update)
    case 'hook-response':
      return withHookResponse(recent, update)
    case 'response-body': {
      const capture = byRequestId(recent, update.requestId)
      if (!capture) return null
      if (!capture.response) {
        recent.earlyBodies.set(update.requestId, update.body)
        return null
      }
      // The page hook's body, when it came first, is the same answer.
      if (capture.response.body !== null) return null
      return { ...capture, response: { ...capture.response, body: update.body } }
    }
  }
}

type UpdateOf<Kind extends CaptureUpdate['kind']> = Extract<CaptureUpdate, { kind: Kind }>

/** webRequest's report of a request: joined to the page hook's report of it, if that came first, or a new capture. */
function joinRequest(recent: RecentCaptures, scope: Scope, update: UpdateOf<'request'>, nextSeq: () => number): CaptureRecord {
  const url = normalizeUrl(update.url)
  const partner = findPartner(recent, (c) =>
    c.webRequestId === undefined && c.hookId !== undefined && c.frameId === update.frameId &&
    c.method === update.method && c.url === url && near(c.observedAt, update.time) && compatible(c.requestBody, update.body) &&
    sameKind(update.resourceType, c.sources[0]))
  if (partner) {
    return { ...partner, webRequestId: update.requestId, resourceType: update.resourceType, sources: [...partner.sources, 'webRequest'], requestBody: partner.requestBody ?? update.body }
  }
  return {
    seq: nextSeq(), scope, url, method: update.method, requestHeaders: [], requestBody: update.body, response: null,
    observedAt: Math.round(update.time), tabId: update.tabId, frameId: update.frameId, sources: ['webRequest'],
    webRequestId: update.requestId, resourceType: update.resourceType,
  }
}

/** The page hook's report of a request: joined to webRequest's report of it, if that came first, or a new capture. */
function joinHookRequest(recent: RecentCaptures, scope: Scope, update: UpdateOf<'hook-request'>, nextSeq: () => number): CaptureRecord {
  const { message } = update
  const url = normalizeUrl(message.url)
  const hookId = `${update.frameId}|${message.id}`
  const body: CapturedBody | null = message.body === null ? null : { ...message.body }
  const partner = findPartner(recent, (c) =>
    c.hookId === undefined && c.webRequestId !== undefined && c.frameId === update.frameId &&
    c.method === message.method && c.url === url && near(c.observedAt, message.time) && compatible(c.requestBody, body) &&
    sameKind(c.resourceType, message.via))
  if (partner) return { ...partner, hookId, sources: [...partner.sources, message.via], requestBody: partner.requestBody ?? body }
  return {
    seq: nextSeq(), scope, url, method: message.method, requestHeaders: [], requestBody: body, response: null,
    observedAt: Math.round(message.time), tabId: update.tabId, frameId: update.frameId, sources: [message.via], hookId,
  }
}

/** webRequest's response: status and headers; a body the page hook reported stays. */
function withResponse(recent: RecentCaptures, update: UpdateOf<'response'>): CaptureRecord | null {
  const capture = byRequestId(recent, update.requestId)
  if (!capture) return null
  const early = recent.earlyBodies.get(update.requestId)
  recent.earlyBodies.delete(update.requestId)
  return { ...capture, response: { status: update.status, statusText: update.statusText, headers: update.headers, body: capture.response?.body ?? early ?? null } }
}

function openSocket(scope: Scope, update: UpdateOf<'socket-open'>, nextSeq: () => number): CaptureRecord {
  const { message } = update
  return {
    seq: nextSeq(), scope, url: normalizeUrl(message.url), method: 'GET', requestHeaders: [], requestBody: null,
    response: { status: 101, statusText: 'Switching Protocols', headers: [], body: null },
    observedAt: Math.round(message.time), tabId: update.tabId, frameId: update.frameId, sources: ['websocket'],
    hookId: `${update.frameId}|${message.id}`, frames: [],
  }
}

function appendFrame(recent: RecentCaptures, update: UpdateOf<'socket-frame'>): CaptureRecord | null {
  const capture = socketOf(recent, update)
  if (!capture) return null
  const { message } = update
  const frame: WebSocketFrame = { direction: message.direction, time: Math.round(message.time), opcode: message.opcode, data: message.data }
  if (message.truncatedFrom !== undefined) frame.truncatedFrom = message.truncatedFrom
  // Appended in place: frames only ever grow, and a copy of the list per frame would cost a socket its length squared.
  const frames = capture.frames ?? []
  frames.push(frame)
  return { ...capture, frames }
}

/** The page hook's response: its body, and status and headers unless webRequest's (complete ones) came already. */
function withHookResponse(recent: RecentCaptures, update: UpdateOf<'hook-response'>): CaptureRecord | null {
  const capture = byHookReport(recent, update)
  if (!capture) return null
  const { message } = update
  const known = capture.response
  return {
    ...capture,
    response: {
      // webRequest's status and headers are complete; the page only sees CORS-exposed headers.
      status: known && known.status !== 0 ? known.status : message.status,
      statusText: known?.statusText || message.statusText,
      headers: known && known.headers.length > 0 ? known.headers : message.headers.map(([name, value]) => ({ name, value })),
      body: message.body === null ? null : { ...message.body },
    },
  }
}

/** The socket capture a frame report belongs to, if it is still in memory. */
export function socketOf(recent: RecentCaptures, update: UpdateOf<'socket-frame'>): CaptureRecord | undefined {
  return byHookReport(recent, update)
}

/** The capture a page hook's report is about, if it is still in memory. */
function byHookReport(recent: RecentCaptures, update: UpdateOf<'hook-response' | 'socket-frame'>): CaptureRecord | undefined {
  const seq = recent.byHookId.get(`${update.frameId}|${update.message.id}`)
  return seq === undefined ? undefined : recent.bySeq.get(seq)
}

function byRequestId(recent: RecentCaptures, requestId: string): CaptureRecord | undefined {
  const seq = recent.byRequestId.get(requestId)
  return seq === undefined ? undefined : recent.bySeq.get(seq)
}

/** The oldest matching capture: identical requests in flight pair up first-in, first-out. */
function findPartner(recent: RecentCaptures, matches: (capture: CaptureRecord) => boolean): CaptureRecord | undefined {
  for (const capture of recent.bySeq.values()) if (matches(capture)) return capture
  return undefined
}

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= JOIN_WINDOW_MS
}

/**
 * A beacon report joins only a beacon. Without this, a beacon whose body webRequest could not read (a Blob) joins
 * a fetch to the same URL, and every later beacon shifts onto its neighbour.
 */
function sameKind(resourceType: string | undefined, via: CaptureSource | undefined): boolean {
  if (resourceType === undefined || via === undefined) return true
  return (via === 'beacon') === isBeaconType(resourceType)
}

/** Bodies match when either source could not see its body, or both saw the same bytes. */
function compatible(a: CapturedBody | null, b: CapturedBody | null): boolean {
  if (a === null || b === null) return true
  return a.text === b.text && (a.encoding ?? 'text') === (b.encoding ?? 'text')
}
