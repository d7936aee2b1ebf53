/**
 * The page hook's fetch: for a tracking URL, reports the request and the response with its body (read from a
 * clone, at most the capture limit of it, and stopped when the page cancels its own); any other fetch goes
 * straight to the native one.
 *
 * Nothing a page could watch happens twice. A URL that is not a string is turned into one once, as fetch itself
 * would, and fetch is handed the string. For a tracking URL, `init` is read once, by the native Request
 * constructor, and fetch is handed that Request (which is what fetch does with its arguments anyway). The
 * constructor is given an object that passes each read on to the page's `init` once and keeps the body it reads,
 * so the hook has the body at once without reading it again: the worker pairs the hook's report with webRequest's
 * by it, and a burst of requests needs it there before webRequest's. A body given otherwise (in a Request, or as
 * a stream) is read from a clone of the Request.
 */
import type { HookReport, RawBody } from '../shared/hook-messages'
import { readCapped } from './capped-read'
import { replaceNative } from './disguise'
import {
  apply, bare, call, construct, defineProperty, fulfilling, headersForEach, headersGet, NativePromise, NativeProxy, NativeRequest, now, promiseReject, reflectGet,
  requestBody, requestClone, requestHeaders, requestMethod, requestUrl, responseBody, responseClone, responseHeaders, responseStatus,
  responseStatusText, settle, stringOf, stringSlice,
} from './natives'
import { stopWhenPageCancels } from './page-cancels'
import { rawBodyOf } from './raw-body'
import type { RelayPort } from './relay-port'

type Fetch = typeof fetch

export function hookFetch(relay: RelayPort): void {
  replaceNative<Fetch>(globalThis, 'fetch', {
    apply(fetch, self, args: unknown[]) {
      const input = args.length === 0 ? undefined : args[0]
      // A symbol cannot be a URL: fetch says so in its own words, without running page code.
      if (args.length === 0 || typeof input === 'symbol') return apply(fetch, self, args)
      let url = typeof input === 'string' ? input : urlOfRequest(input)
      if (url === null) {
        try {
          url = stringOf(input)
        } catch (error) {
          // What fetch does when its argument cannot be a string.
          return call(promiseReject, NativePromise, error)
        }
        args[0] = url
      }
      if (!relay.isTrackedUrl(url)) return apply(fetch, self, args)
      return trackedFetch(relay, fetch, self, args)
    },
  })
}

function trackedFetch(relay: RelayPort, fetch: Fetch, self: unknown, args: unknown[]): Promise<Response> {
  let body: unknown = null
  const init = args.length > 1 ? args[1] : undefined
  const keepBody = (value: unknown): void => void (body = value)
  let request: Request
  try {
    const stand = typeof init === 'object' && init !== null ? readingBody(init, keepBody) : null
    request = construct(NativeRequest!, stand === null ? args : [args[0], stand])
  } catch {
    // Arguments fetch will refuse: let it say so in its own words.
    return apply(fetch, self, args)
  }
  const id = relay.nextId()
  const time = now()
  const reports = relay.inOrder()
  const url = call<string>(requestUrl, request)
  const method = call<string>(requestMethod, request)
  const report = (raw: RawBody | null): void => reports.request({ kind: 'request', id, via: 'fetch', url, method, body: raw, time })
  // A stream the page gave has no copy the hook can take at once: it is read from the Request's clone.
  if (body === null || body === undefined) requestBodyOf(request, report)
  else rawBodyOf(body, (raw) => (raw === null ? requestBodyOf(request, report) : report(raw)))
  return settle(apply(fetch, self, [request]) as Promise<Response>, (response) => {
    try {
      reportResponse(id, response, reports.response)
    } catch {
      // The body was not readable: the worker still has the status from webRequest.
    }
    return fulfilling(response)
  }, (error) => {
    reports.response({ kind: 'response', id, status: 0, statusText: 'failed', headers: '', body: null })
    throw error
  })
}

/**
 * The members of `init` the Request constructor reads, in its order (a browser's own list, which grows): learned
 * at document_start by letting it read an object that records them, before any page script could see that.
 */
const initMembers = learnInitMembers()

function learnInitMembers(): string[] | null {
  const members: string[] = []
  const recorder = new NativeProxy(bare({}), bare({
    get(_target: object, key: PropertyKey): undefined {
      if (typeof key === 'string') defineProperty(members, members.length, bare({ value: key, writable: true, enumerable: true, configurable: true }))
      return undefined
    },
  }))
  try {
    construct(NativeRequest!, ['https://sessionscope.invalid/', recorder])
  } catch {
    return null
  }
  return members.length > 0 && members.includes('body') ? members : null
}

/**
 * What the Request constructor reads in place of `init`: each member it reads is read once from the page's `init`
 * (with `init` as receiver, as the constructor would), and the body is kept. Null when the members are not known.
 */
function readingBody(init: object, keep: (body: unknown) => void): object | null {
  if (initMembers === null) return null
  const stand = bare({})
  for (let i = 0; i < initMembers.length; i++) {
    const key = initMembers[i]!
    defineProperty(stand, key, bare({
      get(): unknown {
        const value = reflectGet(init, key, init)
        if (key === 'body') keep(value)
        return value
      },
      enumerable: true,
      configurable: true,
    }))
  }
  return stand
}

/** The URL of a Request; null for anything else. */
function urlOfRequest(input: unknown): string | null {
  if (typeof input !== 'object' || input === null) return null
  try {
    return call(requestUrl, input)
  } catch {
    return null
  }
}

/**
 * A Request's body, read from a clone. A multipart one (a FormData) is left unknown: webRequest reports it as its
 * fields, and the worker joins the two reports only when their bodies agree.
 */
function requestBodyOf(request: Request, deliver: (body: RawBody | null) => void): void {
  try {
    if (call(requestBody, request) === null) return deliver(null)
    const copy = call<Request>(requestClone, request)
    const type = call<string | null>(headersGet, call(requestHeaders, copy), 'content-type')
    if (type !== null && call(stringSlice, type, 0, MULTIPART.length) === MULTIPART) return deliver(null)
    readCapped(call(requestBody, copy), { expected: 0, toEnd: true }, deliver)
  } catch {
    deliver(null)
  }
}
const MULTIPART = 'multipart/form-data'

function reportResponse(id: string, response: Response, report: (report: HookReport) => void): void {
  const status = call<number>(responseStatus, response)
  const statusText = call<string>(responseStatusText, response)
  const headerList = call<Headers>(responseHeaders, response)
  let headers = ''
  call(headersForEach, headerList, (value: string, name: string) => {
    headers += `${name}: ${value}\r\n`
  })
  const deliver = (body: RawBody | null): void => report({ kind: 'response', id, status, statusText, headers, body })
  // No body (204, as Media Edge answers every ping): nothing to read, so no clone and no stream to tee.
  if (call(responseBody, response) === null) return deliver({ kind: 'text', text: '', total: 0 })
  const copy = call<Response>(responseClone, response)
  const stop = readCapped(call(responseBody, copy), { expected: contentLength(call(headersGet, headerList, 'content-length')), toEnd: false }, deliver)
  // After clone(), the response's body is the page's branch of the tee.
  stopWhenPageCancels(call(responseBody, response), stop)
}

/** A Content-Length header's value, or 0. */
function contentLength(value: string | null): number {
  const length = value === null ? 0 : +value
  return length >= 0 && length < Number.MAX_SAFE_INTEGER ? length : 0
}
