/** Paths into a decoded payload, written as a developer would type them: `xdm.mediaCollection.playhead`, `events[0]`. Pure. */

export type PathSegment = string | number

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

export function formatPath(path: readonly PathSegment[]): string {
  let text = ''
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`
    else if (IDENTIFIER.test(segment)) text += text === '' ? segment : `.${segment}`
    else text += `[${JSON.stringify(segment)}]`
  }
  return text
}

/** A node's children as [segment, value] pairs; none for a value that is not an object or array. */
export function childrenOf(value: unknown): Array<[PathSegment, unknown]> {
  if (Array.isArray(value)) return value.map((item, i) => [i, item])
  if (isRecord(value)) return Object.entries(value)
  return []
}

export function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return Array.isArray(value) || isRecord(value)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object'
}

/** What a collapsed node says about itself: `{…} 3 keys`, `[…] 12 items`. */
export function summaryOf(value: unknown): string {
  const count = childrenOf(value).length
  if (Array.isArray(value)) return `[…] ${count} ${count === 1 ? 'item' : 'items'}`
  return `{…} ${count} ${count === 1 ? 'key' : 'keys'}`
}

/** A leaf as JSON would write it, so strings show their quotes and a null reads as null. */
export function leafText(value: unknown): string {
  if (value === undefined) return 'undefined'
  if (typeof value === 'bigint') return `${value}n`
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

/** What "copy value" puts on the clipboard: a string as itself, anything else as indented JSON. */
export function copyableText(value: unknown): string {
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value, null, 2) ?? String(value)
  } catch {
    return String(value)
  }
}
