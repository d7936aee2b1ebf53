/** Builds the HAR export of a scope from the store, in the view: the worker is not needed to read. */
import { toHar } from '../report/to-har'
import { engineSettings, redactionOf } from '../session/user-settings'
import { loadUserSettings } from '../shared/settings-storage'
import { capturesOf, getScope } from '../store/queries'
import type { CaptureRecord, Scope, ScopeRecord } from '../store/records'
import type { ScopeExport } from './data-source'
import { sentCaptures, withSentValues } from './sent-values'

export async function exportScope(scope: Scope, options: { redact: boolean }, now = Date.now()): Promise<ScopeExport> {
  const [record, stored, user] = await Promise.all([getScope(scope), capturesOf(scope), loadUserSettings()])
  // With secrets: as sent, from the worker's memory, unless the store keeps them as sent anyway.
  const keptOnDisk = redactionOf(user).keepSecretsOnDisk
  const sent = options.redact || keptOnDisk || record?.kind !== 'tab' ? new Map<number, CaptureRecord>() : await sentCaptures(scope, stored.map((capture) => capture.seq))
  const captures = sent.size === 0 ? stored : stored.map((capture) => withSentValues(capture, sent.get(capture.seq)))
  // A tab is judged up to now, as the panel shows it; an import up to where its capture ended.
  const lastSeen = captures.reduce((latest, capture) => Math.max(latest, capture.observedAt), 0)
  const observedUntil = record?.kind === 'import' ? (record.observedUntil ?? lastSeen) : now
  const { har, report } = toHar({ captures, settings: engineSettings(user), userSettings: user, observedUntil, redact: options.redact, extraSecretNames: redactionOf(user).extraSecretNames, source: record?.title || record?.url || undefined })
  const exported: ScopeExport = { fileName: exportFileName(record, now), har: JSON.stringify(har, null, 2), report: JSON.stringify(report, null, 2) }
  if (!options.redact && !keptOnDisk) exported.secretsNotKept = stored.length - sent.size
  return exported
}

/** `sessionscope-<title>-20260115-020000.har`, safe on every file system. */
export function exportFileName(record: ScopeRecord | undefined, now: number): string {
  const title = (record?.title || 'capture').replace(/\.har$/i, '')
  const slug = title.normalize('NFKD').replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'capture'
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
  return `sessionscope-${slug}-${stamp}.har`
}
