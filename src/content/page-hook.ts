/**
 * Runs in the page's own world at document_start, before any page script (built as a standalone IIFE).
 * Wraps fetch, XMLHttpRequest, navigator.sendBeacon and WebSocket to see what webRequest cannot: response
 * bodies (the Media Edge session ID exists only there), beacon bodies and socket frames. Only tracking traffic
 * is touched; everything else passes straight through. It never changes what the page sends or receives, and
 * never throws into it.
 *
 * A page cannot tell it is there: every replaced function is a disguised Proxy of the native (disguise.ts); the
 * hook calls only natives saved before page scripts ran (natives.ts); it keeps its state in its own closure,
 * never on a global; and its listeners are added with the saved addEventListener. It reads a response body from
 * a clone, no further than the capture limit, and stops when the page cancels its own (page-cancels.ts). What
 * cannot be hidden from a page: the wrapper's frame in the stack of an error thrown through it; what a
 * Function.prototype.toString taken from another window (a sandboxed frame, which no content script runs in)
 * says of a Proxy; and the getters of an XHR's parsed JSON, if the page puts some there, which run when the
 * relay gets a copy of that object.
 *
 * Which traffic is tracking is the relay's to say, in the extension's own world, where page scripts cannot
 * watch or change the code that decides (relay-port.ts); the reports go to the relay too.
 */
import { disguiseReplacements } from './disguise'
import { hookFetch } from './hook-fetch'
import { hookSockets } from './hook-socket'
import { hookBeacon, hookXhr } from './hook-xhr'
import { watchPageCancels } from './page-cancels'
import { connectToRelay } from './relay-port'

const relay = connectToRelay()
disguiseReplacements()
watchPageCancels()
hookFetch(relay)
hookXhr(relay)
hookBeacon(relay)
hookSockets(relay)
