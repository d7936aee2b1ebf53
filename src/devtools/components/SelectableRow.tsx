import type { ComponentChildren } from 'preact'
import { useEffect, useRef } from 'preact/hooks'

interface Props {
  selected: boolean
  /** Whether Tab reaches this row: the selected row, or the first one while none is selected. */
  tabbable: boolean
  onSelect: () => void
  class?: string
  /** data-* attributes the tests and styles rely on. */
  data: Record<`data-${string}`, string | number>
  children: ComponentChildren
}

/**
 * A focusable grid row. Selection follows focus, as in the DevTools Network panel: arrow keys, Home and End
 * move focus between sibling rows, and the row that receives focus selects itself. Only one row of a grid is
 * in the tab order (roving tabindex), so Tab leaves the grid instead of walking every row.
 */
export function SelectableRow({ selected, tabbable, onSelect, class: className, data, children }: Props) {
  const row = useRef<HTMLTableRowElement>(null)
  useEffect(() => {
    // Also brings a row into view when a finding selects it from elsewhere in the panel.
    if (selected) row.current?.scrollIntoView?.({ block: 'nearest' })
  }, [selected])

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault()
      onSelect()
      return
    }
    const here = event.currentTarget as HTMLElement
    const target =
      event.key === 'ArrowDown' ? here.nextElementSibling
      : event.key === 'ArrowUp' ? here.previousElementSibling
      : event.key === 'Home' ? here.parentElement?.firstElementChild
      : event.key === 'End' ? here.parentElement?.lastElementChild
      : undefined
    if (target === undefined) return
    // Arrows would otherwise also scroll the container.
    event.preventDefault()
    if (target instanceof HTMLElement) target.focus()
  }

  return (
    <tr
      {...data}
      ref={row}
      role="row"
      class={className}
      aria-selected={selected ? 'true' : 'false'}
      tabIndex={tabbable ? 0 : -1}
      onClick={onSelect}
      onFocus={selected ? undefined : onSelect}
      onKeyDown={onKeyDown}
    >
      {children}
    </tr>
  )
}
