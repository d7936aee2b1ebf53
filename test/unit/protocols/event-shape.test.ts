/**
 * Every adapter builds its events through `trackingEvent`, so all events have the same fields in the same order:
 * one hidden class in V8, which keeps the session machine's and the rules' reads monomorphic on large captures.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { decodeCapture } from '../../../src/protocols'
import type { ProtocolId } from '../../../src/protocols/tracking-event'
import { fromHar } from '../../../src/report/from-har'

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures')

it('events of every adapter and kind share one shape', () => {
  const shapes = new Map<string, string>()
  const protocols = new Set<ProtocolId>()
  for (const folder of readdirSync(FIXTURES, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    for (const file of readdirSync(join(FIXTURES, folder.name)).filter((name) => name.endsWith('.har'))) {
      for (const capture of fromHar(readFileSync(join(FIXTURES, folder.name, file), 'utf8')).captures) {
        for (const event of decodeCapture(capture).events) {
          protocols.add(event.protocol)
          shapes.set(Object.keys(event).join(','), `${folder.name}/${file}: ${event.protocol} ${event.type}`)
        }
      }
    }
  }
  expect(protocols.size, 'fixtures of every protocol were decoded').toBe(5)
  expect([...shapes.values()], 'one example per distinct shape').toHaveLength(1)
})
