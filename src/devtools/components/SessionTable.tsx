import { protocolLabel } from '../../protocols'
import type { SessionRecord } from '../../store/records'
import { Count } from '../../ui/Count'
import { formatDuration } from '../../ui/format-duration'
import { StateBadge } from '../../ui/StateBadge'
import { SelectableRow } from './SelectableRow'

interface Props {
  sessions: readonly SessionRecord[]
  selectedKey: string | undefined
  onSelect: (key: string) => void
}

/** One row per tracking session of the tab, oldest first. */
export function SessionTable({ sessions, selectedKey, onSelect }: Props) {
  const anySelected = sessions.some((session) => session.key === selectedKey)
  return (
    <table class="grid session-table" role="grid" aria-label="Tracking sessions" aria-readonly="true">
      <thead>
        <tr role="row">
          <th role="columnheader" class="col-protocol">Protocol</th>
          <th role="columnheader" class="col-name">Content</th>
          <th role="columnheader" class="col-id">Session ID</th>
          <th role="columnheader" class="col-state">State</th>
          <th role="columnheader" class="col-num">Duration</th>
          <th role="columnheader" class="col-num">Events</th>
          <th role="columnheader" class="col-num">Errors</th>
          <th role="columnheader" class="col-num">Warnings</th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((session, i) => (
          <SelectableRow
            key={session.key}
            data={{ 'data-testid': 'session-row', 'data-session-key': session.key }}
            selected={session.key === selectedKey}
            tabbable={anySelected ? session.key === selectedKey : i === 0}
            onSelect={() => onSelect(session.key)}
          >
            <td role="gridcell" class="col-protocol">{protocolLabel(session.protocol)}</td>
            <td role="gridcell" class="col-name" title={session.summary.name}>
              {session.summary.name ?? <span class="muted">—</span>}
            </td>
            <td role="gridcell" class="col-id mono" title={session.sessionId ?? 'No session ID known'}>
              {session.sessionId ?? <span class="muted">none yet</span>}
            </td>
            <td role="gridcell" class="col-state">
              <StateBadge state={session.state} />
            </td>
            <td role="gridcell" class="col-num">{formatDuration(session.lastEventAt - session.startedAt)}</td>
            <td role="gridcell" class="col-num">{session.events}</td>
            <td role="gridcell" class="col-num">
              <Count value={session.counts.errors} kind="errors" testId="session-errors" />
            </td>
            <td role="gridcell" class="col-num">
              <Count value={session.counts.warnings} kind="warnings" testId="session-warnings" />
            </td>
          </SelectableRow>
        ))}
      </tbody>
    </table>
  )
}
