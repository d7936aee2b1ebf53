/** The settings form. Storage comes in through props, so tests render it without the browser. */
import type { UserSettings } from '../../session/user-settings'
import { DEFAULT_USER_SETTINGS } from '../../session/user-settings'
import type { RetentionReport } from '../../shared/retention-report'
import { HostSettings } from './HostSettings'
import { IntervalSettings } from './IntervalSettings'
import type { Form } from './options-form'
import { asForm, formProblems } from './options-form'
import { RedactionSettings } from './RedactionSettings'
import { RetentionSettings } from './RetentionSettings'
import { useLastCleanUp } from './use-last-clean-up'
import { useOptionsForm } from './use-options-form'

interface Props {
  load(): Promise<UserSettings>
  save(settings: UserSettings): Promise<void>
  /** What the worker's last retention clean-up removed, if it ever removed anything. */
  lastCleanUp?(): Promise<RetentionReport | null>
  /** Calls `listener` after each clean-up; returns the function that stops listening. */
  onCleanUp?(listener: () => void): () => void
}

export function Options({ load, save, lastCleanUp, onCleanUp }: Props) {
  const { form, status, store } = useOptionsForm(load, save)
  const cleanUp = useLastCleanUp(lastCleanUp, onCleanUp)

  if (form === null) return <main class="options" data-testid="options" aria-busy="true" />

  const section = { form, problems: formProblems(form), onChange: (next: Form) => void store(next) }
  return (
    <main class="options" data-testid="options" data-ready="true">
      <h1>Sessionscope settings</h1>
      <IntervalSettings {...section} />
      <HostSettings {...section} />
      <RetentionSettings {...section} cleanUp={cleanUp} />
      <RedactionSettings {...section} />
      <div class="actions">
        <button type="button" data-testid="reset" onClick={() => void store(asForm(DEFAULT_USER_SETTINGS))}>
          Reset to defaults
        </button>
        <span class="status" role="status" data-testid="status">
          {status}
        </span>
      </div>
    </main>
  )
}
