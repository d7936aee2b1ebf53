// A page that looks for the page hook as a fingerprinting script would. `probe()` describes every function the hook
// replaces (text, name, length, property descriptors, constructor behaviour), the globals, and then, with traps on
// every built-in the hook could touch (listeners, getters, Promise, Array, String, URL, Object.prototype...), sends
// tracked and untracked traffic of every kind and counts what the traps saw. hook-invisible.e2e.test.ts runs it in
// Chromium with and without the extension and expects the same answers.
;(() => {
  const TRACKED = '/ee/va/v1/ping?configId=probe'
  const UNTRACKED = '/untracked'
  const reflectApply = Reflect.apply
  const reflectConstruct = Reflect.construct
  const defineProperty = Object.defineProperty
  const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor

  const describeError = (error) => (error instanceof Error || error instanceof DOMException ? `${error.name}: ${error.message}` : `thrown ${typeof error}`)

  /** What calling `run` does: returns, throws (and what), or returns a promise (and how it settles). */
  async function outcome(run) {
    try {
      const result = run()
      if (result instanceof Promise) return await result.then(() => 'fulfilled', (error) => `rejected ${describeError(error)}`)
      return `returned ${typeof result}`
    } catch (error) {
      return `threw ${describeError(error)}`
    }
  }

  const attributes = (descriptor) =>
    descriptor === undefined ? null : { writable: descriptor.writable, enumerable: descriptor.enumerable, configurable: descriptor.configurable, data: 'value' in descriptor, getter: typeof descriptor.get }

  function replaced() {
    const asyncIterator = Object.getPrototypeOf(new ReadableStream().values())
    return [
      ['fetch', window, 'fetch'],
      ['XMLHttpRequest.prototype.open', XMLHttpRequest.prototype, 'open'],
      ['XMLHttpRequest.prototype.send', XMLHttpRequest.prototype, 'send'],
      ['Navigator.prototype.sendBeacon', Navigator.prototype, 'sendBeacon'],
      ['WebSocket', window, 'WebSocket'],
      ['WebSocket.prototype.send', WebSocket.prototype, 'send'],
      ['Function.prototype.toString', Function.prototype, 'toString'],
      ['ReadableStream.prototype.cancel', ReadableStream.prototype, 'cancel'],
      ['ReadableStream.prototype.getReader', ReadableStream.prototype, 'getReader'],
      ['ReadableStream.prototype.pipeTo', ReadableStream.prototype, 'pipeTo'],
      ['ReadableStream.prototype.pipeThrough', ReadableStream.prototype, 'pipeThrough'],
      ['ReadableStream.prototype.tee', ReadableStream.prototype, 'tee'],
      ['ReadableStream.prototype.values', ReadableStream.prototype, 'values'],
      ['ReadableStream.prototype[Symbol.asyncIterator]', ReadableStream.prototype, Symbol.asyncIterator],
      ['ReadableStreamDefaultReader.prototype.cancel', ReadableStreamDefaultReader.prototype, 'cancel'],
      ['ReadableStreamBYOBReader.prototype.cancel', ReadableStreamBYOBReader.prototype, 'cancel'],
      ['ReadableStream async iterator return', asyncIterator, 'return'],
    ]
  }

  async function describeFunction(owner, key) {
    const fn = owner[key]
    const own = {}
    for (const name of Reflect.ownKeys(fn)) {
      const descriptor = getOwnPropertyDescriptor(fn, name)
      own[String(name)] = { ...attributes(descriptor), value: typeof descriptor.value === 'object' ? 'object' : typeof descriptor.value === 'function' ? 'function' : descriptor.value }
    }
    const bound = Function.prototype.bind.call(fn, null)
    return {
      where: attributes(getOwnPropertyDescriptor(owner, key)),
      typeof: typeof fn,
      name: fn.name,
      length: fn.length,
      texts: [Function.prototype.toString.call(fn), fn.toString(), String(fn), `${fn}`, fn + '', Object.prototype.toString.call(fn)],
      bound: [Function.prototype.toString.call(bound), bound.name, bound.length],
      own,
      keys: Reflect.ownKeys(fn).map(String),
      prototypeOfIt: Object.getPrototypeOf(fn) === Function.prototype ? 'Function.prototype' : String(Object.getPrototypeOf(fn)?.name),
      hasPrototype: 'prototype' in fn,
      extensible: Object.isExtensible(fn),
      construct: await outcome(() => Reflect.construct(fn, [])),
      badReceiver: await outcome(() => reflectApply(fn, Object.create(null), [])),
      sameOnEveryRead: owner[key] === fn,
    }
  }

  async function describeSocket(socketUrl) {
    const opened = (socket) => new Promise((resolve) => socket.addEventListener('open', resolve, { once: true }))
    const plain = new WebSocket(socketUrl)
    await opened(plain)
    const instance = [plain instanceof WebSocket, Object.getPrototypeOf(plain) === WebSocket.prototype, plain.constructor === WebSocket, plain.url]
    plain.close()
    class Subclass extends WebSocket {
      hello() {
        return 'hi'
      }
    }
    const sub = new Subclass(socketUrl)
    await opened(sub)
    const subclass = [sub instanceof Subclass, sub instanceof WebSocket, Object.getPrototypeOf(sub) === Subclass.prototype, sub.hello(), Object.getPrototypeOf(Subclass) === WebSocket, Subclass.OPEN, sub.readyState]
    sub.close()
    return {
      prototypeIsEventTarget: Object.getPrototypeOf(WebSocket) === EventTarget,
      prototypeConstructor: WebSocket.prototype.constructor === WebSocket,
      constructorWhere: attributes(getOwnPropertyDescriptor(WebSocket.prototype, 'constructor')),
      prototypeWhere: attributes(getOwnPropertyDescriptor(WebSocket, 'prototype')),
      constants: ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'].map((name) => [WebSocket[name], attributes(getOwnPropertyDescriptor(WebSocket, name))]),
      instance,
      subclass,
      withoutNew: await outcome(() => WebSocket(socketUrl)),
      withoutArguments: await outcome(() => new WebSocket()),
      badUrl: await outcome(() => new WebSocket('not a url')),
    }
  }

  /** Arguments a page could watch being read, or that cannot be read at all. */
  async function conversions() {
    let reads = 0
    const url = (path) => ({
      toString() {
        reads++
        return path
      },
    })
    const initReads = []
    // Every operation on it is logged, not only the reads fetch makes.
    const log = (name) => (target, key, ...rest) => {
      initReads.push(`${name} ${String(key)}`)
      return Reflect[name](target, key, ...rest)
    }
    const init = new Proxy({ method: 'POST', body: 'abc', headers: { 'Content-Type': 'text/plain' } }, {
      get: log('get'),
      has: log('has'),
      getOwnPropertyDescriptor: log('getOwnPropertyDescriptor'),
      defineProperty: log('defineProperty'),
      set: log('set'),
      deleteProperty: log('deleteProperty'),
      ownKeys: (target) => (initReads.push('ownKeys'), Reflect.ownKeys(target)),
      getPrototypeOf: (target) => (initReads.push('getPrototypeOf'), Reflect.getPrototypeOf(target)),
    })
    await (await fetch(TRACKED, init)).text()
    await (await fetch(UNTRACKED, init)).text()
    // A getter sees the object it belongs to as `this`.
    const receivers = []
    const withGetters = {
      get method() {
        receivers.push(this === withGetters)
        return 'POST'
      },
      get body() {
        receivers.push(this === withGetters)
        return '{"getter":true}'
      },
    }
    await (await fetch(TRACKED, withGetters)).text()
    await (await fetch(url(TRACKED))).text()
    await (await fetch(url(UNTRACKED))).text()
    const xhr = new XMLHttpRequest()
    xhr.open(url('POST'), url(TRACKED))
    await new Promise((resolve) => {
      xhr.onloadend = resolve
      xhr.send('x')
    })
    navigator.sendBeacon(url(TRACKED), 'beacon')
    return {
      reads,
      initReads,
      receivers,
      symbolUrl: await outcome(() => fetch(Symbol('url'))),
      throwingUrl: await outcome(() => fetch({ toString() { throw new RangeError('no url') } })),
      noArguments: await outcome(() => fetch()),
      getWithBody: await outcome(() => fetch(TRACKED, { method: 'GET', body: 'x' })),
      xhrSymbol: await outcome(() => new XMLHttpRequest().open(Symbol('method'), TRACKED)),
      beaconSymbol: await outcome(() => navigator.sendBeacon(Symbol('url'))),
      toStringOfToString: [
        Function.prototype.toString.toString(),
        Function.prototype.toString.call(Function.prototype.toString),
        Function.prototype.toString.toString.toString(),
        Function.prototype.toString.call(Function.prototype.toString.call),
        await outcome(() => Function.prototype.toString.call({})),
      ],
    }
  }

  /** Counts every call the traps see while `traffic` runs. */
  async function underTraps(traffic) {
    // Plain property writes only: `hit` itself must call nothing the traps watch.
    const seen = Object.create(null)
    let counting = false
    const hit = (name) => {
      if (counting) seen[name] = (seen[name] ?? 0) + 1
    }
    const restore = []
    // A Proxy, so that a wrapped constructor keeps its prototype.
    const wrapMethod = (owner, key, label) => {
      const descriptor = getOwnPropertyDescriptor(owner, key)
      if (typeof descriptor?.value !== 'function') return
      const wrapper = new Proxy(descriptor.value, {
        apply(target, self, args) {
          hit(label)
          return reflectApply(target, self, args)
        },
        construct(target, args, newTarget) {
          hit(`new ${label}`)
          return reflectConstruct(target, args, newTarget === wrapper ? target : newTarget)
        },
      })
      defineProperty(owner, key, { ...descriptor, value: wrapper })
      restore.push(() => defineProperty(owner, key, descriptor))
    }
    const wrapGetter = (owner, key, label) => {
      const descriptor = getOwnPropertyDescriptor(owner, key)
      if (typeof descriptor?.get !== 'function') return
      defineProperty(owner, key, { ...descriptor, get() {
        hit(label)
        return reflectApply(descriptor.get, this, [])
      } })
      restore.push(() => defineProperty(owner, key, descriptor))
    }
    const wrapAll = (owner, label, keys) => {
      for (const key of keys) {
        const descriptor = getOwnPropertyDescriptor(owner, key)
        if (descriptor?.get) wrapGetter(owner, key, `${label}.${String(key)}`)
        else wrapMethod(owner, key, `${label}.${String(key)}`)
      }
    }
    const listeners = (owner, label) => {
      for (const key of ['addEventListener', 'removeEventListener']) {
        const original = owner[key]
        const had = getOwnPropertyDescriptor(owner, key)
        defineProperty(owner, key, { configurable: true, writable: true, value: function (type, ...rest) {
          hit(`${label}.${key}(${type})`)
          return reflectApply(original, this, [type, ...rest])
        } })
        restore.push(() => (had ? defineProperty(owner, key, had) : delete owner[key]))
      }
    }
    const typedArray = Object.getPrototypeOf(Uint8Array.prototype)
    const arrayIterator = Object.getPrototypeOf([][Symbol.iterator]())

    listeners(EventTarget.prototype, 'EventTarget')
    // The brief's case: a page that patches XMLHttpRequest's own addEventListener later.
    listeners(XMLHttpRequest.prototype, 'XMLHttpRequest')
    listeners(WebSocket.prototype, 'WebSocket')
    wrapAll(EventTarget.prototype, 'EventTarget', ['dispatchEvent'])
    wrapAll(MessageEvent.prototype, 'MessageEvent', ['data', 'ports'])
    wrapAll(Event.prototype, 'Event', ['preventDefault', 'type', 'defaultPrevented'])
    wrapAll(CustomEvent.prototype, 'CustomEvent', ['detail'])
    wrapAll(MessagePort.prototype, 'MessagePort', ['postMessage'])
    wrapAll(XMLHttpRequest.prototype, 'XMLHttpRequest', ['status', 'statusText', 'responseText', 'response', 'responseType', 'readyState', 'responseURL', 'getAllResponseHeaders', 'getResponseHeader'])
    wrapAll(WebSocket.prototype, 'WebSocket', ['url', 'readyState', 'binaryType', 'protocol'])
    wrapAll(Response.prototype, 'Response', ['body', 'status', 'statusText', 'headers', 'ok', 'url', 'bodyUsed', 'clone', 'arrayBuffer', 'blob', 'formData', 'json', 'text'])
    wrapAll(Request.prototype, 'Request', ['url', 'method', 'body', 'headers', 'signal', 'clone', 'arrayBuffer', 'formData', 'text'])
    wrapAll(Headers.prototype, 'Headers', ['get', 'has', 'forEach', 'entries', 'keys', 'values', Symbol.iterator])
    wrapAll(ReadableStream.prototype, 'ReadableStream', ['locked', 'getReader', 'cancel', 'tee', 'pipeTo', 'pipeThrough', 'values'])
    wrapAll(ReadableStreamDefaultReader.prototype, 'ReadableStreamDefaultReader', ['read', 'cancel', 'releaseLock', 'closed'])
    wrapAll(Blob.prototype, 'Blob', ['size', 'type', 'slice', 'arrayBuffer', 'text', 'stream'])
    wrapAll(File.prototype, 'File', ['name'])
    wrapAll(FormData.prototype, 'FormData', ['forEach', 'entries', 'get', Symbol.iterator])
    wrapAll(URLSearchParams.prototype, 'URLSearchParams', ['toString', 'has', 'get', 'forEach', Symbol.iterator])
    wrapAll(URL.prototype, 'URL', ['href', 'pathname', 'hostname', 'host', 'search', 'searchParams', 'protocol', 'hash'])
    wrapAll(Node.prototype, 'Node', ['baseURI'])
    wrapAll(Promise.prototype, 'Promise', ['then', 'catch', 'finally'])
    wrapAll(Promise, 'Promise', ['resolve', 'reject', 'all', 'race', Symbol.species])
    wrapAll(Array.prototype, 'Array', ['push', 'pop', 'map', 'filter', 'some', 'find', 'slice', 'splice', 'join', 'concat', 'indexOf', 'includes', 'forEach', Symbol.iterator])
    wrapAll(arrayIterator, 'ArrayIterator', ['next'])
    wrapAll(String.prototype, 'String', ['slice', 'substring', 'trim', 'toUpperCase', 'toLowerCase', 'includes', 'startsWith', 'endsWith', 'split', 'indexOf', 'replace', 'match', 'charCodeAt', 'toString'])
    wrapAll(String, 'String', ['fromCharCode'])
    wrapAll(Number.prototype, 'Number', ['toString'])
    wrapAll(RegExp.prototype, 'RegExp', ['exec', 'test', Symbol.match, Symbol.replace, Symbol.split])
    wrapAll(JSON, 'JSON', ['stringify', 'parse'])
    wrapAll(Math, 'Math', ['min', 'max', 'random', 'floor'])
    wrapAll(Date, 'Date', ['now'])
    wrapAll(Object, 'Object', ['keys', 'entries', 'assign', 'getPrototypeOf', 'setPrototypeOf', 'defineProperty', 'getOwnPropertyDescriptor', 'create', 'freeze'])
    wrapAll(Reflect, 'Reflect', ['apply', 'construct', 'get', 'set', 'ownKeys', 'defineProperty', 'deleteProperty'])
    wrapAll(Function.prototype, 'Function', ['call', 'apply', 'bind'])
    wrapAll(WeakMap.prototype, 'WeakMap', ['get', 'set', 'has', 'delete'])
    wrapAll(Map.prototype, 'Map', ['get', 'set', 'has', 'delete'])
    wrapAll(Set.prototype, 'Set', ['add', 'has', 'delete'])
    wrapAll(typedArray, 'TypedArray', ['buffer', 'byteOffset', 'byteLength', 'length', 'set', 'subarray', 'slice', Symbol.iterator])
    wrapAll(ArrayBuffer.prototype, 'ArrayBuffer', ['byteLength', 'slice'])
    wrapAll(ArrayBuffer, 'ArrayBuffer', ['isView'])
    wrapAll(DataView.prototype, 'DataView', ['buffer', 'byteOffset', 'byteLength'])
    wrapAll(TextDecoder.prototype, 'TextDecoder', ['decode'])
    wrapAll(TextEncoder.prototype, 'TextEncoder', ['encode'])
    wrapAll(window, 'window', ['btoa', 'atob', 'queueMicrotask', 'setTimeout', 'clearTimeout', 'structuredClone', 'encodeURIComponent', 'decodeURIComponent', 'URL', 'URLSearchParams', 'CustomEvent', 'Event', 'MessageEvent', 'Request', 'Response', 'Headers', 'Uint8Array', 'ArrayBuffer', 'TextDecoder', 'WeakMap', 'Map', 'Proxy', 'Promise', 'Error', 'TypeError'])
    const promiseConstructor = getOwnPropertyDescriptor(Promise.prototype, 'constructor')
    defineProperty(Promise.prototype, 'constructor', { __proto__: null, configurable: true, get() {
      hit('Promise.prototype.constructor')
      return Promise
    } })
    restore.unshift(() => defineProperty(Promise.prototype, 'constructor', promiseConstructor))
    // Last, as they change what the page's own defineProperty calls above would mean: a getter for each name the
    // built-ins look up on plain objects (descriptors, proxy traps, event init, thenables).
    for (const key of ['then', 'get', 'set', 'value', 'writable', 'enumerable', 'configurable', 'apply', 'construct', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'defineProperty', 'deleteProperty', 'getPrototypeOf', 'detail', 'bubbles', 'cancelable', 'composed', 'kind', 'body', 'tracked', 'truncatedFrom', 'expected', 'toEnd', 'done']) {
      if (Object.hasOwn(Object.prototype, key)) continue
      defineProperty(Object.prototype, key, { __proto__: null, configurable: true, get() {
        hit(`Object.prototype.${key}`)
        return undefined
      } })
      restore.unshift(() => delete Object.prototype[key])
    }

    counting = true
    try {
      await traffic()
      // Whatever the hook still does in the background happens here, while the traps count.
      await new Promise((resolve) => setTimeout(resolve, 500))
    } finally {
      counting = false
      for (const undo of restore) undo()
    }
    return Object.fromEntries(Object.keys(seen).sort().map((name) => [name, seen[name]]))
  }

  /** Tracked and untracked requests of every kind, each awaited, the way a player and a game would send them. */
  async function traffic(socketUrl) {
    const json = { 'Content-Type': 'application/json' }
    await (await fetch(TRACKED, { method: 'POST', headers: json, body: '{"events":[]}' })).text()
    await (await fetch(new Request(`${TRACKED}&r=request`, { method: 'POST', body: 'request body' }))).json()
    await (await fetch(`${TRACKED}&r=blob`, { method: 'POST', body: new Blob(['blob body']) })).arrayBuffer()
    await (await fetch(`${TRACKED}&r=params`, { method: 'POST', body: new URLSearchParams({ a: '1' }) })).text()
    const form = new FormData()
    form.append('field', 'value')
    form.append('file', new File(['content'], 'name.txt'))
    await (await fetch(`${TRACKED}&r=form`, { method: 'POST', body: form })).text()
    await (await fetch(`${TRACKED}&r=buffer`, { method: 'POST', body: new Uint8Array([123, 125]).buffer })).text()
    await (await fetch(UNTRACKED, { method: 'POST', body: 'x' })).text()
    const streamed = await fetch('/ee/va/v1/stream?configId=probe&id=probe&chunk=4096&every=5&total=200000')
    const reader = streamed.body.getReader()
    await reader.read()
    await reader.cancel()
    for (const [url, responseType] of [[TRACKED, ''], [TRACKED, 'text'], [TRACKED, 'json'], [TRACKED, 'arraybuffer'], [TRACKED, 'blob'], [UNTRACKED, '']]) {
      const xhr = new XMLHttpRequest()
      xhr.open('POST', `${url}${url.includes('?') ? '&' : '?'}xhr=${responseType}`)
      xhr.responseType = responseType
      await new Promise((resolve) => {
        xhr.onload = () => resolve(xhr.response)
        xhr.onerror = resolve
        xhr.send(responseType === 'blob' ? new Blob(['xhr']) : '{"xhr":true}')
      })
    }
    navigator.sendBeacon(`${TRACKED}&beacon=text`, 'beacon')
    navigator.sendBeacon(`${TRACKED}&beacon=blob`, new Blob(['beacon']))
    navigator.sendBeacon(UNTRACKED, 'beacon')
    // The greeting and three echoes; waited for by count, not by polling, so the page's own calls are the same each run.
    const socket = new WebSocket(socketUrl)
    const frames = []
    let allArrived
    const arrived = new Promise((resolve) => (allArrived = resolve))
    socket.addEventListener('message', (event) => {
      frames.push(event.data)
      if (frames.length === 4) allArrived()
    })
    await new Promise((resolve) => socket.addEventListener('open', resolve, { once: true }))
    socket.send('{"@class":".ProbeRequest"}')
    socket.send(new Uint8Array([1, 2, 3]))
    socket.send(' ')
    await arrived
    socket.close()
    return frames.length
  }

  window.probe = async (socketUrl) => {
    const functions = {}
    for (const [label, owner, key] of replaced()) functions[label] = await describeFunction(owner, key)
    return {
      functions,
      socket: await describeSocket(socketUrl),
      conversions: await conversions(),
      globals: {
        asyncIteratorIsValues: ReadableStream.prototype[Symbol.asyncIterator] === ReadableStream.prototype.values,
        windowKeys: Reflect.ownKeys(window).map(String),
        documentKeys: Reflect.ownKeys(document).map(String),
        prototypes: Object.fromEntries(
          ['XMLHttpRequest', 'Navigator', 'WebSocket', 'Function', 'ReadableStream', 'ReadableStreamDefaultReader', 'EventTarget', 'Response', 'Request', 'MessagePort', 'Object', 'Promise']
            .map((name) => [name, Reflect.ownKeys(window[name].prototype).map(String)]),
        ),
      },
      traps: await underTraps(() => traffic(socketUrl)),
    }
  }
})()
