/**
 * The page hook's WebSocket: a socket is followed when the relay claims its URL, or when one of its first text
 * frames is tracking (a GameSparks `@class` envelope: self-hosted servers and proxies use any URL). Keep-alive
 * frames (whitespace only: the GameSparks JS SDK sends a space every 30 s) are relayed like any other once a
 * socket is followed, so the capture holds every frame that crossed it; they never make a socket tracked. A
 * socket none of whose first frames is tracking is let go: its frames cost the hook nothing more.
 *
 * The constructor is a Proxy of the native one (disguise.ts): `new`, subclasses, `instanceof`, the static
 * constants and `WebSocket.prototype.constructor` behave as natively. The hook's listener is attached with the
 * addEventListener saved at document_start, and frames are read with MessageEvent's own `data` getter.
 */
import { redefine, replaceNative } from './disguise'
import { addListener, apply, call, construct, messageEventData, now, removeListener, SafeWeakMap, socketUrl, stringTrim } from './natives'
import { rawBodyOf } from './raw-body'
import type { RelayPort } from './relay-port'

/** Text frames (not blank) a socket may carry before one of them must have made it tracked. */
const SNIFF_FRAMES = 5

interface Followed {
  id: string
  url: string
  tracked: boolean
  sniffed: number
  listener: (event: Event) => void
}

export function hookSockets(relay: RelayPort): void {
  const sockets = new SafeWeakMap<object, Followed>()

  const replaced = replaceNative<typeof WebSocket & ((...args: never[]) => unknown)>(globalThis, 'WebSocket', {
    construct(WebSocket, args, newTarget) {
      // Reflect.construct keeps `new.target`, so subclasses of WebSocket still get their own prototype.
      const socket = construct(WebSocket, args, newTarget) as WebSocket
      try {
        follow(socket)
      } catch {
        // Leave the socket alone.
      }
      return socket
    },
  })
  if (replaced === undefined) return
  redefine(replaced.native.prototype, 'constructor', replaced.replacement)
  replaceNative(replaced.native.prototype, 'send', {
    apply(send, self, args: unknown[]) {
      const result = apply(send, self, args)
      // Only a frame the socket took: send throws while the socket is connecting.
      if (args.length > 0) frame(self as object, 'send', args[0])
      return result
    },
  })

  function follow(socket: WebSocket): void {
    const state: Followed = { id: relay.nextId(), url: call(socketUrl, socket), tracked: false, sniffed: 0, listener: (event) => frame(socket, 'receive', call(messageEventData, event)) }
    sockets.set(socket, state)
    if (relay.isTrackedUrl(state.url)) track(state)
    call(addListener, socket, 'message', state.listener)
  }

  function track(state: Followed): void {
    state.tracked = true
    relay.post({ kind: 'ws-open', id: state.id, url: state.url, time: now() })
  }

  function frame(socket: object, direction: 'send' | 'receive', data: unknown): void {
    try {
      const state = sockets.get(socket)
      if (state === undefined) return
      if (!state.tracked) {
        if (typeof data !== 'string' || call(stringTrim, data) === '') return
        state.sniffed++
        if (relay.isTrackingFrame(data)) track(state)
        else {
          if (state.sniffed >= SNIFF_FRAMES) {
            call(removeListener, socket, 'message', state.listener)
            sockets.delete(socket)
          }
          return
        }
      }
      const time = now()
      rawBodyOf(data, (body) => {
        if (body !== null) relay.post({ kind: 'ws-frame', id: state.id, direction, body, time })
      })
    } catch {
      // A frame the hook cannot read is not worth disturbing the page for.
    }
  }
}
