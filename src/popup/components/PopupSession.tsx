import { protocolLabel } from '../../protocols'
import { foldRepeats } from '../../report/fold-repeats'
import type { Finding } from '../../session/finding'
import type { SessionRecord } from '../../store/records'
import { Count } from '../../ui/Count'
import { formatDuration } from '../../ui/format-duration'
import { Occurrences } from '../../ui/Occurrences'
import { ruleUrl } from '../../ui/rule-link'
import { SessionFacts } from '../../ui/SessionFacts'
import { SeverityMark } from '../../ui/SeverityMark'
import { StateBadge } from '../../ui/StateBadge'
import { worstFinding } from '../../ui/worst-finding'

/** One session in the popup: its state, what it is, its counts, and the finding that matters most. */
export function PopupSession({ session, findings }: { session: SessionRecord; findings: readonly Finding[] }) {
  // A repeated finding speaks once, with its count.
  const folded = foldRepeats(findings)
  const head = worstFinding(folded.map(({ finding }) => finding))
  const worst = folded.find(({ finding }) => finding === head)
  const name = session.summary.name ?? session.sessionId
  return (
    <li class="popup-session" data-testid="popup-session" data-session-key={session.key}>
      <div class="popup-line">
        <StateBadge state={session.state} />
        <span class="popup-protocol">{protocolLabel(session.protocol)}</span>
        <span class={`popup-name${session.summary.name ? '' : ' mono'}`} title={name ?? undefined}>
          {name ?? <span class="muted">no session ID yet</span>}
        </span>
      </div>
      <div class="popup-line popup-stats">
        <span title="Duration">{formatDuration(session.lastEventAt - session.startedAt)}</span>
        <span>
          {session.events} {session.events === 1 ? 'event' : 'events'}
        </span>
        <span>
          <Count value={session.counts.errors} kind="errors" testId="session-errors" /> {session.counts.errors === 1 ? 'error' : 'errors'}
        </span>
        <span>
          <Count value={session.counts.warnings} kind="warnings" testId="session-warnings" />{' '}
          {session.counts.warnings === 1 ? 'warning' : 'warnings'}
        </span>
      </div>
      <SessionFacts facts={session.summary.facts} compact />
      {worst && (
        <p class={`popup-worst popup-worst-${worst.finding.severity}`} data-testid="session-worst" title={worst.finding.message}>
          <SeverityMark severity={worst.finding.severity} text="icon" />
          {/* The span keeps popup.css's two-line clamp; the message opens the page of the rule behind it. */}
          <span>
            {worst.repeats.length > 0 && <Occurrences count={worst.repeats.length + 1} />}{' '}
            <a href={ruleUrl(worst.finding.rule)} target="_blank" rel="noopener" data-testid="popup-rule-link" title={`About the rule ${worst.finding.rule}`}>
              {worst.finding.message}
            </a>
          </span>
        </p>
      )}
    </li>
  )
}
