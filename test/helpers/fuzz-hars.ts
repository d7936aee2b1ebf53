/**
 * Mutated HAR documents for the importer, lintHar and the CLI: real fixtures damaged as text (truncated, random
 * bytes, a BOM, deeply nested, several MB) or as JSON (one field of one entry deleted or retyped, a body made
 * binary and base64 encoded, `__proto__` keys beside the real ones).
 */
import fc from 'fast-check'
import { deepJson, hostileJsonText, hugeText, jsonMutation, mutateAt, pathsOf, randomBytes, toJsonText, truncated } from './fuzz-arbitraries'
import type { FixtureHar } from './fuzz-corpus'
import { fixtureHars } from './fuzz-corpus'

type Json = Record<string, unknown>

function entriesOf(har: unknown): Json[] {
  const entries = ((har as Json)?.log as Json | undefined)?.entries
  return Array.isArray(entries) ? (entries as Json[]) : []
}

/** One field somewhere in one entry (or in `log` itself) deleted, retyped, wrapped or given a `__proto__` sibling. */
export function structurallyMutated(fixture: FixtureHar): fc.Arbitrary<unknown> {
  const har = JSON.parse(fixture.text) as unknown
  const entries = entriesOf(har)
  const logPaths = [['log'], ['log', 'entries'], ['log', 'version'], ['log', '_sessionscope']]
  return fc.record({ entry: fc.nat(Math.max(0, entries.length - 1)), pick: fc.nat(), mutation: jsonMutation, atLog: fc.integer({ min: 0, max: 9 }) }).map(({ entry, pick, mutation, atLog }) => {
    if (atLog === 0 || entries.length === 0) return mutateAt(har, logPaths[pick % logPaths.length]!, mutation)
    const inner = pathsOf(entries[entry], 2_000)
    const path = inner[pick % inner.length] ?? []
    return mutateAt(har, ['log', 'entries', entry, ...path], mutation)
  })
}

/** A request or response body replaced by random bytes, base64 encoded as HAR `encoding` says. */
export function binaryBodies(fixture: FixtureHar): fc.Arbitrary<unknown> {
  const har = JSON.parse(fixture.text) as unknown
  const count = entriesOf(har).length
  return fc.record({ entry: fc.nat(Math.max(0, count - 1)), bytes: randomBytes, where: fc.constantFrom('request', 'response'), key: fc.constantFrom('encoding', '_encoding'), declared: fc.boolean() }).map(({ entry, bytes, where, key, declared }) => {
    const copy = JSON.parse(fixture.text) as unknown
    const target = entriesOf(copy)[entry]
    if (!target) return copy
    const text = declared ? Buffer.from(bytes).toString('base64') : Buffer.from(bytes).toString('latin1')
    // A mutated fixture may have lost its request or response object: the body brings a fresh one.
    const holder = (typeof target[where] === 'object' && target[where] !== null ? target[where] : (target[where] = {})) as Json
    if (where === 'request') holder.postData = { mimeType: 'application/octet-stream', text, ...(declared ? { [key]: 'base64' } : {}) }
    else holder.content = { size: bytes.length, mimeType: 'application/octet-stream', text, ...(declared ? { encoding: 'base64' } : {}) }
    return copy
  })
}

/** A fixture with one entry's request body grown to several MB. */
export function hugeHar(fixture: FixtureHar, size: number): string {
  const har = JSON.parse(fixture.text) as unknown
  const entry = entriesOf(har).find((e) => ((e.request as Json)?.postData as Json | undefined)?.text !== undefined)
  if (entry) {
    const postData = (entry.request as Json).postData as Json
    postData.text = `${String(postData.text).slice(0, -1)},"filler":${JSON.stringify(hugeText('x', size))}}`
  }
  return toJsonText(har)
}

/** Whole documents that are not HAR, or only partly. */
export const damagedHarText: fc.Arbitrary<string> = fc.constantFrom(...fixtureHars()).chain((fixture) =>
  fc.oneof(
    truncated(fc.constant(fixture.text)),
    randomBytes.map((bytes) => Buffer.from(bytes).toString('latin1')),
    deepJson,
    hostileJsonText,
    hostileJsonText.map((t) => `{"log":${t}}`),
    hostileJsonText.map((t) => `{"log":{"entries":${t}}}`),
    hostileJsonText.map((t) => `{"log":{"entries":[${t}]}}`),
    fc.constant(`\uFEFF${fixture.text}`),
    fc.constantFrom('', ' ', 'null', '[]', '{}', '{"log":null}', '{"log":[]}', '{"log":{"entries":{}}}', '{"__proto__":{"log":{"entries":[]}}}', '{"log":{"entries":[null,1,"x",[]]}}'),
  ),
)

function hasEntries(text: string): boolean {
  try {
    const log: unknown = Object.getOwnPropertyDescriptor(JSON.parse(text) ?? {}, 'log')?.value
    return Array.isArray(Object.getOwnPropertyDescriptor(log ?? {}, 'entries')?.value)
  } catch {
    return false
  }
}

/** Documents with no `log.entries` array of their own: never a HAR, whatever else they hold. */
export const notHarText: fc.Arbitrary<string> = damagedHarText.filter((text) => !text.startsWith('\uFEFF') && !hasEntries(text))

export const fixtureArbitrary: fc.Arbitrary<FixtureHar> = fc.constantFrom(...fixtureHars())

/** Any hostile HAR input: damaged text, or a real fixture mutated in one place, as JSON or as its text. */
export const hostileHar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: damagedHarText },
  { weight: 4, arbitrary: fixtureArbitrary.chain(structurallyMutated) },
  { weight: 2, arbitrary: fixtureArbitrary.chain(structurallyMutated).map(toJsonText) },
  { weight: 1, arbitrary: fixtureArbitrary.chain(binaryBodies) },
)
