/**
 * Replacing a browser function so that a page cannot tell: the replacement is a Proxy of the native function, so
 * its name, length, own properties, prototype chain and constructor behaviour are the native's own, and it stands
 * where the native stood with the same property attributes. The one thing a Proxy changes, what
 * Function.prototype.toString says about it, is answered for the native: toString is itself replaced the same way
 * (so `toString.toString()` is native too).
 */
import { apply, bare, defineProperty, getOwnPropertyDescriptor, NativeProxy, SafeWeakMap } from './natives'

type AnyFunction = (...args: never[]) => unknown

/** Each replacement, to the native it stands for. */
const nativeOf = new SafeWeakMap<object, AnyFunction>()

/** Makes Function.prototype.toString describe every replacement as the native it replaced. */
export function disguiseReplacements(): void {
  replaceNative(Function.prototype, 'toString', {
    apply(toString, self, args) {
      return apply(toString, nativeOf.get(self) ?? self, args)
    },
  })
}

/**
 * Puts a Proxy of `owner[key]` with the given traps in its place; returns the native and its replacement, or
 * undefined when there is no such function. The traps object gets no prototype: a Proxy looks up every trap on
 * it, and a page could put a `get` on Object.prototype.
 */
export function replaceNative<F extends AnyFunction>(owner: object, key: PropertyKey, traps: ProxyHandler<F>): { native: F; replacement: F } | undefined {
  const descriptor = getOwnPropertyDescriptor(owner, key)
  const native = descriptor?.value as F | undefined
  if (descriptor === undefined || typeof native !== 'function') return undefined
  const replacement = new NativeProxy(native, bare(traps))
  nativeOf.set(replacement, native)
  redefine(owner, key, replacement)
  return { native, replacement }
}

/** Gives the data property `owner[key]` a new value, keeping its attributes. */
export function redefine(owner: object, key: PropertyKey, value: unknown): void {
  const descriptor = getOwnPropertyDescriptor(owner, key)
  if (descriptor === undefined) return
  defineProperty(owner, key, bare({ value, writable: descriptor.writable, enumerable: descriptor.enumerable, configurable: descriptor.configurable }))
}
