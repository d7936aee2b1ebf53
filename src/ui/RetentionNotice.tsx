import type { RetentionReport } from '../shared/retention-report'
import { describeRetentionReport } from '../shared/retention-report'
import './RetentionNotice.css'

interface Props {
  /** The last clean-up that removed something, or null. */
  report: RetentionReport | null
  openSettings: (() => void) | undefined
}

/**
 * Says that old captures were deleted on purpose (someone missing a tab's sessions finds out why), and where
 * that is set. Quiet text, not an alert: it is news only once.
 */
export function RetentionNotice({ report, openSettings }: Props) {
  if (report === null) return null
  const text = describeRetentionReport(report)
  return (
    <p class="retention-notice" data-testid="retention-notice" title={`Retention clean-up: ${text}`}>
      <span class="retention-notice-text">{text}</span>
      {openSettings && (
        <button type="button" class="link-button" data-testid="retention-settings" onClick={openSettings}>
          Retention settings
        </button>
      )}
    </p>
  )
}

