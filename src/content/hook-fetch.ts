/**
 * The page hook's fetch: for a tracking URL, reports the request and the response with its body (read from a
 * clone, at most the capture limit of it, and stopped when the page cancels its own); any other fetch goes
 * straight to the native one.
 *
 * Nothing a page could watch happens twice. A URL that is not a string is turned into one once, as fetch itself
 * would, and fetch is handed the string. `init` is read once, by fetch itself: for a tracking URL it is handed a
 * stand-in that passes each member fetch reads on to the page's `init` once and keeps the method and body, so the
 * hook has the body at once without reading it again (the worker pairs the hook's report with webRequest's by
 * it, and a burst of requests needs it there before webRequest's). A Request's own body is read from its clone.
 */
import type { HookReport, RawBody } from '../shared/hook-messages'
import { readCapped } from './capped-read'
import { replaceNative } from './disguise'
import {
  accepts, apply, bare, call, construct, create, defineProperty, fulfilling, headersForEach, headersGet, NativePromise, NativeProxy, NativeRequest, now, promiseReject, reflectGet,
  requestBody, requestClone, requestHeaders, requestMethod, requestUrl, responseBody, responseClone, responseHeaders, responseStatus,
  responseStatusText, SafeWeakMap, settle, stringOf, stringSlice,
} from './natives'
import { stopWhenPageCancels } from './page-cancels'
import { rawBodyOf } from './raw-body'
import type { RelayPort } from './relay-port'

type Fetch = typeof fetch

export function hookFetch(relay: RelayPort): void {
  replaceNative<Fetch>(globalThis, 'fetch', {
    apply(fetch, self, args: unknown[]) {
      const input = args.length === 0 ? undefined : args[0]
      // Nothing to fetch, a symbol for a URL, or called on something else than this window: fetch refuses in its
      // own words, without running page code.
      const refused = args.length === 0 || typeof input === 'symbol' || (self !== undefined && self !== null && self !== globalThis)
      if (refused) return apply(fetch, self, args)
      const request = typeof input === 'string' ? null : requestOf(input)
      let url = typeof input === 'string' ? input : request === null ? null : call<string>(requestUrl, request)
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
      return trackedFetch(relay, fetch, self, args, url, request)
    },
  })
}

/** `request` is the page's Request, when it gave one. */
function trackedFetch(relay: RelayPort, fetch: Fetch, self: unknown, args: unknown[], url: string, request: Request | null): Promise<Response> {
  const init = args.length > 1 ? args[1] : undefined
  const given: Given = { method: undefined, body: undefined }
  const stand = typeof init === 'object' && init !== null ? standIn(init, given) : null
  if (stand === undefined) return apply(fetch, self, args)
  // Taken before fetch takes the body: the copy of a Request's body, used when `init` gives none.
  const copy = request === null ? null : copyOf(request)
  const sent = apply(fetch, self, stand === null ? args : [args[0], stand]) as Promise<Response>
  // A method fetch had to turn into a string: the hook cannot name it without running page code again.
  const method = given.method === undefined ? (request === null ? 'GET' : call<string>(requestMethod, request)) : given.method
  if (typeof method !== 'string') return sent
  const id = relay.nextId()
  const time = now()
  const reports = relay.inOrder()
  const report = (raw: RawBody | null): void => reports.request({ kind: 'request', id, via: 'fetch', url, method, body: raw, time })
  if (given.body !== undefined && given.body !== null) rawBodyOf(given.body, report)
  else if (copy !== null) requestBodyOf(copy, report)
  else report(null)
  return settle(sent, (response) => {
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
 * The members of `init` fetch reads, in its order (a browser's own list, which grows): learned at document_start by
 * letting the Request constructor, which reads the same dictionary, read an object that records them, before any
 * page script could see that. Null if that failed.
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
  return members.includes('body') && members.includes('method') ? members : null
}

type Given = { method: unknown; body: unknown }

/** Each stand-in, to the page's `init` it stands for and what fetch read of it. */
const stood = new SafeWeakMap<object, { init: object; given: Given }>()

/**
 * What a stand-in inherits, built once: for each member fetch reads, a getter that reads it once from the page's
 * `init` (with `init` as receiver, as fetch would) and keeps the method and body.
 */
const standInPrototype = initMembers === null ? null : membersReadingThrough(initMembers)

function membersReadingThrough(members: string[]): object {
  const prototype = bare({})
  for (let i = 0; i < members.length; i++) {
    const key = members[i]!
    defineProperty(prototype, key, bare({
      get(this: object): unknown {
        const stand = stood.get(this)
        if (stand === undefined) return undefined
        const value = reflectGet(stand.init, key, stand.init)
        if (key === 'body' || key === 'method') stand.given[key] = value
        return value
      },
      enumerable: true,
      configurable: true,
    }))
  }
  return prototype
}

/** What fetch reads in place of `init`; undefined when the members fetch reads are not known. */
function standIn(init: object, given: Given): object | undefined {
  if (standInPrototype === null) return undefined
  const stand = create(standInPrototype)
  stood.set(stand, { init, given })
  return stand
}

/** A clone of a Request with a body, or null (no body, or one already used: fetch will say so). */
function copyOf(request: Request): Request | null {
  try {
    return call(requestBody, request) === null ? null : call<Request>(requestClone, request)
  } catch {
    return null
  }
}

/** The input if it is a Request (told by its own getter, which instanceof is not); null for anything else. */
function requestOf(input: unknown): Request | null {
  return typeof input === 'object' && input !== null && accepts(requestUrl, input) ? (input as Request) : null
}

/**
 * A Request's body, from its copy. A multipart one (a FormData) is left unknown: webRequest reports it as its
 * fields, and the worker joins the two reports only when their bodies agree.
 */
function requestBodyOf(copy: Request, deliver: (body: RawBody | null) => void): void {
  try {
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
