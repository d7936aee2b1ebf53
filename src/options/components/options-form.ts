/** The settings form's fields as typed, what is wrong with them, and the settings they stand for. */
import { adapters } from '../../protocols'
import { hostPatternProblem } from '../../protocols/host-patterns'
import type { ProtocolId } from '../../protocols/tracking-event'
import type { IntervalSetting, RetentionSetting, UserSettings } from '../../session/user-settings'
import {
  REDACTION_DEFAULTS,
  redactionOf,
  RETENTION_DEFAULTS,
  retentionOf,
  retentionProblem,
  secretNameProblem,
  settingProblem,
} from '../../session/user-settings'

export const INTERVALS: Array<{ name: IntervalSetting; label: string; help: string }> = [
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

export const RETENTION: Array<{ name: RetentionSetting; label: string; help: string }> = [
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

export interface Form {
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

export type Problems = Record<IntervalSetting | ProtocolId | RetentionSetting | 'extraSecretNames', string | null>

export function formProblems(form: Form): Problems {
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

export function asForm(settings: UserSettings): Form {
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
export function asSettings(form: Form): UserSettings {
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

/** What each section of the form is given: the form as typed, its problems, and where a change goes. */
export interface SectionProps {
  form: Form
  problems: Problems
  onChange(next: Form): void
}
