/**
 * Golden fixtures: each protocol's scenarios (test/fixtures/<protocol>/scenarios.ts) are committed as HAR files
 * and linted through the same path users take (HAR import → replay → JSON report).
 * UPDATE_FIXTURES=1 rewrites the HAR files from their scenarios.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { lintHar } from '../../src/library'
import { resolveOptions } from '../../src/cli/lint-options'
import { fromHar } from '../../src/report/from-har'
import { toJsonReport } from '../../src/report/json-report'
import { replay } from '../../src/session/replay'
import { readUserSettings } from '../../src/session/user-settings'
import { rules } from '../../src/session/rules'
import { PROTOCOL_IDS, type ProtocolId } from '../../src/protocols'
import type { Scenario } from '../helpers/scenario'

const suites = import.meta.glob<{ scenarios: Scenario[] }>('../fixtures/*/scenarios.ts', { eager: true })

it('finds the fixture suites', () => {
  expect(Object.keys(suites).length).toBeGreaterThan(0)
})

for (const [path, { scenarios }] of Object.entries(suites)) {
  const protocol = path.split('/').at(-2)!
  describe(`${protocol} fixtures`, () => {
    for (const scenario of scenarios) {
      const file = join(import.meta.dirname, '..', 'fixtures', protocol, `${scenario.name}.har`)
      const generated = `${JSON.stringify(scenario.har, null, 2)}\n`
      if (process.env.UPDATE_FIXTURES === '1') writeFileSync(file, generated)

      it(`${scenario.name}.har is up to date with its scenario`, () => {
        expect(existsSync(file), `${file} is missing; run UPDATE_FIXTURES=1 npx vitest run fixtures`).toBe(true)
        expect(readFileSync(file, 'utf8')).toBe(generated)
      })

      it(`${scenario.name}.har lints to exactly the expected findings`, () => {
        const har = fromHar(readFileSync(file, 'utf8'))
        const report = toJsonReport(replay(har.captures, undefined, har.observedUntil))
        const actual = report.findings.map(({ rule, severity, entry, frame, entries }) => ({ rule, severity, entry, ...(frame === null ? {} : { frame }), ...(entries ? { entries } : {}) }))
        const expected = scenario.expected.map(({ frame, ...rest }) => ({ ...rest, ...(frame === null || frame === undefined ? {} : { frame }) }))
        expect(actual).toEqual(expected)
      })

      it(`${scenario.name}.har: the streamed lint reports exactly what a replay of every capture does`, () => {
        const text = readFileSync(file, 'utf8')
        const har = fromHar(text)
        const { settings } = resolveOptions(undefined, readUserSettings(har.settings))
        expect(lintHar(text)).toEqual(toJsonReport(replay(har.captures, settings, har.observedUntil)))
      })
    }
  })
}

it('every rule fires in a golden fixture, and each protocol has a clean capture', () => {
  const fired = new Set(Object.values(suites).flatMap(({ scenarios }) => scenarios.flatMap((s) => s.expected.map((f) => f.rule))))
  expect(rules.map((rule) => rule.id).filter((id) => !fired.has(id)), 'rules without a fixture').toEqual([])
  for (const [path, { scenarios }] of Object.entries(suites)) {
    const protocol = path.split('/').at(-2)! as ProtocolId
    if (!PROTOCOL_IDS.includes(protocol)) continue
    const own = rules.filter((rule) => rule.id.startsWith(`${protocol}-`)).map((rule) => rule.id)
    expect(own.filter((id) => !fired.has(id)), `${protocol} rules without a fixture`).toEqual([])
    expect(scenarios.some((s) => s.expected.length === 0), `${protocol} has no capture without findings`).toBe(true)
  }
})
