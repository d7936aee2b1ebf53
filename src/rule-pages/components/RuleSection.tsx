import { protocolLabel } from '../../protocols'
import type { ProtocolId } from '../../protocols/tracking-event'
import type { Severity } from '../../session/finding'
import type { Rule } from '../../session/rules/rule'
import { SeverityMark } from '../../ui/SeverityMark'

/** What each severity means, in the README's words: severity follows what the vendor does with the traffic. */
export const SEVERITY_MEANING: Readonly<Record<Severity, string>> = {
  error: 'data is lost or rejected by the vendor',
  warning: 'the data is accepted but metrics are skewed',
  info: 'documented as harmless, or not checkable from the traffic alone',
}

/** One rule: what it catches, why it matters, how to fix it, and the vendor's pages behind it. */
export function RuleSection({ rule, targeted }: { rule: Rule; targeted: boolean }) {
  const headingId = `${rule.id}-title`
  return (
    <section
      id={rule.id}
      class={`rule-section${targeted ? ' rule-targeted' : ''}`}
      data-testid="rule-section"
      data-rule={rule.id}
      data-targeted={targeted ? 'true' : undefined}
      aria-labelledby={headingId}
      aria-current={targeted ? 'true' : undefined}
      tabIndex={-1}
    >
      <header class="rule-header">
        <h3 id={headingId}>{rule.title}</h3>
        <span class={`rule-severity rule-severity-${rule.severity}`} data-testid="rule-severity">
          <SeverityMark severity={rule.severity} />
        </span>
        <code class="rule-id mono" data-testid="rule-id">
          {rule.id}
        </code>
      </header>
      <h4>What it means</h4>
      <p>
        Sessionscope reports this when it sees: {lowerFirst(rule.title)}. It is {/^[aeiou]/.test(rule.severity) ? 'an' : 'a'} {rule.severity} by default:{' '}
        {SEVERITY_MEANING[rule.severity]}.
      </p>
      <h4>Why it matters</h4>
      <p>{rule.why}</p>
      <h4>How to fix</h4>
      <p>{rule.fix}</p>
      <RuleDocs rule={rule} />
    </section>
  )
}

function RuleDocs({ rule }: { rule: Rule }) {
  const byProtocol = Object.entries(rule.docsByProtocol ?? {}) as Array<[ProtocolId, string]>
  const links = [
    { label: 'Vendor documentation', href: rule.docs },
    ...byProtocol.map(([protocol, href]) => ({ label: `${protocolLabel(protocol)} documentation`, href })),
  ].flatMap((link) => {
    const host = httpsHost(link.href)
    return host ? [{ ...link, host }] : []
  })
  if (links.length === 0) return null
  return (
    <ul class="rule-docs">
      {links.map((link) => (
        <li key={link.href}>
          <a href={link.href} target="_blank" rel="noopener noreferrer" data-testid="rule-docs" title={link.href}>
            {link.label}
          </a>{' '}
          <span class="muted">({link.host})</span>
        </li>
      ))}
    </ul>
  )
}

/** The host of an https link, or undefined for anything that is not one: only https pages are offered. */
function httpsHost(href: string): string | undefined {
  try {
    const url = new URL(href)
    return url.protocol === 'https:' && url.host ? url.host : undefined
  } catch {
    return undefined
  }
}

function lowerFirst(text: string): string {
  // Keep names that start a title as they are ("GameSparks…", "VideoSDK…"): only a plain capital word is lowered.
  return /^[A-Z][a-z]/.test(text) && !/^[A-Z][a-z]+[A-Z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text
}
