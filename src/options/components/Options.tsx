/** The settings form. Storage comes in through props, so tests render it without the browser. */
import { useEffect, useState } from 'preact/hooks'
import { adapters } from '../../protocols'
import { hostPatternProblem } from '../../protocols/host-patterns'
import type { ProtocolId } from '../../protocols/tracking-event'
import type { IntervalSetting, RetentionSetting, UserSettings } from '../../session/user-settings'
import {
  DEFAULT_USER_SETTINGS,
  REDACTION_DEFAULTS,
  redactionOf,
  RETENTION_DEFAULTS,
  RETENTION_LIMITS,
  retentionOf,
  retentionProblem,
  secretNameProblem,
  settingProblem,
  USER_SETTING_LIMITS,
} from '../../session/user-settings'
import type { RetentionReport } from '../../shared/retention-report'
import { describeRetentionReport } from '../../shared/retention-report'
import { NumberSetting } from './NumberSetting'

interface Props {
  load(): Promise<UserSettings>
  save(settings: UserSettings): Promise<void>
  /** What the worker's last retention clean-up removed, if it ever removed anything. */
  lastCleanUp?(): Promise<RetentionReport | null>
  /** Calls `listener` after each clean-up; returns the function that stops listening. */
  onCleanUp?(listener: () => void): () => void
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

const RETENTION: Array<{ name: RetentionSetting; label: string; help: string }> = [
  {
    name: 'days',
    label: 'Keep captures for (days)',
    help: `Tabs and imports not updated for this many days are deleted (1–365, default ${RETENTION_DEFAULTS.days}). Tabs that are still open are kept.`,
  },
  {
    name: 'maxCapturesPerTab',
    label: 'Most requests per tab',
    help: `A tab that captured more tracking requests than this is cleared, as its Clear button does (default ${RETENTION_DEFAULTS.maxCapturesPerTab.toLocaleString('en')}; a two-hour live stream sends about 720 pings). Sessions are judged from their first request, so a tab is cleared whole rather than cut.`,
  },
  {
    name: 'maxCapturesTotal',
    label: 'Most requests in all',
    help: `Above this many requests over all tabs and imports, the least recently updated go first; open tabs last (default ${RETENTION_DEFAULTS.maxCapturesTotal.toLocaleString('en')}).`,
  },
]

const REDACTION_CHECKS: Array<{ name: 'showSecretsByDefault' | 'includeSecretsInExports' | 'keepSecretsOnDisk'; label: string; help: string }> = [
  {
    name: 'showSecretsByDefault',
    label: 'Show secrets in event details',
    help: 'Event details start with credentials, cookies and token signatures visible. Off by default, so a screen share shows none.',
  },
  {
    name: 'includeSecretsInExports',
    label: 'Include secrets in exports',
    help: 'Exports start with "Include secrets" ticked. Off by default: an export is usually shared.',
  },
  {
    name: 'keepSecretsOnDisk',
    label: 'Keep secrets on disk',
    help: 'The store keeps requests as they were sent, for 7 days or what retention says. Off by default: the store holds them with secrets removed, and the real values stay in memory only while the tab is open (for "Show secrets" and "Include secrets" there). Turning it off removes the secrets already stored.',
  },
]

interface Form {
  intervals: Record<IntervalSetting, string>
  /** One host pattern per line, per protocol. */
  hosts: Record<ProtocolId, string>
  retention: Record<RetentionSetting, string>
  showSecretsByDefault: boolean
  includeSecretsInExports: boolean
  keepSecretsOnDisk: boolean
  /** One name per line. */
  extraSecretNames: string
}

type Problems = Record<IntervalSetting | ProtocolId | RetentionSetting | 'extraSecretNames', string | null>

export function Options({ load, save, lastCleanUp, onCleanUp }: Props) {
  const [form, setForm] = useState<Form | null>(null)
  const [status, setStatus] = useState('')
  const [cleanUp, setCleanUp] = useState<RetentionReport | null>(null)

  useEffect(() => {
    void load().then((settings) => setForm(asForm(settings)))
  }, [load])
  useEffect(() => {
    if (!lastCleanUp) return
    // Lowering the retention prunes at once: the line follows what the worker just removed.
    const read = (): void => void lastCleanUp().then(setCleanUp, () => setCleanUp(null))
    read()
    return onCleanUp?.(read)
  }, [lastCleanUp, onCleanUp])

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
          onChange={(value) => void store({ ...form, intervals: { ...form.intervals, [name]: value } })}
        />
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
          onChange={(value) => void store({ ...form, retention: { ...form.retention, [name]: value } })}
        />
      ))}
      <p class="clean-up" data-testid="last-clean-up">
        {cleanUp === null ? 'Nothing has been removed yet.' : `Last clean-up: ${describeRetentionReport(cleanUp)}.`}
      </p>
      <h2>Redaction</h2>
      <p class="lead">
        Credentials, cookies, token signatures and secret-named fields are hidden in event details and removed from exports unless
        you ask for them.
      </p>
      {REDACTION_CHECKS.map(({ name, label, help }) => (
        <div class="setting setting-check" key={name}>
          <input
            id={`redaction-${name}`}
            data-testid={`redaction-${name}`}
            type="checkbox"
            checked={form[name]}
            aria-describedby={`redaction-${name}-help`}
            onChange={(event) => void store({ ...form, [name]: (event.currentTarget as HTMLInputElement).checked })}
          />
          <label for={`redaction-${name}`}>{label}</label>
          <p class="help" id={`redaction-${name}-help`}>{help}</p>
        </div>
      ))}
      <div class="setting setting-hosts">
        <label for="redaction-extraSecretNames">More secret names</label>
        <textarea
          id="redaction-extraSecretNames"
          data-testid="redaction-extraSecretNames"
          rows={3}
          spellcheck={false}
          value={form.extraSecretNames}
          aria-invalid={problems.extraSecretNames !== null}
          aria-describedby="redaction-extraSecretNames-help"
          onChange={(event) => void store({ ...form, extraSecretNames: (event.currentTarget as HTMLTextAreaElement).value })}
        />
        <span class="problem" role="alert">{problems.extraSecretNames ?? ''}</span>
        <p class="help" id="redaction-extraSecretNames-help">
          Header, query parameter, form and JSON field names whose values are secrets too, one per line (any case), e.g.{' '}
          <code>x-session-key</code> or <code>deviceToken</code>. Their values are replaced whole.
        </p>
      </div>
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

function formProblems(form: Form): Problems {
  const problems = {} as Problems
  for (const { name } of INTERVALS) {
    const text = form.intervals[name].trim()
    problems[name] = text === '' ? 'must be a number of seconds' : settingProblem(name, Number(text))
  }
  for (const { id } of adapters) problems[id] = lines(form.hosts[id]).map(hostPatternProblem).find((problem) => problem !== null) ?? null
  for (const { name } of RETENTION) {
    const text = form.retention[name].trim()
    problems[name] = retentionProblem(name, text === '' ? null : Number(text))
  }
  problems.extraSecretNames = lines(form.extraSecretNames).map(secretNameProblem).find((problem) => problem !== null) ?? null
  return problems
}

function lines(text: string): string[] {
  return text.split('\n').map((line) => line.trim()).filter(Boolean)
}

function asForm(settings: UserSettings): Form {
  const retention = retentionOf(settings)
  const redaction = redactionOf(settings)
  return {
    retention: { days: String(retention.days), maxCapturesPerTab: String(retention.maxCapturesPerTab), maxCapturesTotal: String(retention.maxCapturesTotal) },
    showSecretsByDefault: redaction.showSecretsByDefault,
    includeSecretsInExports: redaction.includeSecretsInExports,
    keepSecretsOnDisk: redaction.keepSecretsOnDisk,
    extraSecretNames: redaction.extraSecretNames.join('\n'),
    intervals: { mainPingIntervalSeconds: String(settings.mainPingIntervalSeconds), adPingIntervalSeconds: String(settings.adPingIntervalSeconds) },
    hosts: Object.fromEntries(adapters.map(({ id }) => [id, (settings.hosts?.[id] ?? []).join('\n')])) as Record<ProtocolId, string>,
  }
}

/** Defaults are left out, so stored settings (and the copy in each export) name only what the user changed. */
function asSettings(form: Form): UserSettings {
  const hosts = Object.fromEntries(adapters.flatMap(({ id }) => (lines(form.hosts[id]).length > 0 ? [[id, lines(form.hosts[id])]] : [])))
  const retention = { days: Number(form.retention.days), maxCapturesPerTab: Number(form.retention.maxCapturesPerTab), maxCapturesTotal: Number(form.retention.maxCapturesTotal) }
  const redaction = {
    showSecretsByDefault: form.showSecretsByDefault,
    includeSecretsInExports: form.includeSecretsInExports,
    extraSecretNames: [...new Set(lines(form.extraSecretNames))],
    keepSecretsOnDisk: form.keepSecretsOnDisk,
  }
  return {
    mainPingIntervalSeconds: Number(form.intervals.mainPingIntervalSeconds),
    adPingIntervalSeconds: Number(form.intervals.adPingIntervalSeconds),
    ...(Object.keys(hosts).length > 0 ? { hosts } : {}),
    ...(sameValues(retention, RETENTION_DEFAULTS) ? {} : { retention }),
    ...(sameValues(redaction, REDACTION_DEFAULTS) ? {} : { redaction }),
  }
}

function sameValues(a: object, b: object): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
