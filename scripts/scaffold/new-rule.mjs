#!/usr/bin/env node
// `npm run new:rule -- <rule-id> [--severity error|warning|info]`: writes a rule's file and its test, and registers
// the rule. The rule's title, why, fix and docs are left empty and its test fails on purpose, so `npm test` names
// exactly what is still to write; the README's rule table is regenerated with UPDATE_README=1 once they are written.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const USAGE = 'usage: npm run new:rule -- <rule-id> [--severity error|warning|info]'

export function newRule(root, id, severity = 'warning') {
  if (!/^[a-z]+(-[a-z]+)*$/.test(id ?? '')) throw new Error(`a rule id is kebab-case letters: ${JSON.stringify(id)}`)
  if (!['error', 'warning', 'info'].includes(severity)) throw new Error(`severity must be error, warning or info, not ${JSON.stringify(severity)}`)
  const rulesDir = join(root, 'src', 'session', 'rules')
  const ruleFile = join(rulesDir, `${id}.ts`)
  const testFile = join(root, 'test', 'unit', 'session', 'rules', `${id}.test.ts`)
  if (existsSync(ruleFile)) throw new Error(`${id} exists already: ${ruleFile}`)
  const name = id.replace(/-([a-z])/g, (_, letter) => letter.toUpperCase())

  writeFileSync(ruleFile, ruleSource(id, severity))
  mkdirSync(dirname(testFile), { recursive: true })
  writeFileSync(testFile, testSource(id))

  const indexFile = join(rulesDir, 'index.ts')
  const index = readFileSync(indexFile, 'utf8')
  const imports = [...index.matchAll(/^import \w+ from '\.\/([a-z-]+)'\n/gm)]
  const after = imports.filter((match) => match[1] < id).at(-1) ?? imports[0]
  const importLine = `import ${name} from './${id}'\n`
  const at = after === undefined ? 0 : after[1] < id ? after.index + after[0].length : after.index
  let registered = index.slice(0, at) + importLine + index.slice(at)
  const end = registered.lastIndexOf('\n]')
  if (end === -1) throw new Error(`no rules array in ${indexFile}`)
  registered = `${registered.slice(0, end)}\n  ${name},${registered.slice(end)}`
  writeFileSync(indexFile, registered)
  return { ruleFile, testFile, indexFile }
}

function ruleSource(id, severity) {
  return `import type { Rule } from './rule'

const rule: Rule = {
  id: '${id}',
  severity: '${severity}',
  // What the rule catches, in one line; why it matters (the vendor's consequence); how to fix it; the vendor's page.
  title: '',
  why: '',
  fix: '',
  docs: '',
  // The protocols whose events it judges (absent: every protocol).
  protocols: [],
  // { message } (and a severity, if it differs) when the event breaks the rule; null when it does not. Rules can
  // also judge time passing (onClock) and whole captures (onProblem): see rule.ts.
  onEvent(_transition) {
    return null
  },
}
export default rule
`
}

function testSource(id) {
  return `import { describe, expect, it } from 'vitest'
import { ruleById } from '../../../../src/session/rules'

describe('${id}', () => {
  it('fires on the misuse it names and stays silent on the correct sequence next to it', () => {
    // Write both sequences (see test/unit/session/rules.test.ts for the helpers other rules' tests use).
    expect(ruleById('${id}')?.title, 'the rule is still to be written').not.toBe('')
  })
})
`
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2)
  const severityAt = args.indexOf('--severity')
  const severity = severityAt === -1 ? undefined : args[severityAt + 1]
  const id = args.find((arg, index) => !arg.startsWith('--') && (severityAt === -1 || index !== severityAt + 1))
  try {
    const { ruleFile, testFile } = newRule(resolve(fileURLToPath(import.meta.url), '..', '..', '..'), id, severity)
    console.log(`wrote ${ruleFile}\nwrote ${testFile}\nregistered it in src/session/rules/index.ts\n`)
    console.log('next: fill in title, why, fix, docs and onEvent, write the test, then UPDATE_README=1 npx vitest run test/unit/readme.test.ts')
  } catch (error) {
    console.error(`${error.message}\n${USAGE}`)
    process.exitCode = 2
  }
}
