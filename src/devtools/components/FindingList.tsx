import { memo } from 'preact/compat'
import { useCallback, useMemo, useRef } from 'preact/hooks'
import { foldRepeats } from '../../report/fold-repeats'
import type { Finding } from '../../session/finding'
import { ruleById } from '../../session/rules'
import { ruleUrl } from '../../ui/rule-link'
import { Occurrences } from '../../ui/Occurrences'
import { SeverityMark } from '../../ui/SeverityMark'

interface Props {
  findings: readonly Finding[]
  label: string
  /** Whether the finding's event is on screen, so clicking the finding can select it. */
  canReveal?: (finding: Finding) => boolean
  onReveal?: (finding: Finding) => void
  /** Whether the finding is about the selected event. */
  isCurrent?: (finding: Finding) => boolean
}

/**
 * Findings, each with what the rule says and how to fix it. A finding a session repeats (one rule, one field and
 * value) is one item with its count; it reveals its first occurrence, and is current on any of them.
 */
export function FindingList({ findings, label, canReveal, onReveal, isCurrent }: Props) {
  // One stable callback, so the memoized items re-render only when their own finding, link or highlight changes.
  const latestOnReveal = useRef(onReveal)
  latestOnReveal.current = onReveal
  const reveal = useCallback((finding: Finding) => latestOnReveal.current?.(finding), [])
  const folded = useMemo(() => foldRepeats(findings), [findings])
  return (
    <ul class="finding-list" aria-label={label}>
      {folded.map(({ finding, repeats }, i) => (
        <FindingItem
          key={i}
          finding={finding}
          count={repeats.length + 1}
          onReveal={onReveal && canReveal?.(finding) ? reveal : undefined}
          current={isCurrent !== undefined && (isCurrent(finding) || repeats.some(isCurrent))}
        />
      ))}
    </ul>
  )
}

interface ItemProps {
  finding: Finding
  /** Occurrences the finding stands for, itself included. */
  count: number
  onReveal: ((finding: Finding) => void) | undefined
  current: boolean
}

const FindingItem = memo(function FindingItem({ finding, count, onReveal, current }: ItemProps) {
  const rule = ruleById(finding.rule)
  function onClick(event: MouseEvent) {
    // The docs link and the "how to fix" disclosure do their own thing.
    if ((event.target as Element | null)?.closest('a, summary, details')) return
    onReveal?.(finding)
  }
  const heading = (
    <>
      <SeverityMark severity={finding.severity} />
      <span class="finding-rule mono">{finding.rule}</span>
      {count > 1 && <Occurrences count={count} />}
      {rule && <span class="finding-title">{rule.title}</span>}
    </>
  )
  return (
    <li
      class={`finding finding-${finding.severity}${onReveal ? ' revealable' : ''}${current ? ' current' : ''}`}
      data-testid="finding"
      data-rule={finding.rule}
      data-severity={finding.severity}
      aria-current={current ? 'true' : undefined}
      onClick={onClick}
    >
      {onReveal ? (
        <button type="button" class="finding-heading" title="Show the event in the timeline">
          {heading}
        </button>
      ) : (
        <div class="finding-heading">{heading}</div>
      )}
      <p class="finding-message">{finding.message}</p>
      <div class="finding-links">
        <DocsLink href={finding.docs} />
        <a
          class="finding-rule-link"
          data-testid="finding-rule-link"
          href={ruleUrl(finding.rule)}
          target="_blank"
          rel="noopener"
          aria-label={`About this rule: ${finding.rule}`}
        >
          About this rule
        </a>
        {rule && (
          <details class="finding-fix">
            <summary>Why and how to fix</summary>
            <p>{rule.why}</p>
            <p>{rule.fix}</p>
          </details>
        )}
      </div>
    </li>
  )
})

/** Only https links are followed; anything else in a stored finding is shown as text. */
function DocsLink({ href }: { href: string }) {
  if (!href) return null
  if (!href.startsWith('https://')) {
    return (
      <span class="finding-docs mono" data-testid="finding-docs">
        {href}
      </span>
    )
  }
  return (
    <a class="finding-docs" data-testid="finding-docs" href={href} target="_blank" rel="noopener noreferrer" title={href}>
      Vendor documentation
    </a>
  )
}
