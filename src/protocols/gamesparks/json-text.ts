/** How deep GameSparks JSON text nests, read before it is parsed. */

/** GameSparks messages are shallow; deeper frames are refused before they can overflow a stack downstream. */
export const MAX_DEPTH = 64

/** The deepest nesting of objects and arrays in JSON text, strings skipped. Linear; never recurses. */
export function nestingDepth(text: string): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92) i++
      else if (c === 34) inString = false
    } else if (c === 34) inString = true
    else if (c === 123 || c === 91) deepest = Math.max(deepest, ++depth)
    else if (c === 125 || c === 93) depth--
  }
  return deepest
}
