#!/usr/bin/env node
// `npm run new:protocol -- <protocol-id> "<Label>"`: writes a protocol's folder (its adapter and its event type) and
// its unit test, and registers it: one line in src/protocols/index.ts, the only file outside the folder it touches. The adapter recognises nothing and its test fails on purpose until the protocol
// is written; the architecture test also asks for golden fixtures in test/fixtures/<protocol-id>/.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const USAGE = 'usage: npm run new:protocol -- <protocol-id> "<Label>"'

export function newProtocol(root, id, label) {
  if (!/^[a-z]+(-[a-z]+)*$/.test(id ?? '')) throw new Error(`a protocol id is kebab-case letters: ${JSON.stringify(id)}`)
  if (typeof label !== 'string' || label.trim().length < 3) throw new Error('a protocol needs a label for people, e.g. "Acme Analytics"')
  const protocols = join(root, 'src', 'protocols')
  const folder = join(protocols, id)
  if (existsSync(folder)) throw new Error(`${id} exists already: ${folder}`)
  const name = id.replace(/-([a-z])/g, (_, letter) => letter.toUpperCase())
  const type = `${name[0].toUpperCase()}${name.slice(1)}Event`

  mkdirSync(folder)
  const adapterFile = join(folder, 'index.ts')
  const eventFile = join(folder, 'event.ts')
  writeFileSync(adapterFile, adapterSource(id, name, type, label.trim()))
  writeFileSync(eventFile, eventSource(id, type))
  const testFile = join(root, 'test', 'unit', 'protocols', `${id}.test.ts`)
  mkdirSync(join(root, 'test', 'unit', 'protocols'), { recursive: true })
  writeFileSync(testFile, testSource(id, name))

  const registryFile = join(protocols, 'index.ts')
  let registry = readFileSync(registryFile, 'utf8')
  const imports = [...registry.matchAll(/^import \{ \w+ \} from '\.\/([a-z-]+)'\n/gm)]
  const last = imports.at(-1)
  if (last === undefined) throw new Error(`no adapter imports in ${registryFile}`)
  const end = last.index + last[0].length
  registry = `${registry.slice(0, end)}import { ${name} } from './${id}'\n${registry.slice(end)}`
  const list = /export const adapters = \[([^\]]*)\] as const/
  if (!list.test(registry)) throw new Error(`no adapters list in ${registryFile}`)
  registry = registry.replace(list, (_, names) => `export const adapters = [${names}, ${name}] as const`)
  writeFileSync(registryFile, registry)

  return { adapterFile, eventFile, testFile, registryFile }
}

function adapterSource(id, name, type, label) {
  return `/**
 * ${label}: what the protocol is, who sends it and where to (hosts, paths), with a request as it goes on the wire and
 * the vendor's documentation it is read from.
 */
import type { ProtocolAdapter } from '../adapter'
import { NO_SESSION_TIMERS, NOTHING } from '../adapter'
import type { ${type} } from './event'

export const ${name}: ProtocolAdapter<'${id}', ${type}> = {
  id: '${id}',
  label: '${label.replace(/'/g, "\\'")}',
  // Match on the path where the vendor allows first-party hosts; webRequestPatterns must cover every URL matched.
  matchesUrl: () => false,
  webRequestPatterns: [],
  // Requests whose answer carries what a session needs (an issued session ID); Firefox reads these bodies itself.
  responseBodyPatterns: [],
  // Build events with trackingEvent({ protocol: '${id}', … }); bad input is a CaptureProblem, never an exception.
  decode: () => NOTHING,
  // What the vendor's backend does with an idle session, and whether it reorders events by client timestamp.
  timers: NO_SESSION_TIMERS,
  reordersByTimestamp: false,
  // What the backend does with a second end ('dropped' quietly, 'refused', 'undocumented') and with other events
  // ('dropped', 'recoverable', 'undocumented') once a session is closed: the end-of-session rules' severities.
  ending: { repeatedEnd: 'undocumented', laterEvents: 'undocumented' },
  // What the backend does with an event type it does not define: 'rejected', or 'unverified' when its list is incomplete.
  unknownTypes: 'rejected',
  // True only when the client repeats its pause or buffer call in place of pings while paused (legacy heartbeats).
  repeatsHeldStateAsPing: false,
}
`
}

function eventSource(id, type) {
  return `import type { EventCore } from '../event-core'

/**
 * The protocol's events: the common core with the protocol's event types (a string-literal union where the vendor's
 * list is closed). What its own rules need beyond the core goes in \`reading\` (rules get it with readingOf()).
 */
export type ${type} = EventCore<'${id}', string> & { reading?: undefined }
`
}

function testSource(id, name) {
  return `import { describe, expect, it } from 'vitest'
import { ${name} } from '../../../src/protocols/${id}'

describe('${id}', () => {
  it('decodes a request as the vendor documents it', () => {
    // Rebuild a request from the vendor's SDK tests or docs (and say where it comes from), then check its events.
    expect(${name}.webRequestPatterns.length, 'the adapter is still to be written').toBeGreaterThan(0)
  })
})
`
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [id, label] = process.argv.slice(2)
  try {
    const written = newProtocol(resolve(fileURLToPath(import.meta.url), '..', '..', '..'), id, label)
    console.log(`wrote ${written.adapterFile}\nwrote ${written.eventFile}\nwrote ${written.testFile}\nregistered it in src/protocols/index.ts\n`)
    console.log(`next: write the adapter and its test, add golden fixtures in test/fixtures/${id}/, and run npm test`)
  } catch (error) {
    console.error(`${error.message}\n${USAGE}`)
    process.exitCode = 2
  }
}
