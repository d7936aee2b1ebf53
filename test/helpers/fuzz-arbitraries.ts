/**
 * Hostile inputs for the fuzz suite: JSON text with `__proto__`/`constructor`/`prototype` keys, values of the wrong
 * type, truncated and deeply nested JSON, random bytes (raw or base64), several-megabyte bodies, and mutations of a
 * real JSON value (a field deleted, retyped, wrapped, or given a prototype-named sibling).
 */
import fc from 'fast-check'

export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'] as const

/** Keys a page could send: the prototype-named ones, names the adapters read, and anything else. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...PROTO_KEYS, 'toString', 'hasOwnProperty', 'valueOf') },
  { weight: 2, arbitrary: fc.constantFrom('events', 'xdm', 'eventType', 'mediaCollection', 'playhead', 'sessionID', 'params', 'playerTime', '@class', 'requestId', 'roomId', 'handle', 'payload', 'log', 'entries', 'request', 'url', 'postData', 'text', 'response', 'content', 'encoding', '_webSocketMessages', 'data') },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
)

/** A value of some type, including the ones fields are never meant to have. */
export const wrongTypeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, 1e308, -0, '', ' ', '12', '1.5', 'true', 'null', '[]', '{}', [], {}, [null], ['x'], { length: 1 }, { 0: 'a' }),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
)

/** Serializes keeping `__proto__` as an ordinary key (an object built with defineProperty or JSON.parse holds it as its own). */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value) ?? 'null'
}

interface Node {
  kind: 'leaf' | 'array' | 'object'
  leaf?: unknown
  items?: Node[]
  entries?: Array<[string, Node]>
}

const nodeArbitrary = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    wrongTypeValue.filter((v) => typeof v !== 'object' || v === null).map((leaf): Node => ({ kind: 'leaf', leaf })),
    fc.array(tie('node'), { maxLength: 4 }).map((items): Node => ({ kind: 'array', items })),
    fc.array(fc.tuple(hostileKey, tie('node')), { maxLength: 5 }).map((entries): Node => ({ kind: 'object', entries })),
  ),
}))

function nodeText(node: Node): string {
  if (node.kind === 'leaf') return toJsonText(node.leaf)
  if (node.kind === 'array') return `[${node.items!.map(nodeText).join(',')}]`
  return `{${node.entries!.map(([key, value]) => `${JSON.stringify(key)}:${nodeText(value)}`).join(',')}}`
}

/** JSON text whose objects may repeat keys and carry `__proto__`, as a page can send it. */
export const hostileJsonText: fc.Arbitrary<string> = nodeArbitrary.node.map(nodeText)

/** JSON nested `depth` levels: arrays, objects, or objects keyed `__proto__`. */
export function deepJsonText(depth: number, style: 'array' | 'object' | 'proto'): string {
  if (style === 'array') return `${'['.repeat(depth)}1${']'.repeat(depth)}`
  const key = style === 'proto' ? '__proto__' : 'a'
  return `${`{"${key}":`.repeat(depth)}1${'}'.repeat(depth)}`
}

export const deepJson: fc.Arbitrary<string> = fc
  .record({ depth: fc.constantFrom(1_000, 10_000, 20_000), style: fc.constantFrom<'array' | 'object' | 'proto'>('array', 'object', 'proto') })
  .map(({ depth, style }) => deepJsonText(depth, style))

/** The same text cut short somewhere (never whole). */
export function truncated(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(text.filter((t) => t.length > 1), fc.double({ min: 0, max: 1, noNaN: true })).map(([t, at]) => t.slice(0, Math.min(t.length - 1, Math.floor(t.length * at))))
}

export const randomBytes: fc.Arbitrary<Uint8Array> = fc.uint8Array({ maxLength: 2048 })

/** A body of `size` characters, built by repeating a short piece (cheap to make, several MB to read). */
export function hugeText(piece: string, size: number): string {
  const unit = piece === '' ? 'x' : piece
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size)
}

export const hugeBody: fc.Arbitrary<string> = fc
  .record({ piece: fc.constantFrom('x', '{"a":', '[', '"\\u00', 'A9+/', '{"events":[', '{"xdm":{}},'), size: fc.integer({ min: 2_000_000, max: 6_000_000 }) })
  .map(({ piece, size }) => hugeText(piece, size))

/** A valid JSON body several MB long: one real object with a huge string or array added. */
export function hugeJson(base: unknown, size: number): string {
  const filler = hugeText('abcdefgh', size)
  if (base !== null && typeof base === 'object' && !Array.isArray(base)) return toJsonText({ ...base, filler })
  return toJsonText([base, filler])
}

/** Every path to a value inside `root` (objects and arrays), the root excluded. */
export function pathsOf(root: unknown, limit = 400): Array<Array<string | number>> {
  const paths: Array<Array<string | number>> = []
  const walk = (value: unknown, path: Array<string | number>): void => {
    if (paths.length >= limit || value === null || typeof value !== 'object') return
    const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value)
    for (const key of keys) {
      paths.push([...path, key])
      walk((value as Record<string | number, unknown>)[key], [...path, key])
    }
  }
  walk(root, [])
  return paths
}

export type JsonMutation =
  | { op: 'delete' }
  | { op: 'replace'; value: unknown }
  | { op: 'wrap-array' }
  | { op: 'stringify' }
  | { op: 'proto-sibling'; key: (typeof PROTO_KEYS)[number]; value: unknown }

export const jsonMutation: fc.Arbitrary<JsonMutation> = fc.oneof(
  fc.constant<JsonMutation>({ op: 'delete' }),
  wrongTypeValue.map((value): JsonMutation => ({ op: 'replace', value })),
  fc.constant<JsonMutation>({ op: 'wrap-array' }),
  fc.constant<JsonMutation>({ op: 'stringify' }),
  fc.record({ key: fc.constantFrom(...PROTO_KEYS), value: wrongTypeValue }).map(({ key, value }): JsonMutation => ({ op: 'proto-sibling', key, value })),
)

/** The JSON a text holds, or null when it holds none. */
export function parsedOrNull(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/** A deep copy through JSON, so `__proto__` keys stay own keys. */
export function cloneJson<T>(value: T): T {
  return JSON.parse(toJsonText(value)) as T
}

/** Applies `mutation` at `path` in a copy of `root`; own-property writes only, so nothing reaches a prototype. */
export function mutateAt(root: unknown, path: ReadonlyArray<string | number>, mutation: JsonMutation): unknown {
  const copy = cloneJson(root)
  if (path.length === 0) return copy
  let parent: unknown = copy
  for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[key]
  if (parent === null || typeof parent !== 'object') return copy
  const key = path.at(-1)!
  const holder = parent as Record<string | number, unknown>
  const current = holder[key]
  const set = (target: Record<string | number, unknown>, k: string | number, value: unknown): void => {
    Object.defineProperty(target, k, { value, enumerable: true, writable: true, configurable: true })
  }
  switch (mutation.op) {
    case 'delete':
      if (Array.isArray(holder)) holder.splice(Number(key), 1)
      else delete holder[key]
      break
    case 'replace':
      set(holder, key, cloneJson(mutation.value))
      break
    case 'wrap-array':
      set(holder, key, [current])
      break
    case 'stringify':
      set(holder, key, typeof current === 'string' ? current : toJsonText(current))
      break
    case 'proto-sibling':
      if (!Array.isArray(holder)) set(holder, mutation.key, cloneJson(mutation.value))
      break
  }
  return copy
}
