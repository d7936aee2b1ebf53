/**
 * Which capture the panel shows (the inspected tab, or an imported HAR file), and moving captures in and
 * out: import a HAR (button or drop), export the shown one as HAR (secrets removed unless the user says
 * otherwise), copy its JSON report.
 */
import { useRef } from 'preact/hooks'
import type { Scope, ScopeRecord } from '../../store/records'

interface Props {
  home: Scope
  active: Scope
  imports: readonly ScopeRecord[]
  includeSecrets: boolean
  busy: boolean
  status: { text: string; error: boolean } | null
  onSelect(scope: Scope): void
  onImport(files: readonly File[]): void
  onExport(): void
  onCopy(): void
  onIncludeSecrets(include: boolean): void
}

export function CaptureBar(props: Props) {
  const { home, active, imports, includeSecrets, busy, status } = props
  const fileInput = useRef<HTMLInputElement>(null)
  return (
    <nav class="capture-bar" aria-label="Captures">
      <div class="capture-tabs" role="tablist" aria-label="Capture shown">
        <button type="button" role="tab" data-testid="capture-home" aria-selected={active === home} onClick={() => props.onSelect(home)}>
          This tab
        </button>
        {imports.map((record) => (
          <button
            type="button"
            role="tab"
            key={record.scope}
            data-testid="capture-import"
            data-scope={record.scope}
            aria-selected={active === record.scope}
            title={`Imported ${new Date(record.createdAt).toLocaleString()}`}
            onClick={() => props.onSelect(record.scope)}
          >
            {record.title || 'Imported file'}
          </button>
        ))}
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
            const input = event.currentTarget as HTMLInputElement
            props.onImport([...(input.files ?? [])])
            input.value = ''
          }}
        />
        <button type="button" data-testid="import-har" disabled={busy} onClick={() => fileInput.current?.click()} title="Open a HAR file (or drop one on the panel)">
          Import HAR…
        </button>
        <button type="button" data-testid="export-har" disabled={busy} onClick={props.onExport}>
          Export HAR
        </button>
        <label class={`include-secrets${includeSecrets ? ' include-secrets-on' : ''}`}>
          <input type="checkbox" data-testid="include-secrets" checked={includeSecrets} onChange={(event) => props.onIncludeSecrets((event.currentTarget as HTMLInputElement).checked)} />
          Include secrets
        </label>
        <button type="button" data-testid="copy-json" disabled={busy} onClick={props.onCopy}>
          Copy report as JSON
        </button>
      </div>
      {status && (
        <p class={`capture-status${status.error ? ' capture-status-error' : ''}`} role={status.error ? 'alert' : 'status'} data-testid="transfer-status">
          {status.text}
        </p>
      )}
    </nav>
  )
}
