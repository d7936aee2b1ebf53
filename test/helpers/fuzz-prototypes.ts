/** Detects prototype pollution: what the built-in prototypes hold before a fuzz input, compared after it. */

const WATCHED: ReadonlyArray<[string, object]> = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['String.prototype', String.prototype],
  ['Function.prototype', Function.prototype],
  ['Map.prototype', Map.prototype],
  ['Set.prototype', Set.prototype],
]

export type PrototypeSnapshot = Map<string, string>

function describeProto(proto: object): string {
  const keys = Reflect.ownKeys(proto).map((key) => String(key)).sort()
  return `${keys.join(',')}|${Object.getPrototypeOf(proto) === null ? 'null' : 'set'}|${Object.isExtensible(proto)}`
}

export function snapshotPrototypes(): PrototypeSnapshot {
  return new Map(WATCHED.map(([name, proto]) => [name, describeProto(proto)]))
}

/** Throws naming the polluted prototype; `{}` must also still read nothing for the keys a page could plant. */
export function assertPrototypesUnchanged(before: PrototypeSnapshot): void {
  for (const [name, proto] of WATCHED) {
    if (describeProto(proto) !== before.get(name)) throw new Error(`${name} changed: ${before.get(name)} → ${describeProto(proto)}`)
  }
  const probe: Record<string, unknown> = {}
  for (const key of ['polluted', 'isAdmin', 'sessionID', 'eventType', 'playhead', 'roomId', '@class']) {
    if (probe[key] !== undefined) throw new Error(`({}).${key} reads ${String(probe[key])} after the input`)
  }
}
