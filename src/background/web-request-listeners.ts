/**
 * The webRequest side of capture. The vendors' own URLs are listened to from the worker's first moment (so an
 * event that wakes a stopped worker reaches it); hosts the user configured are added once the settings are
 * read, and replaced when they change. A request is reported by one set of listeners only.
 */
import type { WebRequest } from '../platform/browser'
import { browser, knowsExtraHeaders, readsResponseBodies } from '../platform/browser'
import type { HostSettings } from '../protocols'
import { adapterForUrl, responseBodyPatterns, webRequestPatterns } from '../protocols'
import { bodyFromBytes, joinBytes } from '../shared/capture-body'
import type { CapturedBody } from '../protocols/captured-request'
import { MAX_BODY_CHARS } from '../shared/hook-messages'
import type { CaptureUpdate } from './capture-update'
import { bodyFromWebRequest, headersFromWebRequest, initiatingOrigin } from './capture-update'

type Submit = (update: CaptureUpdate) => void

interface Registered {
  onBeforeRequest: (details: WebRequest.OnBeforeRequestDetailsType) => void
  onBeforeSendHeaders: (details: WebRequest.OnBeforeSendHeadersDetailsType) => void
  onHeadersReceived: (details: WebRequest.OnHeadersReceivedDetailsType) => void
  onErrorOccurred: (details: WebRequest.OnErrorOccurredDetailsType) => void
}

/** Listens for requests matching `patterns` whose URL `claims` accepts. Returns the function that stops. */
export function listenToRequests(patterns: string[], claims: (url: string) => boolean, submit: Submit): () => void {
  const filter: WebRequest.RequestFilter = { urls: patterns }
  const listeners: Registered = {
    onBeforeRequest: (details) => {
      if (claims(details.url)) {
        submit({
          kind: 'request', tabId: details.tabId, frameId: details.frameId, requestId: details.requestId, url: details.url,
          method: details.method, body: bodyFromWebRequest(details.requestBody ?? null), time: details.timeStamp, resourceType: details.type, ...origin(details),
        })
      }
    },
    onBeforeSendHeaders: (details) => {
      if (claims(details.url)) submit({ kind: 'request-headers', tabId: details.tabId, requestId: details.requestId, headers: headersFromWebRequest(details.requestHeaders), ...origin(details) })
    },
    onHeadersReceived: (details) => {
      if (claims(details.url)) {
        submit({
          kind: 'response', tabId: details.tabId, requestId: details.requestId, status: details.statusCode,
          statusText: statusText(details.statusLine), headers: headersFromWebRequest(details.responseHeaders), ...origin(details),
        })
      }
    },
    onErrorOccurred: (details) => {
      if (claims(details.url)) submit({ kind: 'failed', tabId: details.tabId, requestId: details.requestId, error: details.error, ...origin(details) })
    },
  }
  // Cookie, Referer and the like, where the browser hides them without being asked.
  const extra = knowsExtraHeaders() ? ['extraHeaders' as const] : []
  browser.webRequest.onBeforeRequest.addListener(listeners.onBeforeRequest, filter, ['requestBody'])
  browser.webRequest.onBeforeSendHeaders.addListener(listeners.onBeforeSendHeaders, filter, ['requestHeaders', ...extra])
  browser.webRequest.onHeadersReceived.addListener(listeners.onHeadersReceived, filter, ['responseHeaders', ...extra])
  browser.webRequest.onErrorOccurred.addListener(listeners.onErrorOccurred, filter)
  return () => {
    browser.webRequest.onBeforeRequest.removeListener(listeners.onBeforeRequest)
    browser.webRequest.onBeforeSendHeaders.removeListener(listeners.onBeforeSendHeaders)
    browser.webRequest.onHeadersReceived.removeListener(listeners.onHeadersReceived)
    browser.webRequest.onErrorOccurred.removeListener(listeners.onErrorOccurred)
  }
}

/** The vendors' own URLs, and where the browser allows it, the answers sessions need. */
export function listenToVendorRequests(submit: Submit): void {
  listenToRequests(webRequestPatterns(), (url) => adapterForUrl(url) !== undefined, submit)
  if (readsResponseBodies()) listenToResponseBodies(responseBodyPatterns(), submit)
}

/**
 * Reads the answers a session needs (the adapters' responseBodyPatterns, such as a Media Edge sessionStart's, which
 * carries the session ID) through Firefox's filterResponseData. The page hook reads them too, but only in pages: a
 * web or service worker's requests, and those of a page opened before the extension, are seen by webRequest alone.
 * Each chunk is passed on to the page as it comes, and the page hook's body wins when both read one (merge.ts).
 * The listener must be blocking to attach a filter, which holds each such request a moment: it is asked only for
 * these few URLs, about one per session.
 */
function listenToResponseBodies(patterns: string[], submit: Submit): void {
  if (patterns.length === 0) return
  browser.webRequest.onBeforeRequest.addListener(
    (details) => {
      if (adapterForUrl(details.url) === undefined) return {}
      readAnswer(browser.webRequest.filterResponseData(details.requestId), (body) => {
        submit({ kind: 'response-body', tabId: details.tabId, requestId: details.requestId, body, ...origin(details) })
      })
      return {}
    },
    { urls: patterns },
    ['blocking'],
  )
}

/** Passes each chunk of an answer on as it comes, keeps up to the capture limit, and hands the body over at its end. */
function readAnswer(filter: WebRequest.StreamFilter, done: (body: CapturedBody) => void): void {
  const chunks: Uint8Array[] = []
  let kept = 0
  let total = 0
  filter.ondata = ({ data }) => {
    filter.write(data)
    total += data.byteLength
    if (kept >= MAX_BODY_CHARS) return
    const chunk = new Uint8Array(data, 0, Math.min(data.byteLength, MAX_BODY_CHARS - kept))
    chunks.push(chunk.slice())
    kept += chunk.length
  }
  filter.onstop = () => {
    filter.close()
    done(bodyFromBytes(joinBytes(chunks), total))
  }
  // A failed or cancelled request has no answer to read; webRequest reports the failure itself.
  filter.onerror = () => {}
}

let stopExtra: (() => void) | null = null

/** Replaces the listeners for configured hosts; requests the vendor listeners already report are left to them. */
export function listenToConfiguredHosts(hosts: HostSettings, submit: Submit): void {
  stopExtra?.()
  stopExtra = null
  const patterns = [...new Set(Object.values(hosts).flatMap((list) => (list ?? []).map(matchPattern)))]
  if (patterns.length === 0) return
  stopExtra = listenToRequests(patterns, (url) => adapterForUrl(url) === undefined && adapterForUrl(url, hosts) !== undefined, submit)
}

/** For a request of no tab, the origin that initiated it (its scope: see noTabScope); nothing for a tab's. */
function origin(details: { tabId: number; initiator?: string }): { origin?: string } {
  return details.tabId < 0 ? { origin: initiatingOrigin(details) } : {}
}

/** `*.example.com:8443` → `*://*.example.com/*` (match patterns cannot name a port; the adapters check it). */
function matchPattern(host: string): string {
  return `*://${host.replace(/:(\d+|\*)$/, '')}/*`
}

/** "HTTP/1.1 207 Multi-Status" → "Multi-Status" */
function statusText(statusLine: string): string {
  return statusLine.replace(/^\S+\s+\d+\s*/, '')
}
