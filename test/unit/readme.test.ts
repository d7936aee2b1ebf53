import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { rules } from '../../src/session/rules'
import { RULE_TABLE_END, RULE_TABLE_START, ruleTable } from '../helpers/rule-table'

const README = join(import.meta.dirname, '..', '..', 'README.md')

it('the README rule table matches the rule registry', () => {
  const text = readFileSync(README, 'utf8')
  const start = text.indexOf(RULE_TABLE_START)
  const end = text.indexOf(RULE_TABLE_END)
  expect(start, 'README has no rule table markers').toBeGreaterThan(-1)
  const current = text.slice(start, end + RULE_TABLE_END.length)
  if (process.env.UPDATE_README === '1') writeFileSync(README, text.replace(current, ruleTable()))
  else expect(current).toBe(ruleTable())
})

it('the README counts the rules there are', () => {
  const text = readFileSync(README, 'utf8')
  expect(text).toContain(`| ${rules.length} rules, each with the vendor page behind it |`)
})
