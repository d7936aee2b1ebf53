/**
 * The built-in functions the page hook calls, saved when it starts at document_start, before any page script. A
 * page that later replaces or wraps one of them (to watch the hook, or to fool it) changes nothing the hook does,
 * and sees no call: methods and getters are called through the saved Reflect.apply, never looked up again.
 *
 * Objects the hook hands to a built-in that reads their properties (property descriptors, event init
 * dictionaries, proxy handlers) have no prototype, so a getter a page puts on Object.prototype is never consulted.
 */

export const apply = Reflect.apply
export const construct = Reflect.construct
export const defineProperty = Object.defineProperty
export const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor
export const reflectGet = Reflect.get
export const create = Object.create
const getPrototypeOf = Object.getPrototypeOf
const setPrototypeOf = Object.setPrototypeOf
const deleteProperty = Reflect.deleteProperty
const nativeQueueMicrotask = queueMicrotask

type AnyFunction = (...args: never[]) => unknown

/** The function a prototype holds under `name`, or undefined where the browser has none (a test DOM). */
export function methodOf(owner: object | undefined, name: PropertyKey): AnyFunction | undefined {
  const value = owner === undefined ? undefined : getOwnPropertyDescriptor(owner, name)?.value
  return typeof value === 'function' ? (value as AnyFunction) : undefined
}

/** The getter a prototype holds for `name`, or undefined. */
export function getterOf(owner: object | undefined, name: PropertyKey): AnyFunction | undefined {
  return (owner === undefined ? undefined : getOwnPropertyDescriptor(owner, name)?.get) as AnyFunction | undefined
}

/** Calls a saved method or getter on `self`; throws as the built-in does (a missing one throws a TypeError). */
export function call<T>(fn: AnyFunction | undefined, self: unknown, ...args: unknown[]): T {
  return apply(fn as AnyFunction, self, args) as T
}

/** Whether a saved getter takes `value` as its receiver: how the hook tells a type, since `instanceof` can be trapped. */
export function accepts(getter: AnyFunction | undefined, value: unknown): boolean {
  try {
    apply(getter as AnyFunction, value, [])
    return true
  } catch {
    return false
  }
}

/** An object literal without a prototype (see above). */
export function bare<T extends object>(fields: T): T {
  setPrototypeOf(fields, null)
  return fields
}

/** The prototype of the global constructor `name`, or undefined. */
export const protoOf = (name: string): object | undefined => (globalThis as unknown as Record<string, { prototype?: object } | undefined>)[name]?.prototype

export const NativePromise = Promise
export const NativeProxy = Proxy
const NativeWeakMap = WeakMap
export const NativeArrayBuffer = ArrayBuffer
export const NativeUint8Array = Uint8Array
export const NativeRequest = typeof Request === 'function' ? Request : undefined
export const NativeCustomEvent = CustomEvent
export const NativeEvent = Event
export const now = Date.now
export const random = Math.random
export const nativeSetTimeout = setTimeout
export const isView = ArrayBuffer.isView

const promiseThen = methodOf(NativePromise.prototype, 'then')
export const promiseReject = methodOf(NativePromise, 'reject')
const weakMapGet = methodOf(NativeWeakMap.prototype, 'get')
const weakMapSet = methodOf(NativeWeakMap.prototype, 'set')
const weakMapDelete = methodOf(NativeWeakMap.prototype, 'delete')
export const stringSlice = methodOf(String.prototype, 'slice')
export const stringTrim = methodOf(String.prototype, 'trim')

export const addListener = methodOf(protoOf('EventTarget'), 'addEventListener')
export const removeListener = methodOf(protoOf('EventTarget'), 'removeEventListener')
export const dispatch = methodOf(protoOf('EventTarget'), 'dispatchEvent')
export const messageEventData = getterOf(protoOf('MessageEvent'), 'data')

export const requestUrl = getterOf(protoOf('Request'), 'url')
export const requestMethod = getterOf(protoOf('Request'), 'method')
export const requestHeaders = getterOf(protoOf('Request'), 'headers')
export const requestBody = getterOf(protoOf('Request'), 'body')
export const requestClone = methodOf(protoOf('Request'), 'clone')
export const responseStatus = getterOf(protoOf('Response'), 'status')
export const responseStatusText = getterOf(protoOf('Response'), 'statusText')
export const responseHeaders = getterOf(protoOf('Response'), 'headers')
export const responseBody = getterOf(protoOf('Response'), 'body')
export const responseClone = methodOf(protoOf('Response'), 'clone')
export const headersGet = methodOf(protoOf('Headers'), 'get')
export const headersForEach = methodOf(protoOf('Headers'), 'forEach')

export const streamPipeTo = methodOf(protoOf('ReadableStream'), 'pipeTo')
export const NativeWritableStream = typeof WritableStream === 'function' ? WritableStream : undefined
export const sinkError = methodOf(protoOf('WritableStreamDefaultController'), 'error')

export const xhrReadyState = getterOf(protoOf('XMLHttpRequest'), 'readyState')
export const xhrStatus = getterOf(protoOf('XMLHttpRequest'), 'status')
export const xhrStatusText = getterOf(protoOf('XMLHttpRequest'), 'statusText')
export const xhrResponseType = getterOf(protoOf('XMLHttpRequest'), 'responseType')
export const xhrResponseText = getterOf(protoOf('XMLHttpRequest'), 'responseText')
export const xhrResponse = getterOf(protoOf('XMLHttpRequest'), 'response')
export const xhrAllResponseHeaders = methodOf(protoOf('XMLHttpRequest'), 'getAllResponseHeaders')
export const socketUrl = getterOf(protoOf('WebSocket'), 'url')
export const navigatorUserAgent = getterOf(protoOf('Navigator'), 'userAgent')

export const blobSize = getterOf(protoOf('Blob'), 'size')
export const blobSlice = methodOf(protoOf('Blob'), 'slice')
export const blobStream = methodOf(protoOf('Blob'), 'stream')
export const fileName = getterOf(protoOf('File'), 'name')
export const formDataForEach = methodOf(protoOf('FormData'), 'forEach')
export const searchParamsToString = methodOf(protoOf('URLSearchParams'), 'toString')

const typedArrayPrototype = getPrototypeOf(Uint8Array.prototype) as object
export const arrayBufferByteLength = getterOf(ArrayBuffer.prototype, 'byteLength')
export const typedArrayBuffer = getterOf(typedArrayPrototype, 'buffer')
export const typedArrayByteOffset = getterOf(typedArrayPrototype, 'byteOffset')
export const typedArrayByteLength = getterOf(typedArrayPrototype, 'byteLength')
export const typedArraySet = methodOf(typedArrayPrototype, 'set')
export const dataViewBuffer = getterOf(DataView.prototype, 'buffer')
export const dataViewByteOffset = getterOf(DataView.prototype, 'byteOffset')
export const dataViewByteLength = getterOf(DataView.prototype, 'byteLength')

/** A WeakMap whose methods a page cannot replace. */
export class SafeWeakMap<K extends object, V> {
  readonly #map = new NativeWeakMap<K, V>()
  get(key: unknown): V | undefined {
    return apply(weakMapGet!, this.#map, [key]) as V | undefined
  }
  set(key: K, value: V): void {
    apply(weakMapSet!, this.#map, [key, value])
  }
  delete(key: unknown): void {
    apply(weakMapDelete!, this.#map, [key])
  }
}

/**
 * `promise.then(onFulfilled, onRejected)` without the lookups `then` makes on the promise: it reads its
 * `constructor` (a page can trap Promise.prototype.constructor), so the promise gets an own one, undefined, for the
 * call. Every promise the hook holds goes through this, and with a rejection handler, so none of them can raise
 * an unhandled rejection in the page.
 */
export function settle<T, R>(promise: Promise<T>, onFulfilled: (value: T) => R, onRejected: (error: unknown) => R): Promise<R> {
  void defineProperty(promise, 'constructor', bare({ value: undefined, configurable: true }))
  try {
    return apply(promiseThen!, promise, [onFulfilled, onRejected]) as Promise<R>
  } finally {
    deleteProperty(promise, 'constructor')
  }
}

/** `settle` for a promise whose outcome only the hook uses: an error in a handler goes nowhere, least of all to the page. */
export function whenSettled<T>(promise: Promise<T>, onFulfilled: (value: T) => void, onRejected: (error: unknown) => void): void {
  void settle(promise, (value) => guarded(onFulfilled, value), (error) => guarded(onRejected, error))
}

function guarded<T>(handler: (value: T) => void, value: T): void {
  try {
    handler(value)
  } catch {
    // The hook's own mistake: the page must not see it.
  }
}

/**
 * `value`, made safe to fulfil a promise the page holds with: fulfilling reads the value's `then` (a page can trap
 * Response.prototype.then), so the value gets an own one, undefined, until the promise is fulfilled. The clean-up
 * is queued before the promise's own reactions, so page code never sees it.
 */
export function fulfilling<T extends object>(value: T): T {
  defineProperty(value, 'then', bare({ value: undefined, configurable: true }))
  apply(nativeQueueMicrotask, globalThis, [() => void deleteProperty(value, 'then')])
  return value
}

export function stringOf(value: unknown): string {
  return `${value as string}`
}
