/**
 * The page hook's end of its private channel to the relay (hook-messages.ts says how the two exchange a
 * MessagePort before any page script runs). Over it the hook asks which URLs and frames are tracking, an event
 * dispatched on the port and answered at once, and posts what it saw.
 */
import type { HookReport } from '../shared/hook-messages'
import { HOOK_READY_EVENT, RELAY_PORT_EVENT, TRACKED_FRAME_QUERY, TRACKED_URL_QUERY } from '../shared/hook-messages'
import { addListener, bare, call, construct, dispatch, NativeCustomEvent, NativeEvent, random, removeListener } from './natives'

export interface RelayPort {
  /** Whether the URL, as the page gave it (relative or not), is tracking; false while the relay is not there. */
  isTrackedUrl(url: string): boolean
  /** Whether a text frame makes the socket that carried it tracking. */
  isTrackingFrame(text: string): boolean
  post(report: HookReport): void
  /** A report id, unique within the document. */
  nextId(): string
  /** Posts a request's report and its response's in that order, whichever is ready first. */
  inOrder(): { request(report: HookReport): void; response(report: HookReport): void }
}

export function connectToRelay(): RelayPort {
  let port: MessagePort | null = null
  let postMessage: MessagePort['postMessage'] | null = null
  const documentId = random().toString(36).slice(2, 10)
  let counter = 0

  /**
   * Takes the relay's port, once; cancelling the offer tells the relay at once that the hook holds it. This runs
   * at document_start, before page scripts could tamper with `ports`, `postMessage` or `preventDefault`.
   */
  function receivePort(event: Event): void {
    const offered = (event as MessageEvent).ports?.[0]
    if (port !== null || offered === undefined) return
    port = offered
    postMessage = offered.postMessage
    event.preventDefault()
    call(removeListener, document, RELAY_PORT_EVENT, receivePort, true)
  }
  // Whichever of hook and relay is injected second completes the exchange; both run before page scripts.
  call(addListener, document, RELAY_PORT_EVENT, receivePort, true)
  call(dispatch, document, construct(NativeEvent, [HOOK_READY_EVENT]))

  function ask(query: string, detail: string): boolean {
    if (port === null) return false
    try {
      return !call<boolean>(dispatch, port, construct(NativeCustomEvent, [query, bare({ detail, cancelable: true })]))
    } catch {
      return false
    }
  }

  function post(report: HookReport): void {
    if (port === null || postMessage === null) return
    try {
      call(postMessage, port, report)
    } catch {
      // An XHR's JSON that cannot be cloned (the page put a function in it): the response without its body.
      if (report.kind === 'response' && report.body?.kind === 'json') post({ ...report, body: null })
    }
  }

  return {
    isTrackedUrl: (url) => ask(TRACKED_URL_QUERY, url),
    isTrackingFrame: (text) => ask(TRACKED_FRAME_QUERY, text),
    post,
    nextId: () => `${documentId}-${++counter}`,
    inOrder() {
      let requestPosted = false
      let waiting: HookReport | null = null
      return {
        request(report) {
          post(report)
          requestPosted = true
          if (waiting !== null) post(waiting)
          waiting = null
        },
        response(report) {
          if (requestPosted) post(report)
          else waiting = report
        },
      }
    },
  }
}
