/** The panel around one capture: the capture bar, drag-and-drop import, and the Panel for the capture shown. */
import { useState } from 'preact/hooks'
import type { Scope } from '../../store/records'
import type { DataSource } from '../../ui/data-source'
import { copyText, saveFile } from '../../ui/save-file'
import { useChangeVersion } from '../../ui/use-change-version'
import { useLoaded } from '../../ui/use-loaded'
import { CaptureBar } from './CaptureBar'
import { Panel } from './Panel'

interface Props {
  dataSource: DataSource
  /** The inspected tab's scope. */
  home: Scope
}

const isImport = (scope: Scope): boolean => scope.startsWith('import:')

export function PanelShell({ dataSource, home }: Props) {
  const [chosen, setChosen] = useState<Scope>(home)
  const [version, reload] = useChangeVersion(dataSource, isImport)
  const imports = useLoaded(() => dataSource.imports(), [dataSource, version])
  const list = imports.value ?? []
  // An import removed (here or elsewhere) takes the view back to the tab.
  const active = chosen === home || list.some((record) => record.scope === chosen) || !imports.value ? chosen : home

  const [includeSecrets, setIncludeSecrets] = useState(false)
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
        active={active}
        imports={list}
        includeSecrets={includeSecrets}
        busy={busy}
        status={status}
        onSelect={(scope) => {
          setChosen(scope)
          setStatus(null)
        }}
        onImport={(files) => void importFiles(files)}
        onIncludeSecrets={setIncludeSecrets}
        onExport={() =>
          void act(async () => {
            const exported = await dataSource.exportScope(active, { redact: !includeSecrets })
            saveFile(exported.fileName, exported.har, 'application/json')
            return `Saved ${exported.fileName}${includeSecrets ? ', including secrets' : ' (secrets removed)'}.`
          }, 'Could not export')
        }
        onCopy={() =>
          void act(async () => {
            await copyText((await dataSource.exportScope(active, { redact: true })).report)
            return 'Copied the JSON report.'
          }, 'Could not copy')
        }
      />
      {dragging && <div class="drop-hint" aria-hidden="true">Drop a HAR file to import it</div>}
      <Panel key={active} dataSource={dataSource} scope={active} />
    </div>
  )
}
