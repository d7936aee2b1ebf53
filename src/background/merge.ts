/**
 * Folds capture updates from webRequest and the page hook into one CaptureRecord per request, so neither
 * source double-counts. webRequest sees every request (headers, status, usually the body); the page hook
 * sees response bodies and beacon bodies. They are joined on tab, frame, method, URL, body and time.
 */
import type { CapturedBody } from '../protocols/captured-request'
import type { CaptureUpdate } from './capture-update'
import { normalizeUrl } from './capture-update'
import type { CaptureRecord, Scope } from '../store/records'

/** Two reports further apart than this are never the same request. */
const JOIN_WINDOW_MS = 30_000
/** Captures kept in memory per scope for joining. */
const RECENT_LIMIT = 500

export interface RecentCaptures {
  bySeq: Map<number, CaptureRecord>
  byRequestId: Map<string, number>
  byHookId: Map<string, number>
}

export function emptyRecent(): RecentCaptures {
  return { bySeq: new Map(), byRequestId: new Map(), byHookId: new Map() }
}

/** Remembers a capture (new or updated) for later joins. */
export function remember(recent: RecentCaptures, capture: CaptureRecord): void {
  recent.bySeq.delete(capture.seq)
  recent.bySeq.set(capture.seq, capture)
  if (capture.webRequestId !== undefined) recent.byRequestId.set(capture.webRequestId, capture.seq)
  if (capture.hookId !== undefined) recent.byHookId.set(capture.hookId, capture.seq)
  while (recent.bySeq.size > RECENT_LIMIT) {
    const [oldest, record] = recent.bySeq.entries().next().value as [number, CaptureRecord]
    recent.bySeq.delete(oldest)
    if (record.webRequestId !== undefined) recent.byRequestId.delete(record.webRequestId)
    if (record.hookId !== undefined) recent.byHookId.delete(record.hookId)
  }
}

/**
 * The capture an update creates or changes (a new object), or null when the update belongs to no known
 * capture (a response for a request that was not a tracking request).
 */
export function mergeUpdate(recent: RecentCaptures, scope: Scope, update: CaptureUpdate, nextSeq: () => number): CaptureRecord | null {
  switch (update.kind) {
    case 'request': {
      const url = normalizeUrl(update.url)
      const partner = findPartner(recent, (c) =>
        c.webRequestId === undefined && c.hookId !== undefined && c.frameId === update.frameId &&
        c.method === update.method && c.url === url && near(c.observedAt, update.time) && compatible(c.requestBody, update.body))
      if (partner) {
        return { ...partner, webRequestId: update.requestId, resourceType: update.resourceType, sources: [...partner.sources, 'webRequest'], requestBody: partner.requestBody ?? update.body }
      }
      return {
        seq: nextSeq(), scope, url, method: update.method, requestHeaders: [], requestBody: update.body, response: null,
        observedAt: Math.round(update.time), tabId: update.tabId, frameId: update.frameId, sources: ['webRequest'],
        webRequestId: update.requestId, resourceType: update.resourceType,
      }
    }
    case 'hook-request': {
      const { message } = update
      const url = normalizeUrl(message.url)
      const hookId = `${update.frameId}|${message.id}`
      const body: CapturedBody | null = message.body === null ? null : { ...message.body }
      const partner = findPartner(recent, (c) =>
        c.hookId === undefined && c.webRequestId !== undefined && c.frameId === update.frameId &&
        c.method === message.method && c.url === url && near(c.observedAt, message.time) && compatible(c.requestBody, body))
      if (partner) return { ...partner, hookId, sources: [...partner.sources, message.via], requestBody: partner.requestBody ?? body }
      return {
        seq: nextSeq(), scope, url, method: message.method, requestHeaders: [], requestBody: body, response: null,
        observedAt: Math.round(message.time), tabId: update.tabId, frameId: update.frameId, sources: [message.via], hookId,
      }
    }
    case 'request-headers': {
      const capture = byRequestId(recent, update.requestId)
      return capture ? { ...capture, requestHeaders: update.headers } : null
    }
    case 'response': {
      const capture = byRequestId(recent, update.requestId)
      if (!capture) return null
      return { ...capture, response: { status: update.status, statusText: update.statusText, headers: update.headers, body: capture.response?.body ?? null } }
    }
    case 'failed': {
      const capture = byRequestId(recent, update.requestId)
      if (!capture || capture.response !== null) return null
      return { ...capture, response: { status: 0, statusText: update.error, headers: [], body: null } }
    }
    case 'socket-open': {
      const { message } = update
      return {
        seq: nextSeq(), scope, url: normalizeUrl(message.url), method: 'GET', requestHeaders: [], requestBody: null,
        response: { status: 101, statusText: 'Switching Protocols', headers: [], body: null },
        observedAt: Math.round(message.time), tabId: update.tabId, frameId: update.frameId, sources: ['websocket'],
        hookId: `${update.frameId}|${message.id}`, frames: [],
      }
    }
    case 'socket-frame': {
      const seq = recent.byHookId.get(`${update.frameId}|${update.message.id}`)
      const capture = seq === undefined ? undefined : recent.bySeq.get(seq)
      if (!capture) return null
      const { message } = update
      const frame = { direction: message.direction, time: Math.round(message.time), opcode: message.opcode, data: message.data }
      return { ...capture, frames: [...(capture.frames ?? []), frame] }
    }
    case 'hook-response': {
      const seq = recent.byHookId.get(`${update.frameId}|${update.message.id}`)
      const capture = seq === undefined ? undefined : recent.bySeq.get(seq)
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
  }
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

/** Bodies match when either source could not see its body, or both saw the same bytes. */
function compatible(a: CapturedBody | null, b: CapturedBody | null): boolean {
  if (a === null || b === null) return true
  return a.text === b.text && (a.encoding ?? 'text') === (b.encoding ?? 'text')
}
