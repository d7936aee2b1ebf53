import type { Scope, ScopeRecord } from '../../../store/records'
import { Count } from '../../../ui/Count'
import { SelectableRow } from '../SelectableRow'

export type Where = 'this' | 'other' | 'earlier'

interface Props {
  tab: ScopeRecord
  /** The inspected tab, another tab of this browser session, or a tab of an earlier one. */
  where: Where
  selected: boolean
  /** Whether the row, and its buttons, are in the tab order. */
  tabbable: boolean
  clearing: boolean
  onSelect(): void
  onOpen(scope: Scope): void
  onClear(tab: ScopeRecord): void
}

/** One captured tab: its name, address, counts and last activity, with Open and Clear. */
export function TabRow({ tab, where, selected, tabbable, clearing, onSelect, onOpen, onClear }: Props) {
  const title = tab.title || 'Untitled tab'
  // Buttons of the selected row only are in the tab order, so Tab leaves the grid from there.
  const buttonTab = tabbable ? 0 : -1
  return (
    <SelectableRow
      data={{ 'data-testid': 'tab-row', 'data-scope': tab.scope, 'data-where': where }}
      class={`all-tabs-row all-tabs-${where}`}
      selected={selected}
      tabbable={tabbable}
      onSelect={onSelect}
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
          disabled={clearing}
          onClick={(event) => {
            event.stopPropagation()
            onClear(tab)
          }}
          // Keys on the button are the button's: Enter must not also open the row.
          onKeyDown={(event) => event.stopPropagation()}
        >
          {clearing ? 'Clearing…' : 'Clear'}
        </button>
      </td>
    </SelectableRow>
  )
}

const WHERE: Record<Where, { text: string; hint: string } | null> = {
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
