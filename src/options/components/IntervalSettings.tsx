import { USER_SETTING_LIMITS } from '../../session/user-settings'
import { NumberSetting } from './NumberSetting'
import type { SectionProps } from './options-form'
import { INTERVALS } from './options-form'

export function IntervalSettings({ form, problems, onChange }: SectionProps) {
  return (
    <>
      <h2>Ping intervals</h2>
      <p class="lead">These thresholds are settings in the players themselves; set them to what your player uses.</p>
      {INTERVALS.map(({ name, label, help }) => (
        <NumberSetting
          key={name}
          id={name}
          label={label}
          help={help}
          {...USER_SETTING_LIMITS[name]}
          value={form.intervals[name]}
          problem={problems[name]}
          onChange={(value) => onChange({ ...form, intervals: { ...form.intervals, [name]: value } })}
        />
      ))}
    </>
  )
}
