/**
 * The page hook's XMLHttpRequest and navigator.sendBeacon: for a tracking URL, reports the request and (XHR) the
 * response. Arguments a page could watch being read (an object with its own toString as the URL) are turned
 * into strings once, as the native would, and the native gets the strings. The hook's listener is attached with
 * the addEventListener saved at document_start, so a page that wraps it later sees nothing, and the response is
 * read only in the form the page asked for: its text for '' and 'text', its parsed value for 'json'.
 */
import type { HookReport, RawBody } from '../shared/hook-messages'
import { replaceNative } from './disguise'
import {
  accepts, addListener, apply, call, navigatorUserAgent, now, protoOf, removeListener, SafeWeakMap, stringOf, xhrAllResponseHeaders, xhrReadyState, xhrResponse,
  xhrResponseText, xhrResponseType, xhrStatus, xhrStatusText,
} from './natives'
import { rawBodyOf, textBody } from './raw-body'
import type { RelayPort } from './relay-port'

export function hookXhr(relay: RelayPort): void {
  const prototype = protoOf('XMLHttpRequest')
  if (prototype === undefined) return
  /** Tracking requests opened and not yet opened again. */
  const opened = new SafeWeakMap<object, { url: string; method: string }>()

  replaceNative(prototype, 'open', {
    apply(open, self, args: unknown[]) {
      // Not an XHR, too few arguments or a symbol: the native refuses, in its own words.
      if (args.length < 2 || typeof args[0] === 'symbol' || typeof args[1] === 'symbol' || !accepts(xhrReadyState, self)) return apply(open, self, args)
      const method = (args[0] = stringOf(args[0]))
      const url = (args[1] = stringOf(args[1]))
      const result = apply(open, self, args)
      if (relay.isTrackedUrl(url)) opened.set(self as object, { url, method })
      else opened.delete(self)
      return result
    },
  })

  replaceNative(prototype, 'send', {
    apply(send, self, args: unknown[]) {
      const request = opened.get(self)
      if (request === undefined) return apply(send, self, args)
      const xhr = self as XMLHttpRequest
      const id = relay.nextId()
      const time = now()
      const reports = relay.inOrder()
      // Attached before send: a synchronous XHR has ended when send returns.
      const ended = (): void => {
        call(removeListener, xhr, 'loadend', ended)
        try {
          reports.response(responseReport(id, xhr))
        } catch {
          // An unreadable response: webRequest still has its status.
        }
      }
      call(addListener, xhr, 'loadend', ended)
      let result: unknown
      try {
        result = apply(send, self, args)
      } catch (error) {
        call(removeListener, xhr, 'loadend', ended)
        throw error
      }
      rawBodyOf(args.length > 0 ? args[0] : null, (body) => reports.request({ kind: 'request', id, via: 'xhr', url: request.url, method: request.method, body, time }))
      return result
    },
  })
}

export function hookBeacon(relay: RelayPort): void {
  const prototype = protoOf('Navigator')
  if (prototype === undefined) return
  replaceNative(prototype, 'sendBeacon', {
    apply(sendBeacon, self, args: unknown[]) {
      if (args.length === 0 || typeof args[0] === 'symbol' || !accepts(navigatorUserAgent, self)) return apply(sendBeacon, self, args)
      const url = (args[0] = stringOf(args[0]))
      const queued = apply(sendBeacon, self, args)
      if (queued === true && relay.isTrackedUrl(url)) {
        const id = relay.nextId()
        const time = now()
        rawBodyOf(args.length > 1 ? args[1] : null, (body) => relay.post({ kind: 'request', id, via: 'beacon', url, method: 'POST', body, time }))
      }
      return queued
    },
  })
}

function responseReport(id: string, xhr: XMLHttpRequest): HookReport {
  const type = call<string>(xhrResponseType, xhr)
  let body: RawBody | null = null
  if (type === '' || type === 'text') body = textBody(call(xhrResponseText, xhr))
  else if (type === 'json') {
    const value = call<unknown>(xhrResponse, xhr)
    if (value !== null) body = { kind: 'json', value }
  }
  return { kind: 'response', id, status: call(xhrStatus, xhr), statusText: call(xhrStatusText, xhr), headers: call(xhrAllResponseHeaders, xhr), body }
}
