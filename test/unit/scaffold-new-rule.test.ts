import { cpSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain ES module script, without types
import { newRule } from '../../scripts/scaffold/new-rule.mjs'

const ROOT = join(import.meta.dirname, '..', '..')

function copyOfRules(): string {
  const root = mkdtempSync(join(tmpdir(), 'new-rule-'))
  cpSync(join(ROOT, 'src', 'session', 'rules'), join(root, 'src', 'session', 'rules'), { recursive: true })
  return root
}

describe('npm run new:rule', () => {
  it('writes the rule and its test and registers the rule, in alphabetical place among the imports', () => {
    const root = copyOfRules()
    const { ruleFile, testFile, indexFile } = newRule(root, 'ping-after-pause', 'error') as { ruleFile: string; testFile: string; indexFile: string }
    expect(readFileSync(ruleFile, 'utf8')).toContain("id: 'ping-after-pause',\n  severity: 'error',")
    expect(readFileSync(testFile, 'utf8')).toContain("ruleById('ping-after-pause')")
    const index = readFileSync(indexFile, 'utf8')
    const imports = [...index.matchAll(/^import \w+ from '\.\/([a-z-]+)'$/gm)].map((match) => match[1])
    const at = imports.indexOf('ping-after-pause')
    expect(imports[at - 1]! < 'ping-after-pause' && imports[at + 1]! > 'ping-after-pause', imports.slice(at - 1, at + 2).join(' ')).toBe(true)
    expect(index).toMatch(/\n {2}pingAfterPause,\n\]/)
  })

  it('refuses an id that is not kebab-case, a rule that exists, and an unknown severity', () => {
    const root = copyOfRules()
    expect(() => newRule(root, 'Ping_After')).toThrow(/kebab-case/)
    expect(() => newRule(root, 'duplicate-session-end')).toThrow(/exists already/)
    expect(() => newRule(root, 'new-one', 'fatal')).toThrow(/severity/)
  })
})
