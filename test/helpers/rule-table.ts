/** The README's rule table, generated from the rule registry so the two cannot drift. */
import { rules } from '../../src/session/rules'

export const RULE_TABLE_START = '<!-- rules:start (generated from src/session/rules by test/unit/readme.test.ts; UPDATE_README=1 rewrites it) -->'
export const RULE_TABLE_END = '<!-- rules:end -->'

export function ruleTable(): string {
  const rows = rules.map((rule) => `| [\`${rule.id}\`](${rule.docs}) | ${rule.severity} | ${rule.title} |`)
  return [RULE_TABLE_START, '| Rule | Severity | What it catches |', '|---|---|---|', ...rows, RULE_TABLE_END].join('\n')
}
