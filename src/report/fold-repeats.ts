import type { Finding } from '../session/finding'

/** A finding and the later occurrences it stands for (one rule, one group, one session). */
export interface Folded<F extends Finding> {
  finding: F
  /** Later occurrences (`repeat`), in the order given. */
  repeats: F[]
}

/**
 * Folds every repeated finding into the first occurrence of its rule, group and session, keeping the first
 * occurrences in the order given. The engine marks which occurrence came first in the order the vendor applied the
 * events, which a reordered late arrival can make a later one in capture order, so heads are found before repeats
 * are placed. A repeat whose first occurrence is not in the list (filtered out) stands for itself. Pure.
 */
export function foldRepeats<F extends Finding>(findings: readonly F[]): Folded<F>[] {
  const heads = new Map<string, Folded<F>>()
  for (const finding of findings) {
    if (finding.group === undefined || finding.repeat) continue
    const key = groupKey(finding)
    if (!heads.has(key)) heads.set(key, { finding, repeats: [] })
  }
  const folded: Folded<F>[] = []
  for (const finding of findings) {
    if (finding.group === undefined) {
      folded.push({ finding, repeats: [] })
      continue
    }
    const head = heads.get(groupKey(finding))
    if (head === undefined) folded.push({ finding, repeats: [] })
    else if (head.finding === finding) folded.push(head)
    else head.repeats.push(finding)
  }
  return folded
}

function groupKey(finding: Finding): string {
  return `${finding.sessionKey ?? ''}\u241f${finding.rule}\u241f${finding.group}`
}
