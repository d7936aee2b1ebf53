import { useEffect, useMemo, useState } from 'preact/hooks'
import { protocolLabel } from '../../protocols'
import type { Rule } from '../../session/rules/rule'
import type { RuleGroup } from '../rule-groups'
import { groupRules, ruleMatches } from '../rule-groups'
import { useHashRuleId } from '../use-location-hash'
import { RuleSection, SEVERITY_MEANING } from './RuleSection'
import '../rules.css'

/** Every rule, grouped by protocol, with a contents list and a search; `#rule-id` picks one out. */
export function RulesPage({ rules }: { rules: readonly Rule[] }) {
  const [query, setQuery] = useState('')
  const targetId = useHashRuleId()
  const groups = useMemo(() => groupRules(rules, protocolLabel), [rules])
  const shown = useMemo(
    () => groups.map((group) => ({ ...group, rules: group.rules.filter((rule) => ruleMatches(rule, query)) })).filter((group) => group.rules.length > 0),
    [groups, query],
  )
  const shownCount = shown.reduce((sum, group) => sum + group.rules.length, 0)
  const unknownTarget = targetId !== '' && !rules.some((rule) => rule.id === targetId)

  // Bring the named rule into view and give it focus, so keyboard and screen reader users land on it too.
  useEffect(() => {
    if (!targetId) return
    const section = document.getElementById(targetId)
    if (!section?.matches('[data-testid=rule-section]')) return
    section.scrollIntoView?.({ block: 'start' })
    section.focus({ preventScroll: true })
  }, [targetId])

  return (
    <div class="rule-page" data-testid="rule-page">
      <header class="rule-page-header">
        <h1>Sessionscope rules</h1>
        <p class="muted">
          What each finding means, why it matters and how to fix it. Severity follows what the vendor does with the traffic:{' '}
          <strong>error</strong>, {SEVERITY_MEANING.error}; <strong>warning</strong>, {SEVERITY_MEANING.warning}; <strong>info</strong>,{' '}
          {SEVERITY_MEANING.info}.
        </p>
        <div class="rule-search" role="search">
          <label for="rule-search-input">Search rules</label>
          <input
            id="rule-search-input"
            type="search"
            data-testid="rule-search"
            placeholder="id, title or text"
            value={query}
            onInput={(event) => setQuery(event.currentTarget.value)}
          />
          <span class="muted" role="status" data-testid="rule-count">
            {shownCount === rules.length ? `${rules.length} rules` : `${shownCount} of ${rules.length} rules`}
          </span>
        </div>
        {unknownTarget && (
          <p class="rule-unknown" role="alert" data-testid="rule-unknown">
            No rule is called <code class="mono">{targetId}</code>.
          </p>
        )}
      </header>
      <div class="rule-layout">
        <nav class="rule-toc" aria-label="Rules by protocol">
          <Contents groups={shown} targetId={targetId} />
        </nav>
        <main class="rule-main">
          {shown.length === 0 && <p data-testid="rule-none">No rule matches “{query}”.</p>}
          {shown.map((group) => (
            <section key={group.key} class="rule-group" aria-labelledby={`group-${group.key}`} data-testid="rule-group" data-group={group.key}>
              <h2 id={`group-${group.key}`}>{group.title}</h2>
              {group.rules.map((rule) => (
                <RuleSection key={rule.id} rule={rule} targeted={rule.id === targetId} />
              ))}
            </section>
          ))}
        </main>
      </div>
    </div>
  )
}

function Contents({ groups, targetId }: { groups: readonly RuleGroup[]; targetId: string }) {
  return (
    <ul class="rule-toc-groups">
      {groups.map((group) => (
        <li key={group.key}>
          <span class="rule-toc-group">{group.title}</span>
          <ul>
            {group.rules.map((rule) => (
              <li key={rule.id}>
                <a href={`#${encodeURIComponent(rule.id)}`} class="mono" aria-current={rule.id === targetId ? 'location' : undefined} title={rule.title}>
                  {rule.id}
                </a>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  )
}
