/**
 * Following a page's response body, so that the hook's copy stops when the page stops. The hook reads its copy
 * from Response.clone(), a tee, and Chrome's tee keeps reading the network while either branch is open: if the
 * hook read on after the page cancelled, the download would go on. Nothing tells one branch that the other was
 * cancelled, so the ways a page cancels a stream are watched instead: ReadableStream's cancel, its readers'
 * cancel, leaving a `for await` loop early, a pipe that ends in an error or abort, and the streams a watched one
 * is piped through or teed into. A body the page hands to another Response or Request is not followed; the
 * hook's copy of it stops at the capture limit.
 *
 * The replacements are disguised (disguise.ts), and for streams the hook does not watch they only pass the call on.
 */
import { replaceNative, redefine } from './disguise'
import { apply, call, getterOf, methodOf, protoOf, SafeWeakMap, settle } from './natives'

type Stop = () => void

/** Watched streams, readers and iterators, each to the stop of the hook's copy it belongs to. */
const stopOf = new SafeWeakMap<object, Stop>()

/** Calls `stop` when the page cancels `stream` (the body of a response whose copy the hook reads). */
export function stopWhenPageCancels(stream: object, stop: Stop): void {
  stopOf.set(stream, stop)
}

export function watchPageCancels(): void {
  const streams = protoOf('ReadableStream')
  if (streams === undefined) return
  const isLocked = getterOf(streams, 'locked')
  const nativeValues = methodOf(streams, 'values')
  const asyncIteratorIsValues = nativeValues !== undefined && methodOf(streams, Symbol.asyncIterator) === nativeValues

  // What these return carries on the watched stream.
  passOn(streams, 'getReader')
  passOn(streams, 'pipeThrough')
  const values = passOn(streams, 'values')
  if (asyncIteratorIsValues && values !== undefined) redefine(streams, Symbol.asyncIterator, values)
  else passOn(streams, Symbol.asyncIterator)

  replaceNative(streams, 'cancel', {
    apply(cancel, self, args) {
      const stop = stopOf.get(self)
      // A locked stream refuses to be cancelled (its reader must do it).
      const cancels = stop !== undefined && !call<boolean>(isLocked, self)
      const result = apply(cancel, self, args)
      if (cancels) stop()
      return result
    },
  })
  stopsOn(protoOf('ReadableStreamDefaultReader'), 'cancel')
  stopsOn(protoOf('ReadableStreamBYOBReader'), 'cancel')
  stopsOn(asyncIteratorPrototype(nativeValues), 'return')

  replaceNative(streams, 'pipeTo', {
    apply(pipeTo, self, args) {
      const piped = apply(pipeTo, self, args) as Promise<void>
      const stop = stopOf.get(self)
      if (stop === undefined) return piped
      // Rejected: the pipe was aborted or its destination failed, and the stream was cancelled with it.
      return settle(piped, () => undefined, (error) => {
        stop()
        throw error
      })
    },
  })

  replaceNative(streams, 'tee', {
    apply(tee, self, args) {
      const branches = apply(tee, self, args) as [object, object]
      const stop = stopOf.get(self)
      if (stop === undefined) return branches
      // The stream is cancelled when both branches are.
      const cancelled = [false, false]
      const branchStop = (index: number): Stop => () => {
        cancelled[index] = true
        if (cancelled[0] && cancelled[1]) stop()
      }
      stopOf.set(branches[0], branchStop(0))
      stopOf.set(branches[1], branchStop(1))
      return branches
    },
  })
}

function passOn(owner: object, key: PropertyKey): unknown {
  return replaceNative(owner, key, {
    apply(method, self, args) {
      const result = apply(method, self, args) as object
      const stop = stopOf.get(self)
      if (stop !== undefined) stopOf.set(result, stop)
      return result
    },
  })?.replacement
}

function stopsOn(owner: object | undefined, key: PropertyKey): void {
  if (owner === undefined) return
  replaceNative(owner, key, {
    apply(method, self, args) {
      const result = apply(method, self, args)
      stopOf.get(self)?.()
      return result
    },
  })
}

/** The prototype of ReadableStream's async iterators, which has no name of its own. */
function asyncIteratorPrototype(values: ((...args: never[]) => unknown) | undefined): object | undefined {
  try {
    return values === undefined ? undefined : (Object.getPrototypeOf(call(values, new ReadableStream())) as object)
  } catch {
    return undefined
  }
}
