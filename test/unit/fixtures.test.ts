/**
 * Golden fixtures: each scenario's HAR is committed under test/fixtures and linted through the same path
 * users take (HAR import → replay → JSON report). UPDATE_FIXTURES=1 rewrites the HAR files.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fromHar } from '../../src/report/from-har'
import { toJsonReport } from '../../src/report/json-report'
import { replay } from '../../src/session/replay'
import { edgeHar } from '../helpers/edge-har'
import { scenarios as edgeScenarios } from '../fixtures/adobe-media-edge/scenarios'

const suites = [{ protocol: 'adobe-media-edge', scenarios: edgeScenarios }]

for (const { protocol, scenarios } of suites) {
  describe(`${protocol} fixtures`, () => {
    for (const scenario of scenarios) {
      const file = join(import.meta.dirname, '..', 'fixtures', protocol, `${scenario.name}.har`)
      const generated = `${JSON.stringify(edgeHar(scenario.script), null, 2)}\n`
      if (process.env.UPDATE_FIXTURES === '1') writeFileSync(file, generated)

      it(`${scenario.name}.har is up to date with its scenario`, () => {
        expect(existsSync(file), `${file} is missing; run UPDATE_FIXTURES=1 npx vitest run fixtures`).toBe(true)
        expect(readFileSync(file, 'utf8')).toBe(generated)
      })

      it(`${scenario.name}.har lints to exactly the expected findings`, () => {
        const har = fromHar(readFileSync(file, 'utf8'))
        const report = toJsonReport(replay(har.captures, undefined, har.observedUntil))
        expect(report.findings.map(({ rule, severity, entry }) => ({ rule, severity, entry }))).toEqual(scenario.expected)
      })
    }
  })
}
