/**
 * Every browser tab the store holds captures for, of this browser session and earlier ones, newest first:
 * pick one to see its sessions in the panel, or clear it.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import type { Scope, ScopeRecord } from '../../store/records'
import type { DataSource } from '../../ui/data-source'
import { useChangeVersion } from '../../ui/use-change-version'
import { useLoaded } from '../../ui/use-loaded'
import { rowOpening } from './all-tabs/row-opening'
import { TabRow } from './all-tabs/TabRow'
import { useTabClearing } from './all-tabs/use-tab-clearing'
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
  const { clearing, clearError, clear } = useTabClearing(dataSource, reload)
  const anySelected = tabs.some((tab) => tab.scope === selected)
  const thisBrowser = browserSessionOf(home)

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
            <tbody {...rowOpening(onOpen)}>
              {tabs.map((tab, i) => (
                <TabRow
                  key={tab.scope}
                  tab={tab}
                  where={tab.scope === home ? 'this' : browserSessionOf(tab.scope) === thisBrowser ? 'other' : 'earlier'}
                  selected={tab.scope === selected}
                  tabbable={anySelected ? tab.scope === selected : i === 0}
                  clearing={clearing === tab.scope}
                  onSelect={() => setSelected(tab.scope)}
                  onOpen={onOpen}
                  onClear={(record) => void clear(record)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
