/**
 * Every browser tab the store holds captures for, of this browser session and earlier ones, newest first:
 * pick one to see its sessions in the panel, or clear it.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import type { Scope, ScopeRecord } from '../../store/records'
import { Count } from '../../ui/Count'
import type { DataSource } from '../../ui/data-source'
import { useChangeVersion } from '../../ui/use-change-version'
import { useLoaded } from '../../ui/use-loaded'
import { SelectableRow } from './SelectableRow'
import './AllTabs.css'

interface Props {
  dataSource: DataSource
  /** The inspected tab's scope: its row is marked, and it tells this browser session from earlier ones. */
  home: Scope
  /** The tab the user came back from: selected and focused again, so they keep their place in the list. */
  returnTo?: Scope | null
  onOpen(scope: Scope): void
}

const isTab = (scope: Scope): boolean => scope.startsWith('tab:')

/** The browser session part of a tab scope ('tab:12@<browser session>'); null for imports. */
export function browserSessionOf(scope: Scope): string | null {
  const at = scope.indexOf('@')
  return isTab(scope) && at >= 0 ? scope.slice(at + 1) : null
}

/** Newest activity first; ties keep a stable order by scope. */
export function newestFirst(tabs: readonly ScopeRecord[]): ScopeRecord[] {
  return [...tabs].sort((a, b) => b.updatedAt - a.updatedAt || a.scope.localeCompare(b.scope))
}

export function AllTabs({ dataSource, home, returnTo = null, onOpen }: Props) {
  const [version, reload] = useChangeVersion(dataSource, isTab)
  const loaded = useLoaded(() => dataSource.tabs(), [dataSource, version])
  const tabs = newestFirst(loaded.value ?? [])
  const [selected, setSelected] = useState<Scope | null>(returnTo)
  const table = useRef<HTMLTableElement>(null)
  const listed = loaded.value !== undefined
  useEffect(() => {
    if (!listed || !returnTo) return
    const row = [...(table.current?.querySelectorAll<HTMLElement>('[role=row][data-scope]') ?? [])].find((candidate) => candidate.dataset.scope === returnTo)
    row?.focus()
  }, [listed, returnTo])
  const [clearing, setClearing] = useState<Scope | null>(null)
  const [clearError, setClearError] = useState<string | null>(null)
  const anySelected = tabs.some((tab) => tab.scope === selected)
  const thisBrowser = browserSessionOf(home)

  async function clear(record: ScopeRecord) {
    setClearing(record.scope)
    setClearError(null)
    try {
      await dataSource.clearScope(record.scope)
    } catch (error) {
      setClearError(`Could not clear ${record.title || record.url || 'the tab'}: ${error instanceof Error ? error.message : String(error)}`)
    } finally {
      setClearing(null)
      reload()
    }
  }

  // Enter and Space open the row; SelectableRow would only select it again. Caught before the row sees it.
  function onRowKey(event: KeyboardEvent) {
    if (event.key !== 'Enter' && event.key !== ' ') return
    const row = event.target as HTMLElement
    if (row.getAttribute('role') !== 'row' || !row.dataset.scope) return
    event.preventDefault()
    event.stopPropagation()
    onOpen(row.dataset.scope)
  }

  function onRowDoubleClick(event: MouseEvent) {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[role=row][data-scope]')
    if (row?.dataset.scope) onOpen(row.dataset.scope)
  }

  const ready = loaded.value !== undefined || loaded.error !== null
  return (
    <section class="all-tabs" data-testid="all-tabs" data-ready={ready ? 'true' : 'false'} aria-label="All captured tabs">
      {(loaded.error ?? clearError) && (
        <p class="panel-error" role="alert">
          {clearError ?? `Could not read the tabs: ${loaded.error}`}
        </p>
      )}
      {loaded.value && tabs.length === 0 && <p class="panel-hint">No tab has sent tracking requests yet. Tabs appear here as soon as one does, and stay after they close.</p>}
      {tabs.length > 0 && (
        <div class="all-tabs-scroll">
          <table ref={table} class="grid all-tabs-table" role="grid" aria-label="Captured tabs, newest first" aria-readonly="true">
            <thead>
              <tr role="row">
                <th role="columnheader" class="col-tab">Tab</th>
                <th role="columnheader" class="col-url">URL</th>
                <th role="columnheader" class="col-num">Sessions</th>
                <th role="columnheader" class="col-num">Errors</th>
                <th role="columnheader" class="col-num">Warnings</th>
                <th role="columnheader" class="col-num">Infos</th>
                <th role="columnheader" class="col-when">Last activity</th>
                <th role="columnheader" class="col-actions">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody onKeyDownCapture={onRowKey} onDblClick={onRowDoubleClick}>
              {tabs.map((tab, i) => {
                const isSelected = tab.scope === selected
                const where = tab.scope === home ? 'this' : browserSessionOf(tab.scope) === thisBrowser ? 'other' : 'earlier'
                const title = tab.title || 'Untitled tab'
                // Buttons of the selected row only are in the tab order, so Tab leaves the grid from there.
                const buttonTab = (anySelected ? isSelected : i === 0) ? 0 : -1
                return (
                  <SelectableRow
                    key={tab.scope}
                    data={{ 'data-testid': 'tab-row', 'data-scope': tab.scope, 'data-where': where }}
                    class={`all-tabs-row all-tabs-${where}`}
                    selected={isSelected}
                    tabbable={anySelected ? isSelected : i === 0}
                    onSelect={() => setSelected(tab.scope)}
                  >
                    <td role="gridcell" class="col-tab" title={title}>
                      <div class="all-tabs-name">
                        <span class="all-tabs-title" data-testid="tab-title">
                          {title}
                        </span>
                        {tab.tabId !== null && tab.tabId < 0 && (
                          <span class="state-badge where-badge" data-testid="tab-no-tab" title="Requests this site made outside any tab: its service worker, prefetches">
                            no tab
                          </span>
                        )}
                        <WhereBadge where={where} />
                      </div>
                    </td>
                    <td role="gridcell" class="col-url mono" title={tab.url} data-testid="tab-url">
                      {tab.url || <span class="muted">—</span>}
                    </td>
                    <td role="gridcell" class="col-num" data-testid="tab-sessions">
                      {tab.sessions}
                    </td>
                    <td role="gridcell" class="col-num">
                      <Count value={tab.counts.errors} kind="errors" testId="tab-errors" />
                    </td>
                    <td role="gridcell" class="col-num">
                      <Count value={tab.counts.warnings} kind="warnings" testId="tab-warnings" />
                    </td>
                    <td role="gridcell" class="col-num" data-testid="tab-infos">
                      {tab.counts.infos}
                    </td>
                    <td role="gridcell" class="col-when">
                      <time dateTime={new Date(tab.updatedAt).toISOString()} data-testid="tab-updated">
                        {new Date(tab.updatedAt).toLocaleString()}
                      </time>
                    </td>
                    <td role="gridcell" class="col-actions">
                      <button
                        type="button"
                        tabIndex={buttonTab}
                        data-testid="open-tab"
                        aria-label={`Open sessions of ${title}`}
                        onClick={(event) => {
                          event.stopPropagation()
                          onOpen(tab.scope)
                        }}
                        onKeyDown={(event) => event.stopPropagation()}
                      >
                        Open
                      </button>
                      <button
                        type="button"
                        tabIndex={buttonTab}
                        data-testid="clear-tab"
                        aria-label={`Clear ${title}: its sessions and findings`}
                        disabled={clearing === tab.scope}
                        onClick={(event) => {
                          event.stopPropagation()
                          void clear(tab)
                        }}
                        // Keys on the button are the button's: Enter must not also open the row.
                        onKeyDown={(event) => event.stopPropagation()}
                      >
                        {clearing === tab.scope ? 'Clearing…' : 'Clear'}
                      </button>
                    </td>
                  </SelectableRow>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

const WHERE: Record<'this' | 'other' | 'earlier', { text: string; hint: string } | null> = {
  this: { text: 'this tab', hint: 'The tab these DevTools inspect' },
  other: null,
  // Tab ids restart with the browser, so a tab of an earlier browser session is closed for certain.
  earlier: { text: 'closed', hint: 'Captured in an earlier browser session; the tab is gone' },
}

function WhereBadge({ where }: { where: keyof typeof WHERE }) {
  const badge = WHERE[where]
  if (!badge) return null
  return (
    <span class={`state-badge where-badge where-${where}`} data-testid="tab-where" title={badge.hint}>
      {badge.text}
    </span>
  )
}
