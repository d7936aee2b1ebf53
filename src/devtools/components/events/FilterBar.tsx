import type { Severity } from '../../../session/finding'
import type { EventFilter, FilterOptions } from './event-filter'
import { isFiltering } from './event-filter'
import './FilterBar.css'

interface Props {
  filter: EventFilter
  options: FilterOptions
  shown: number
  total: number
  onChange: (patch: Partial<EventFilter>) => void
  onClear: () => void
}

const SEVERITIES: ReadonlyArray<{ value: Severity; label: string }> = [
  { value: 'error', label: 'Errors' },
  { value: 'warning', label: 'Warnings' },
  { value: 'info', label: 'Infos' },
]

/** Narrows the event list: by the findings on each event, by type and protocol, and by text in its fields. */
export function FilterBar({ filter, options, shown, total, onChange, onClear }: Props) {
  return (
    <div class="filter-bar" role="search" aria-label="Filter events">
      <label class="filter">
        <span>Severity</span>
        <select data-testid="filter-severity" value={filter.severity} onChange={(e) => onChange({ severity: selected(e) as Severity | '' })}>
          <option value="">Any</option>
          {SEVERITIES.map(({ value, label }) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <Choice label="Rule" testId="filter-rule" all="All rules" values={options.rules} value={filter.rule} onChange={(rule) => onChange({ rule })} />
      <Choice label="Type" testId="filter-type" all="All types" values={options.types} value={filter.type} onChange={(type) => onChange({ type })} />
      {(options.protocols.length > 1 || filter.protocol !== '') && (
        <Choice label="Protocol" testId="filter-protocol" all="All protocols" values={options.protocols} value={filter.protocol} onChange={(protocol) => onChange({ protocol })} />
      )}
      <label class="filter filter-search">
        <span>Search</span>
        <input
          type="search"
          data-testid="filter-search"
          placeholder="type, session ID, fields…"
          value={filter.search}
          onInput={(e) => onChange({ search: e.currentTarget.value })}
        />
      </label>
      <label class="filter filter-problems">
        <input type="checkbox" data-testid="filter-problems" checked={filter.onlyProblems} onChange={(e) => onChange({ onlyProblems: e.currentTarget.checked })} />
        Only problems
      </label>
      <span class="filter-count" data-testid="filter-count" role="status">
        {shown === total ? `${count(total)} events` : `${count(shown)} of ${count(total)} events`}
      </span>
      <button type="button" data-testid="filter-clear" disabled={!isFiltering(filter)} onClick={onClear}>
        Clear filters
      </button>
    </div>
  )
}

function Choice({ label, testId, all, values, value, onChange }: { label: string; testId: string; all: string; values: readonly string[]; value: string; onChange: (value: string) => void }) {
  // A value chosen for another session stays listed, so the control never shows something it is not applying.
  const listed = value === '' || values.includes(value) ? values : [value, ...values]
  return (
    <label class="filter">
      <span>{label}</span>
      <select data-testid={testId} value={value} onChange={(e) => onChange(selected(e))}>
        <option value="">{all}</option>
        {listed.map((item) => (
          <option key={item} value={item}>
            {item}
          </option>
        ))}
      </select>
    </label>
  )
}

function selected(event: Event): string {
  return (event.currentTarget as HTMLSelectElement).value
}

function count(n: number): string {
  return n.toLocaleString('en-US')
}
