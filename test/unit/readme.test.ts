import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { rules } from '../../src/session/rules'
import { corpusFigure, FIGURE_END, FIGURE_START } from '../helpers/corpus-figure'
import { RULE_TABLE_END, RULE_TABLE_START, ruleTable } from '../helpers/rule-table'

const README = join(import.meta.dirname, '..', '..', 'README.md')

/** A generated part of the README, between its markers, is what `render` makes now (UPDATE_README=1 rewrites it). */
function expectGenerated(startMarker: string, endMarker: string, render: () => string): void {
  const text = readFileSync(README, 'utf8')
  const start = text.indexOf(startMarker)
  const end = text.indexOf(endMarker)
  expect(start, `README has no ${startMarker} marker`).toBeGreaterThan(-1)
  const current = text.slice(start, end + endMarker.length)
  if (process.env.UPDATE_README === '1') writeFileSync(README, text.replace(current, render()))
  else expect(current).toBe(render())
}

it('the README rule table matches the rule registry', () => {
  expectGenerated(RULE_TABLE_START, RULE_TABLE_END, ruleTable)
})

it("the README's real-traffic figure matches the corpus and what it linted to before", () => {
  expectGenerated(FIGURE_START, FIGURE_END, corpusFigure)
})

it('the README counts the rules there are', () => {
  const text = readFileSync(README, 'utf8')
  expect(text).toContain(`| ${rules.length} rules, each with the vendor page behind it |`)
})
