/** What the panel and popup say after an export: whether secrets went with it, and where they could not. */
import type { ScopeExport } from './data-source'

export function exportNote(exported: ScopeExport, includeSecrets: boolean): string {
  if (!includeSecrets) return `Saved ${exported.fileName} (secrets removed).`
  const notKept = exported.secretsNotKept ?? 0
  if (notKept === 0) return `Saved ${exported.fileName}, including secrets.`
  const requests = notKept === 1 ? '1 request' : `${notKept.toLocaleString('en')} requests`
  return `Saved ${exported.fileName}, including secrets, but ${requests} went with secrets removed: real values are kept in memory only, for open tabs (Options: Keep secrets on disk).`
}
