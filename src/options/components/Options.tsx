/** The settings form. Storage comes in through props, so tests render it without the browser. */
import { useEffect, useState } from 'preact/hooks'
import { adapters } from '../../protocols'
import { hostPatternProblem } from '../../protocols/host-patterns'
import type { ProtocolId } from '../../protocols/tracking-event'
import type { IntervalSetting, UserSettings } from '../../session/user-settings'
import { DEFAULT_USER_SETTINGS, settingProblem, USER_SETTING_LIMITS } from '../../session/user-settings'

interface Props {
  load(): Promise<UserSettings>
  save(settings: UserSettings): Promise<void>
}

const INTERVALS: Array<{ name: IntervalSetting; label: string; help: string }> = [
  {
    name: 'mainPingIntervalSeconds',
    label: 'Main content ping interval',
    help: "Seconds between pings during main content: the Web SDK's mainPingInterval (10–50 s, default 10). Longer gaps are reported as ping-interval-too-long.",
  },
  {
    name: 'adPingIntervalSeconds',
    label: 'Ad ping interval',
    help: "Seconds between pings during ads: the Web SDK's adPingInterval (1–10 s, default 10). Older Adobe pages ask for 1 s; gaps between this value and 10 s are reported as information only.",
  },
]

interface Form {
  intervals: Record<IntervalSetting, string>
  /** One host pattern per line, per protocol. */
  hosts: Record<ProtocolId, string>
}

export function Options({ load, save }: Props) {
  const [form, setForm] = useState<Form | null>(null)
  const [status, setStatus] = useState('')

  useEffect(() => {
    void load().then((settings) => setForm(asForm(settings)))
  }, [load])

  if (form === null) return <main class="options" data-testid="options" aria-busy="true" />

  const problems = formProblems(form)

  async function store(next: Form): Promise<void> {
    setForm(next)
    if (Object.values(formProblems(next)).some((problem) => problem !== null)) {
      setStatus('Not saved: fix the highlighted value.')
      return
    }
    await save(asSettings(next))
    setStatus('Saved. Captured sessions are checked again with these settings.')
  }

  return (
    <main class="options" data-testid="options" data-ready="true">
      <h1>Sessionscope settings</h1>
      <p class="lead">These thresholds are settings in the players themselves; set them to what your player uses.</p>
      {INTERVALS.map(({ name, label, help }) => (
        <div class="setting" key={name}>
          <label for={name}>{label}</label>
          <input
            id={name}
            data-testid={name}
            type="number"
            min={USER_SETTING_LIMITS[name].min}
            max={USER_SETTING_LIMITS[name].max}
            step="1"
            value={form.intervals[name]}
            aria-invalid={problems[name] !== null}
            aria-describedby={`${name}-help`}
            onChange={(event) => void store({ ...form, intervals: { ...form.intervals, [name]: (event.currentTarget as HTMLInputElement).value } })}
          />
          <span class="problem" role="alert">{problems[name] === null ? '' : `The value ${problems[name]}.`}</span>
          <p class="help" id={`${name}-help`}>{help}</p>
        </div>
      ))}
      <h2>Where the traffic goes</h2>
      <p class="lead">
        Sessionscope knows each vendor's own hosts and paths. Add the hosts where a protocol's traffic also goes: a proxy,
        a self-hosted server, a test stand-in. One per line: <code>api.example.com</code>, <code>*.example.com</code>,{' '}
        <code>127.0.0.1:8443</code>.
      </p>
      {adapters.map(({ id, label }) => (
        <div class="setting setting-hosts" key={id}>
          <label for={`hosts-${id}`}>{label}</label>
          <textarea
            id={`hosts-${id}`}
            data-testid={`hosts-${id}`}
            rows={2}
            spellcheck={false}
            value={form.hosts[id]}
            aria-invalid={problems[id] !== null}
            onChange={(event) => void store({ ...form, hosts: { ...form.hosts, [id]: (event.currentTarget as HTMLTextAreaElement).value } })}
          />
          <span class="problem" role="alert">{problems[id] ?? ''}</span>
        </div>
      ))}
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

function formProblems(form: Form): Record<IntervalSetting | ProtocolId, string | null> {
  const problems = {} as Record<IntervalSetting | ProtocolId, string | null>
  for (const { name } of INTERVALS) {
    const text = form.intervals[name].trim()
    problems[name] = text === '' ? 'must be a number of seconds' : settingProblem(name, Number(text))
  }
  for (const { id } of adapters) problems[id] = lines(form.hosts[id]).map(hostPatternProblem).find((problem) => problem !== null) ?? null
  return problems
}

function lines(text: string): string[] {
  return text.split('\n').map((line) => line.trim()).filter(Boolean)
}

function asForm(settings: UserSettings): Form {
  return {
    intervals: { mainPingIntervalSeconds: String(settings.mainPingIntervalSeconds), adPingIntervalSeconds: String(settings.adPingIntervalSeconds) },
    hosts: Object.fromEntries(adapters.map(({ id }) => [id, (settings.hosts?.[id] ?? []).join('\n')])) as Record<ProtocolId, string>,
  }
}

function asSettings(form: Form): UserSettings {
  const hosts = Object.fromEntries(adapters.flatMap(({ id }) => (lines(form.hosts[id]).length > 0 ? [[id, lines(form.hosts[id])]] : [])))
  return {
    mainPingIntervalSeconds: Number(form.intervals.mainPingIntervalSeconds),
    adPingIntervalSeconds: Number(form.intervals.adPingIntervalSeconds),
    ...(Object.keys(hosts).length > 0 ? { hosts } : {}),
  }
}
