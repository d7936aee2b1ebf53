/** The real fixtures as seeds for mutation: every HAR under test/fixtures, and its captures grouped by the adapter that decodes them. */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { decodeCapture } from '../../src/protocols'
import type { CapturedRequest } from '../../src/protocols/captured-request'
import type { ProtocolId } from '../../src/protocols/tracking-event'
import { fromHar } from '../../src/report/from-har'

const FIXTURES = join(import.meta.dirname, '..', 'fixtures')

export interface FixtureHar {
  name: string
  text: string
}

function harFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return harFiles(path)
    return entry.name.endsWith('.har') ? [path] : []
  })
}

let hars: FixtureHar[] | undefined
export function fixtureHars(): FixtureHar[] {
  hars ??= harFiles(FIXTURES).sort().map((path) => ({ name: path.slice(FIXTURES.length + 1), text: readFileSync(path, 'utf8') }))
  return hars
}

let byProtocol: Map<ProtocolId, CapturedRequest[]> | undefined
/** Captures from the fixtures that decode into at least one event, by protocol. */
export function fixtureCaptures(protocol: ProtocolId): CapturedRequest[] {
  if (!byProtocol) {
    byProtocol = new Map()
    for (const { text } of fixtureHars()) {
      for (const capture of fromHar(text).captures) {
        const decoded = decodeCapture(capture)
        const id = decoded.events[0]?.protocol
        if (id === undefined) continue
        byProtocol.set(id, [...(byProtocol.get(id) ?? []), capture])
      }
    }
  }
  return byProtocol.get(protocol) ?? []
}
