import type { ComponentChildren } from 'preact'
import { h } from 'preact'
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
  /** 'div' for a virtualized grid that positions its rows itself; a table row otherwise. */
  element?: 'tr' | 'div'
  style?: Record<string, string | number>
  /** 1-based position in the whole grid, for a grid that renders only some of its rows. */
  rowIndex?: number
  /**
   * Handles a navigation key itself (returns whether it did), for a grid whose next row may not be rendered yet.
   * Without it, keys move focus between sibling rows.
   */
  navigate?: (key: string) => boolean
  /** Whether the row scrolls itself into view when selected; a virtualized grid scrolls on its own. */
  revealOnSelect?: boolean
}

/**
 * A focusable grid row. Selection follows focus, as in the DevTools Network panel: arrow keys, Home and End
 * move focus between sibling rows, and the row that receives focus selects itself. Only one row of a grid is
 * in the tab order (roving tabindex), so Tab leaves the grid instead of walking every row.
 */
export function SelectableRow({ selected, tabbable, onSelect, class: className, data, children, element = 'tr', style, rowIndex, navigate, revealOnSelect = true }: Props) {
  const row = useRef<HTMLElement>(null)
  useEffect(() => {
    // Also brings a row into view when a finding selects it from elsewhere in the panel.
    if (selected && revealOnSelect) row.current?.scrollIntoView?.({ block: 'nearest' })
  }, [selected, revealOnSelect])

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault()
      onSelect()
      return
    }
    if (navigate) {
      // Arrows and Page keys would otherwise also scroll the container.
      if (navigate(event.key)) event.preventDefault()
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
    event.preventDefault()
    if (target instanceof HTMLElement) target.focus()
  }

  return h(
    element,
    {
      ...data,
      ref: row,
      role: 'row',
      class: className,
      style,
      'aria-rowindex': rowIndex,
      'aria-selected': selected ? 'true' : 'false',
      tabIndex: tabbable ? 0 : -1,
      onClick: onSelect,
      onFocus: selected ? undefined : onSelect,
      onKeyDown,
    },
    children,
  )
}
