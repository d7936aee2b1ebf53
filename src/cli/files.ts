/**
 * Turns the CLI's file arguments into files. Shells expand globs, but quoted patterns and Windows shells do not,
 * so patterns are expanded here (tinyglobby: `*`, `**`, `?`, `[…]`, `{a,b}`).
 */
import { existsSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import { globSync, isDynamicPattern } from 'tinyglobby'

/** A file argument that names nothing. */
export class NoMatchError extends Error {}

/**
 * Each argument is an existing path, a pattern, or a name that does not exist (left for the reader to report).
 * Keeps the order of the arguments, sorts each pattern's matches, and drops a file named twice.
 * Throws NoMatchError for a pattern that matches no file.
 */
export function expandFiles(args: readonly string[], cwd: string = process.cwd()): string[] {
  const files: string[] = []
  const seen = new Set<string>()
  for (const arg of args) {
    for (const file of matches(arg, cwd)) {
      const path = resolve(cwd, file)
      if (seen.has(path)) continue
      seen.add(path)
      files.push(file)
    }
  }
  return files
}

function matches(arg: string, cwd: string): string[] {
  // A file whose name looks like a pattern (`capture[1].har`) is that file.
  if (existsSync(resolve(cwd, arg))) return [arg]
  // Patterns use forward slashes; on Windows people type backslashes, which a pattern would read as escapes.
  const pattern = process.platform === 'win32' ? arg.replaceAll('\\', '/') : arg
  if (!isDynamicPattern(pattern)) return [arg]
  const found = globSync(pattern, { cwd, absolute: isAbsolute(pattern), onlyFiles: true, expandDirectories: false })
  if (found.length === 0) throw new NoMatchError(`no file matches ${arg}`)
  return found.sort()
}
