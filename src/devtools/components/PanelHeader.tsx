import type { Counts, Severity } from '../../session/finding'
import type { ScopeRecord } from '../../store/records'
import { SeverityMark } from '../../ui/SeverityMark'
import { StorageNotice } from '../../ui/StorageNotice'

interface Props {
  record: ScopeRecord | undefined
  sessions: number
  counts: Counts
  clearing: boolean
  onClear: () => void
}

/** Which tab this is, its totals, and the one action that changes anything. */
export function PanelHeader({ record, sessions, counts, clearing, onClear }: Props) {
  const title = record?.title || (record?.kind === 'import' ? 'Imported file' : 'This tab')
  return (
    <header class="panel-header">
      <div class="panel-where">
        <h1 class="panel-title" title={title}>
          {title}
        </h1>
        {record?.url && (
          <span class="panel-url mono" title={record.url}>
            {record.url}
          </span>
        )}
        <StorageNotice record={record} />
      </div>
      <div class="panel-totals" aria-label="Totals for this tab">
        <span class="total">
          <span data-testid="total-sessions">{sessions}</span> {sessions === 1 ? 'session' : 'sessions'}
        </span>
        <Total severity="error" value={counts.errors} testId="total-errors" />
        <Total severity="warning" value={counts.warnings} testId="total-warnings" />
        <Total severity="info" value={counts.infos} testId="total-infos" />
      </div>
      {record?.kind === 'import' ? (
        <button type="button" data-testid="clear" onClick={onClear} disabled={clearing} aria-label="Remove this imported capture">
          {clearing ? 'Removing…' : 'Remove'}
        </button>
      ) : (
        <button type="button" data-testid="clear" onClick={onClear} disabled={clearing} aria-label="Clear this tab's sessions and findings">
          {clearing ? 'Clearing…' : 'Clear this tab'}
        </button>
      )}
    </header>
  )
}

function Total({ severity, value, testId }: { severity: Severity; value: number; testId: string }) {
  return (
    <span class={`total${value === 0 ? ' total-zero' : ''}`}>
      <SeverityMark severity={severity} text="none" />
      <span data-testid={testId}>{value}</span> {value === 1 ? severity : `${severity}s`}
    </span>
  )
}
