import type { Scope } from '../../../store/records'

/** The table body's handlers that open a row: Enter or Space on it, or a double click. */
export function rowOpening(onOpen: (scope: Scope) => void) {
  return {
    // Enter and Space open the row; SelectableRow would only select it again. Caught before the row sees it.
    onKeyDownCapture(event: KeyboardEvent) {
      if (event.key !== 'Enter' && event.key !== ' ') return
      const row = event.target as HTMLElement
      if (row.getAttribute('role') !== 'row' || !row.dataset.scope) return
      event.preventDefault()
      event.stopPropagation()
      onOpen(row.dataset.scope)
    },
    onDblClick(event: MouseEvent) {
      const row = (event.target as HTMLElement).closest<HTMLElement>('[role=row][data-scope]')
      if (row?.dataset.scope) onOpen(row.dataset.scope)
    },
  }
}
