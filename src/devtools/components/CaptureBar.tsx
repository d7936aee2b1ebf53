/**
 * Which capture the panel shows (the inspected tab, every captured tab, or an imported HAR file), and moving
 * captures in and out: import a HAR (button or drop), export the shown one as HAR (secrets removed unless the
 * user says otherwise), copy its JSON report.
 */
import { useRef } from 'preact/hooks'
import type { RetentionReport } from '../../shared/retention-report'
import type { Scope, ScopeRecord } from '../../store/records'
import { RetentionNotice } from '../../ui/RetentionNotice'
import { SettingsButton } from '../../ui/SettingsButton'
import './CaptureBar.css'

/** The "All tabs" entry of the tab bar. Never a scope: scopes start with 'tab:' or 'import:'. */
export const ALL_TABS = 'all-tabs'

interface Props {
  home: Scope
  /** The tab bar entry shown: `home`, ALL_TABS or an import's scope. */
  selected: string
  imports: readonly ScopeRecord[]
  includeSecrets: boolean
  busy: boolean
  /** False while no single capture is shown (the list of all tabs): there is nothing to export. */
  exportable: boolean
  status: { text: string; error: boolean } | null
  onSelect(entry: string): void
  onRemoveImport(record: ScopeRecord): void
  onImport(files: readonly File[]): void
  onExport(): void
  onCopy(): void
  onIncludeSecrets(include: boolean): void
  /** The last retention clean-up that removed something, or null. */
  lastCleanUp?: RetentionReport | null
  /** Opens the options page; no settings button without it. */
  openSettings?: () => void
}

export function CaptureBar(props: Props) {
  const { home, selected, imports, includeSecrets, busy, exportable, status } = props
  const fileInput = useRef<HTMLInputElement>(null)
  const tabProps = (entry: string) => ({
    type: 'button' as const,
    role: 'tab' as const,
    'aria-selected': selected === entry,
    // Roving tabindex: Tab reaches the bar once, on the tab shown; arrows move between tabs.
    tabIndex: selected === entry ? 0 : -1,
    'data-entry': entry,
    onClick: () => props.onSelect(entry),
  })
  return (
    <nav class="capture-bar" aria-label="Captures">
      <div class="capture-tabs" role="tablist" aria-label="Capture shown" onKeyDown={(event) => onTabKey(event, props)}>
        <button {...tabProps(home)} data-testid="capture-home">
          This tab
        </button>
        <button {...tabProps(ALL_TABS)} data-testid="capture-all">
          All tabs
        </button>
        {imports.length > 0 && (
          // Only a visual divider: the import tabs' own names say they are imported.
          <span class="capture-imports-label" aria-hidden="true">
            Imported
          </span>
        )}
        {imports.map((record) => {
          const name = record.title || 'Imported file'
          return (
            <span class="capture-import" role="presentation" key={record.scope}>
              <button
                {...tabProps(record.scope)}
                data-testid="capture-import"
                data-scope={record.scope}
                aria-label={`Imported: ${name}`}
                aria-keyshortcuts="Delete"
                title={`Imported ${new Date(record.createdAt).toLocaleString()} — Delete removes it`}
              >
                {name}
              </button>
              {/* Out of the tab order (Delete on the tab does the same), so Tab still leaves the bar in one step. */}
              <button
                type="button"
                class="capture-import-remove"
                tabIndex={-1}
                data-testid="remove-import"
                aria-label={`Remove import ${name}`}
                title={`Remove import ${name}`}
                disabled={busy}
                onClick={() => props.onRemoveImport(record)}
              >
                ×
              </button>
            </span>
          )
        })}
      </div>
      <div class="capture-actions">
        <input
          ref={fileInput}
          type="file"
          accept=".har,application/json"
          multiple
          hidden
          data-testid="import-file"
          onChange={(event) => {
            const input = event.currentTarget
            props.onImport([...(input.files ?? [])])
            input.value = ''
          }}
        />
        <button type="button" data-testid="import-har" disabled={busy} onClick={() => fileInput.current?.click()} title="Open a HAR file (or drop one on the panel)">
          Import HAR…
        </button>
        <button type="button" data-testid="export-har" disabled={busy || !exportable} onClick={props.onExport}>
          Export HAR
        </button>
        <label class={`include-secrets${includeSecrets ? ' include-secrets-on' : ''}`}>
          <input type="checkbox" data-testid="include-secrets" checked={includeSecrets} onChange={(event) => props.onIncludeSecrets(event.currentTarget.checked)} />
          Include secrets
        </label>
        <button type="button" data-testid="copy-json" disabled={busy || !exportable} onClick={props.onCopy}>
          Copy report as JSON
        </button>
        <SettingsButton openSettings={props.openSettings} />
      </div>
      <RetentionNotice report={props.lastCleanUp ?? null} openSettings={props.openSettings} />
      {status && (
        <p class={`capture-status${status.error ? ' capture-status-error' : ''}`} role={status.error ? 'alert' : 'status'} data-testid="transfer-status">
          {status.text}
        </p>
      )}
    </nav>
  )
}

/** The ARIA tabs pattern with manual activation: arrows, Home and End move focus; Enter or Space shows the tab. */
function onTabKey(event: KeyboardEvent, props: Props): void {
  const here = event.target as HTMLElement
  if (here.getAttribute('role') !== 'tab') return
  const entry = here.dataset.entry!
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault()
    props.onSelect(entry)
    return
  }
  if (event.key === 'Delete') {
    const record = props.imports.find((candidate) => candidate.scope === entry)
    if (!record || props.busy) return
    event.preventDefault()
    // The focused tab is about to go: keep focus in the bar.
    tabsOf(event.currentTarget as HTMLElement)[0]?.focus()
    props.onRemoveImport(record)
    return
  }
  const tabs = tabsOf(event.currentTarget as HTMLElement)
  const at = tabs.indexOf(here)
  const next =
    event.key === 'ArrowRight' ? tabs[(at + 1) % tabs.length]
    : event.key === 'ArrowLeft' ? tabs[(at - 1 + tabs.length) % tabs.length]
    : event.key === 'Home' ? tabs[0]
    : event.key === 'End' ? tabs[tabs.length - 1]
    : undefined
  if (!next) return
  event.preventDefault()
  next.focus()
}

function tabsOf(list: HTMLElement): HTMLElement[] {
  return [...list.querySelectorAll<HTMLElement>('[role=tab]')]
}
