/**
 * The panel around the captures: the capture bar, drag-and-drop import, and what the bar chose: the inspected
 * tab's Panel, the list of all captured tabs (or one of them opened from it), or an imported file's Panel.
 */
import { exportNote } from '../../ui/export-note'
import type { SiteAccessControl } from '../../ui/site-access'
import { SiteAccessNotice } from '../../ui/SiteAccessNotice'
import { useState } from 'preact/hooks'
import type { Scope, ScopeRecord } from '../../store/records'
import type { DataSource } from '../../ui/data-source'
import { RedactionContext } from '../../ui/redaction-context'
import { copyText, saveFile } from '../../ui/save-file'
import type { SettingsAccess } from '../../ui/settings-access'
import { BUILT_IN_SETTINGS, useViewSettings } from '../../ui/settings-access'
import { useChangeVersion } from '../../ui/use-change-version'
import { useLoaded } from '../../ui/use-loaded'
import { AllTabs } from './AllTabs'
import { ALL_TABS, CaptureBar } from './CaptureBar'
import { Panel } from './Panel'

interface Props {
  dataSource: DataSource
  /** The inspected tab's scope. */
  home: Scope
  /** The options page's settings, last clean-up and the page itself (the browser's in the extension). */
  settings?: SettingsAccess
  /** Whether the browser lets Sessionscope see the inspected tab's site; absent for a view of a named scope. */
  siteAccess?: SiteAccessControl
}

const isImport = (scope: Scope): boolean => scope.startsWith('import:')

export function PanelShell({ dataSource, home, settings = BUILT_IN_SETTINGS, siteAccess }: Props) {
  const { redaction, lastCleanUp, openSettings } = useViewSettings(settings)
  /** The capture bar's entry: `home`, ALL_TABS or an import's scope. */
  const [chosen, setChosen] = useState<string>(home)
  /** The tab opened from the "All tabs" list, shown while that entry is chosen. */
  const [opened, setOpened] = useState<Scope | null>(null)
  /** Set by "Back to all tabs": the list selects and focuses that tab's row again (the Back button is gone). */
  const [returnTo, setReturnTo] = useState<Scope | null>(null)
  const [version, reload] = useChangeVersion(dataSource, isImport)
  const imports = useLoaded(() => dataSource.imports(), [dataSource, version])
  const list = imports.value ?? []
  // An import removed (here or elsewhere) takes the view back to the tab.
  const entry = chosen === home || chosen === ALL_TABS || list.some((record) => record.scope === chosen) || !imports.value ? chosen : home
  /** The one capture shown in a Panel, or null while the list of all tabs is. */
  const active: Scope | null = entry === ALL_TABS ? opened : entry

  /** The user's tick or untick; until then the options page's "Include secrets in exports". */
  const [includeChosen, setIncludeSecrets] = useState<boolean | null>(null)
  const includeSecrets = includeChosen ?? redaction.includeSecretsInExports
  const [busy, setBusy] = useState(false)
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null)
  const [dragging, setDragging] = useState(false)

  async function act(work: () => Promise<string>, failure: string): Promise<void> {
    setBusy(true)
    setStatus(null)
    try {
      setStatus({ text: await work(), error: false })
    } catch (error) {
      setStatus({ text: `${failure}: ${error instanceof Error ? error.message : String(error)}`, error: true })
    } finally {
      setBusy(false)
    }
  }

  async function importFiles(files: readonly File[]): Promise<void> {
    if (files.length === 0) return
    await act(async () => {
      let last: Scope | null = null
      for (const file of files) last = await dataSource.importHar(file.name, await file.text())
      reload()
      if (last) setChosen(last)
      return `Imported ${files.map((file) => file.name).join(', ')}.`
    }, 'Could not import')
  }

  async function removeImport(record: ScopeRecord): Promise<void> {
    await act(async () => {
      await dataSource.clearScope(record.scope)
      reload()
      return `Removed ${record.title || 'the imported file'}.`
    }, 'Could not remove the import')
  }

  return (
    <div
      class={`panel-shell${dragging ? ' panel-shell-dragging' : ''}`}
      onDragOver={(event) => {
        if (![...(event.dataTransfer?.types ?? [])].includes('Files')) return
        event.preventDefault()
        setDragging(true)
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault()
        setDragging(false)
        void importFiles([...(event.dataTransfer?.files ?? [])])
      }}
    >
      <CaptureBar
        home={home}
        selected={entry}
        imports={list}
        includeSecrets={includeSecrets}
        busy={busy}
        exportable={active !== null}
        status={status}
        onSelect={(next) => {
          setChosen(next)
          // Choosing "All tabs" again goes back from an opened tab to the list; focus stays on the tab bar.
          setOpened(null)
          setReturnTo(null)
          setStatus(null)
        }}
        onRemoveImport={(record) => void removeImport(record)}
        onImport={(files) => void importFiles(files)}
        onIncludeSecrets={setIncludeSecrets}
        lastCleanUp={lastCleanUp}
        openSettings={openSettings}
        onExport={() =>
          void act(async () => {
            const exported = await dataSource.exportScope(active!, { redact: !includeSecrets })
            saveFile(exported.fileName, exported.har, 'application/json')
            return exportNote(exported, includeSecrets)
          }, 'Could not export')
        }
        onCopy={() =>
          void act(async () => {
            await copyText((await dataSource.exportScope(active!, { redact: true })).report)
            return 'Copied the JSON report.'
          }, 'Could not copy')
        }
      />
      {dragging && <div class="drop-hint" aria-hidden="true">Drop a HAR file to import it</div>}
      {entry === ALL_TABS && opened !== null && (
        <div class="all-tabs-back">
          <button type="button" data-testid="back-to-all-tabs" onClick={() => {
              setReturnTo(opened)
              setOpened(null)
            }}>
            ← Back to all tabs
          </button>
        </div>
      )}
      {siteAccess && entry === home && <SiteAccessNotice control={siteAccess} />}
      <RedactionContext.Provider value={redaction}>
        {active === null ?
          <AllTabs dataSource={dataSource} home={home} returnTo={returnTo} onOpen={setOpened} />
        : <Panel key={active} dataSource={dataSource} scope={active} />}
      </RedactionContext.Provider>
    </div>
  )
}
