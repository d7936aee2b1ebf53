/** `items` grouped by `keyOf`, each group holding `valueOf` of its items in their order (Map.groupBy is Node 21+). */
export function groupBy<T, K, V = T>(items: Iterable<T>, keyOf: (item: T) => K, valueOf: (item: T) => V = (item) => item as unknown as V): Map<K, V[]> {
  const groups = new Map<K, V[]>()
  for (const item of items) {
    const key = keyOf(item)
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [valueOf(item)])
    else group.push(valueOf(item))
  }
  return groups
}
