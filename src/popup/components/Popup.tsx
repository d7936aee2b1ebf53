import { exportNote } from '../../ui/export-note'
import { useState } from 'preact/hooks'
import type { Scope } from '../../store/records'
import type { DataSource } from '../../ui/data-source'
import { RetentionNotice } from '../../ui/RetentionNotice'
import { StorageNotice } from '../../ui/StorageNotice'
import { saveFile } from '../../ui/save-file'
import type { SettingsAccess } from '../../ui/settings-access'
import { BUILT_IN_SETTINGS, useViewSettings } from '../../ui/settings-access'
import { SettingsButton } from '../../ui/SettingsButton'
import type { SiteAccessControl } from '../../ui/site-access'
import { SiteAccessNotice } from '../../ui/SiteAccessNotice'
import { useChangeVersion } from '../../ui/use-change-version'
import { useClearScope } from '../../ui/use-clear-scope'
import { useScopeData } from '../../ui/use-scope-data'
import { PopupSession } from './PopupSession'
import './Popup.css'

interface Props {
  dataSource: DataSource
  scope: Scope
  /** The options page's settings, last clean-up and the page itself (the browser's in the extension). */
  settings?: SettingsAccess
  /** Whether the browser lets Sessionscope see the tab's site; absent where there is no tab (an import). */
  siteAccess?: SiteAccessControl
}

/** The toolbar popup: the tab's sessions at a glance, each with the one finding that matters most. */
export function Popup({ dataSource, scope, settings = BUILT_IN_SETTINGS, siteAccess }: Props) {
  const { redaction, lastCleanUp, openSettings } = useViewSettings(settings)
  const [version, reload] = useChangeVersion(dataSource, scope)
  const data = useScopeData(dataSource, scope, version)
  const sessions = data.value?.sessions ?? []
  const loose = data.value?.loose.length ?? 0

  const { clearing, actionError, setActionError, clear } = useClearScope(dataSource, scope, reload)

  /** The user's tick or untick; until then the options page's "Include secrets in exports". */
  const [includeChosen, setIncludeSecrets] = useState<boolean | null>(null)
  const includeSecrets = includeChosen ?? redaction.includeSecretsInExports
  const [exported, setExported] = useState<string | null>(null)
  async function exportHar() {
    setActionError(null)
    try {
      const file = await dataSource.exportScope(scope, { redact: !includeSecrets })
      saveFile(file.fileName, file.har, 'application/json')
      setExported(exportNote(file, includeSecrets))
    } catch (error) {
      setActionError(`Could not export: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  const ready = data.value !== undefined || data.error !== null
  const error = actionError ?? data.error
  const tab = data.value?.record

  return (
    <main class="popup" data-testid="popup" data-ready={ready ? 'true' : 'false'}>
      <header class="popup-header">
        <h1>Sessionscope</h1>
        <div class="popup-actions">
          <label class={includeSecrets ? 'include-secrets include-secrets-on' : 'include-secrets'}>
            <input type="checkbox" data-testid="include-secrets" checked={includeSecrets} onChange={(event) => setIncludeSecrets(event.currentTarget.checked)} />
            secrets
          </label>
          <button type="button" data-testid="export-har" onClick={() => void exportHar()} title={includeSecrets ? 'Export as HAR, including credentials and cookies' : 'Export as HAR, with credentials and cookies removed'}>
            Export HAR
          </button>
          <button type="button" data-testid="clear" onClick={clear} disabled={clearing} aria-label="Clear this tab's sessions and findings">
            {clearing ? 'Clearing…' : 'Clear'}
          </button>
        </div>
      </header>
      {siteAccess && <SiteAccessNotice control={siteAccess} />}
      <StorageNotice record={tab} />
      {exported && (
        <p class="popup-note" role="status" data-testid="transfer-status">
          {exported}
        </p>
      )}
      {tab?.title && (
        <p class="popup-tab" title={tab.url || tab.title}>
          {tab.title}
        </p>
      )}
      {error && (
        <p class="popup-error" role="alert">
          {error}
        </p>
      )}
      {ready && sessions.length === 0 && (
        <p class="popup-empty" data-testid="popup-empty">
          No tracking sessions captured in this tab yet.
        </p>
      )}
      {sessions.length > 0 && (
        <ul class="popup-sessions" aria-label="Tracking sessions in this tab">
          {sessions.map((session) => (
            <PopupSession key={session.key} session={session} findings={data.value?.findings.get(session.key) ?? []} />
          ))}
        </ul>
      )}
      {loose > 0 && (
        <p class="popup-loose">
          {loose === 1 ? '1 finding is' : `${loose} findings are`} not attached to any session.
        </p>
      )}
      <footer class="popup-footer">
        <p class="popup-hint">Open DevTools → Sessionscope for the timeline and every finding.</p>
        {(lastCleanUp || openSettings) && (
          <div class="popup-footer-line">
            <RetentionNotice report={lastCleanUp} openSettings={undefined} />
            <SettingsButton openSettings={openSettings} />
          </div>
        )}
      </footer>
    </main>
  )
}
