/**
 * The webRequest side of capture. The vendors' own URLs are listened to from the worker's first moment (so an
 * event that wakes a stopped worker reaches it); hosts the user configured are added once the settings are
 * read, and replaced when they change. A request is reported by one set of listeners only.
 */
import type { WebRequest } from '../platform/browser'
import { browser, knowsExtraHeaders } from '../platform/browser'
import type { HostSettings } from '../protocols'
import { adapterForUrl, webRequestPatterns } from '../protocols'
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

/** The vendors' own URLs. */
export function listenToVendorRequests(submit: Submit): void {
  listenToRequests(webRequestPatterns(), (url) => adapterForUrl(url) !== undefined, submit)
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
