/** The settings form. Storage comes in through props, so tests render it without the browser. */
import { useEffect, useState } from 'preact/hooks'
import type { UserSettings } from '../../session/user-settings'
import { DEFAULT_USER_SETTINGS, settingProblem, USER_SETTING_LIMITS } from '../../session/user-settings'

interface Props {
  load(): Promise<UserSettings>
  save(settings: UserSettings): Promise<void>
}

const FIELDS: Array<{ name: keyof UserSettings; label: string; help: string }> = [
  {
    name: 'mainPingIntervalSeconds',
    label: 'Main content ping interval',
    help: 'Seconds between pings during main content: the Web SDK\'s mainPingInterval (10–50 s, default 10). Longer gaps are reported as ping-interval-too-long.',
  },
  {
    name: 'adPingIntervalSeconds',
    label: 'Ad ping interval',
    help: 'Seconds between pings during ads: the Web SDK\'s adPingInterval (1–10 s, default 10). Older Adobe pages ask for 1 s; gaps between this value and 10 s are reported as information only.',
  },
]

export function Options({ load, save }: Props) {
  const [values, setValues] = useState<Record<keyof UserSettings, string> | null>(null)
  const [status, setStatus] = useState('')

  useEffect(() => {
    void load().then((settings) => setValues(asText(settings)))
  }, [load])

  if (values === null) return <main class="options" data-testid="options" aria-busy="true" />

  const problems = Object.fromEntries(FIELDS.map(({ name }) => [name, settingProblem(name, Number(values[name]))])) as Record<keyof UserSettings, string | null>
  const valid = FIELDS.every(({ name }) => problems[name] === null && values[name].trim() !== '')

  async function store(next: Record<keyof UserSettings, string>): Promise<void> {
    setValues(next)
    const settings = { mainPingIntervalSeconds: Number(next.mainPingIntervalSeconds), adPingIntervalSeconds: Number(next.adPingIntervalSeconds) }
    if (FIELDS.some(({ name }) => settingProblem(name, settings[name]) !== null || next[name].trim() === '')) {
      setStatus('Not saved: fix the highlighted value.')
      return
    }
    await save(settings)
    setStatus('Saved. Captured sessions are checked again with these settings.')
  }

  return (
    <main class="options" data-testid="options" data-ready="true">
      <h1>Sessionscope settings</h1>
      <p class="lead">These thresholds are settings in the players themselves; set them to what your player uses.</p>
      {FIELDS.map(({ name, label, help }) => (
        <div class="setting" key={name}>
          <label for={name}>{label}</label>
          <input
            id={name}
            data-testid={name}
            type="number"
            min={USER_SETTING_LIMITS[name].min}
            max={USER_SETTING_LIMITS[name].max}
            step="1"
            value={values[name]}
            aria-invalid={problems[name] !== null}
            aria-describedby={`${name}-help`}
            onChange={(event) => void store({ ...values, [name]: (event.currentTarget as HTMLInputElement).value })}
          />
          <span class="problem" role="alert">{problems[name] === null ? '' : `The value ${problems[name]}.`}</span>
          <p class="help" id={`${name}-help`}>{help}</p>
        </div>
      ))}
      <div class="actions">
        <button type="button" data-testid="reset" onClick={() => void store(asText(DEFAULT_USER_SETTINGS))}>Reset to defaults</button>
        <span class="status" role="status" data-testid="status">{valid ? status : status || 'Not saved: fix the highlighted value.'}</span>
      </div>
    </main>
  )
}

function asText(settings: UserSettings): Record<keyof UserSettings, string> {
  return { mainPingIntervalSeconds: String(settings.mainPingIntervalSeconds), adPingIntervalSeconds: String(settings.adPingIntervalSeconds) }
}
