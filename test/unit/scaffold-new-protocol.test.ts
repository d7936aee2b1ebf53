import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { adapters } from '../../src/protocols'
// @ts-expect-error: a plain ES module script, without types
import { newProtocol } from '../../scripts/scaffold/new-protocol.mjs'

const ROOT = join(import.meta.dirname, '..', '..')

function copyOfProtocols(): string {
  const root = mkdtempSync(join(tmpdir(), 'new-protocol-'))
  cpSync(join(ROOT, 'src', 'protocols'), join(root, 'src', 'protocols'), { recursive: true })
  return root
}

describe('npm run new:protocol', () => {
  it('writes the protocol folder and its test, and registers the adapter with one line', () => {
    const root = copyOfProtocols()
    const written = newProtocol(root, 'acme-analytics', 'Acme Analytics') as Record<'adapterFile' | 'eventFile' | 'testFile' | 'registryFile', string>
    const adapter = readFileSync(written.adapterFile, 'utf8')
    expect(adapter).toMatch(/^\/\*\*\n \* Acme Analytics: /)
    expect(adapter).toContain("export const acmeAnalytics: ProtocolAdapter<'acme-analytics', AcmeAnalyticsEvent> = {")
    // Every data field a registered adapter declares (what its backend does, among others) is in the template, with
    // a value to check: a new protocol states it rather than inheriting a default.
    const declared = new Set(adapters.flatMap((registered) => Object.entries(registered).filter(([, value]) => typeof value !== 'function').map(([key]) => key)))
    for (const field of declared) expect(adapter, `the template declares ${field}`).toMatch(new RegExp(`^  ${field}: `, 'm'))
    expect(readFileSync(written.eventFile, 'utf8')).toContain("export type AcmeAnalyticsEvent = EventCore<'acme-analytics', string>")
    expect(readFileSync(written.testFile, 'utf8')).toContain("from '../../../src/protocols/acme-analytics'")
    const registry = readFileSync(written.registryFile, 'utf8')
    expect(registry).toContain("import { acmeAnalytics } from './acme-analytics'\n")
    expect(registry).toMatch(/export const adapters = \[[^\]]*, videosdk, acmeAnalytics\] as const/)
    // The event union is read off the registry: nothing else in the protocols folder changed.
    for (const file of readdirSync(join(ROOT, 'src', 'protocols'), { recursive: true, encoding: 'utf8' })) {
      if (file === 'index.ts' || !file.endsWith('.ts')) continue
      expect(readFileSync(join(root, 'src', 'protocols', file), 'utf8'), file).toBe(readFileSync(join(ROOT, 'src', 'protocols', file), 'utf8'))
    }
    expect(registry.split('\n').length).toBe(readFileSync(join(ROOT, 'src', 'protocols', 'index.ts'), 'utf8').split('\n').length + 1)
  })

  it('refuses an id that is not kebab-case, a protocol that exists, and a missing label', () => {
    const root = copyOfProtocols()
    expect(() => newProtocol(root, 'Acme', 'Acme')).toThrow(/kebab-case/)
    expect(() => newProtocol(root, 'gamesparks', 'GameSparks')).toThrow(/exists already/)
    expect(() => newProtocol(root, 'acme')).toThrow(/label/)
  })
})
