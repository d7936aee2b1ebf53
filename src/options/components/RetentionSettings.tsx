import { RETENTION_LIMITS } from '../../session/user-settings'
import type { RetentionReport } from '../../shared/retention-report'
import { describeRetentionReport } from '../../shared/retention-report'
import { NumberSetting } from './NumberSetting'
import type { SectionProps } from './options-form'
import { RETENTION } from './options-form'

interface Props extends SectionProps {
  /** What the last clean-up removed, if it ever removed anything. */
  cleanUp: RetentionReport | null
}

export function RetentionSettings({ form, problems, onChange, cleanUp }: Props) {
  return (
    <>
      <h2>Retention</h2>
      <p class="lead">What the extension keeps on this computer. It checks at start and every hour, and when you change these.</p>
      {RETENTION.map(({ name, label, help }) => (
        <NumberSetting
          key={name}
          id={`retention-${name}`}
          label={label}
          help={help}
          min={RETENTION_LIMITS[name].min}
          max={RETENTION_LIMITS[name].max}
          value={form.retention[name]}
          problem={problems[name]}
          onChange={(value) => onChange({ ...form, retention: { ...form.retention, [name]: value } })}
        />
      ))}
      <p class="clean-up" data-testid="last-clean-up">
        {cleanUp === null ? 'Nothing has been removed yet.' : `Last clean-up: ${describeRetentionReport(cleanUp)}.`}
      </p>
    </>
  )
}
