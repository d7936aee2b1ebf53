import { useState } from 'preact/hooks'
import type { PathSegment } from './json-path'
import { childrenOf, copyableText, formatPath, isContainer, leafText, summaryOf } from './json-path'
import './JsonTree.css'

/** Levels open at first; deeper ones wait to be asked for, so a huge payload renders a screenful, not all of it. */
export const OPEN_DEPTH = 3
/** Children rendered per node at a time; "show more" adds as many again. */
export const CHILD_PAGE = 100

type Mode = 'default' | 'all' | 'none'

interface Props {
  value: unknown
  /** Copies text and says whether it worked; the tree announces the outcome. */
  onCopy: (text: string, what: string) => void
  /** Changing it resets what is open, e.g. for another event. */
  resetKey: string
}

interface TreeState {
  mode: Mode
  /** Open or closed by the user, by formatted path; wins over the mode. */
  toggled: Map<string, boolean>
  /** How many children each node shows beyond the first page, by formatted path. */
  pages: Map<string, number>
}

const INITIAL: TreeState = { mode: 'default', toggled: new Map(), pages: new Map() }

/**
 * A decoded payload as a collapsible tree. Every object and array is a button with aria-expanded, so the
 * keyboard opens and closes it; each node can copy its value and its path. Values are rendered as text.
 */
export function JsonTree({ value, onCopy, resetKey }: Props) {
  const [state, setState] = useState<{ key: string; tree: TreeState }>({ key: resetKey, tree: INITIAL })
  const tree = state.key === resetKey ? state.tree : INITIAL
  const update = (change: (tree: TreeState) => TreeState) => setState({ key: resetKey, tree: change(tree) })

  const context: NodeContext = {
    isOpen: (id, depth) => tree.toggled.get(id) ?? (tree.mode === 'all' || (tree.mode === 'default' && depth < OPEN_DEPTH)),
    toggle: (id, open) => update((t) => ({ ...t, toggled: new Map(t.toggled).set(id, open) })),
    shownOf: (id) => CHILD_PAGE * (1 + (tree.pages.get(id) ?? 0)),
    showMore: (id) => update((t) => ({ ...t, pages: new Map(t.pages).set(id, (t.pages.get(id) ?? 0) + 1) })),
    onCopy,
  }

  return (
    <div class="json-tree-wrap">
      <div class="json-toolbar">
        <button type="button" data-testid="json-expand-all" onClick={() => update((t) => ({ ...t, mode: 'all', toggled: new Map() }))}>
          Expand all
        </button>
        <button type="button" data-testid="json-collapse-all" onClick={() => update((t) => ({ ...t, mode: 'none', toggled: new Map() }))}>
          Collapse all
        </button>
        <button type="button" data-testid="json-copy-all" onClick={() => onCopy(copyableText(value), 'the payload as JSON')}>
          Copy JSON
        </button>
      </div>
      <ul class="json-tree mono" data-testid="event-details" aria-label="Decoded fields">
        <JsonNode name={undefined} path={[]} value={value} depth={0} context={context} />
      </ul>
    </div>
  )
}

interface NodeContext {
  isOpen(id: string, depth: number): boolean
  toggle(id: string, open: boolean): void
  shownOf(id: string): number
  showMore(id: string): void
  onCopy(text: string, what: string): void
}

interface NodeProps {
  name: PathSegment | undefined
  path: PathSegment[]
  value: unknown
  depth: number
  context: NodeContext
}

function JsonNode({ name, path, value, depth, context }: NodeProps) {
  const id = formatPath(path)
  const label = name === undefined ? null : <span class="json-key">{typeof name === 'number' ? `${name}` : name}: </span>
  const actions = name !== undefined && <NodeActions path={id} value={value} onCopy={context.onCopy} />

  if (!isContainer(value)) {
    return (
      <li class="json-node" data-path={id}>
        <div class="json-line">
          {label}
          <span class={`json-value json-${value === null ? 'null' : typeof value}`}>{leafText(value)}</span>
          {actions}
        </div>
      </li>
    )
  }

  const open = context.isOpen(id, depth)
  const children = childrenOf(value)
  const shown = context.shownOf(id)
  return (
    <li class="json-node" data-path={id}>
      <div class="json-line">
        <button type="button" class="json-toggle" aria-expanded={open ? 'true' : 'false'} onClick={() => context.toggle(id, !open)}>
          <span class="json-caret" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          {label}
          <span class="json-summary">{open ? (Array.isArray(value) ? '[' : '{') : summaryOf(value)}</span>
        </button>
        {actions}
      </div>
      {open && (
        <ul class="json-children" role="group">
          {children.slice(0, shown).map(([segment, child]) => (
            <JsonNode key={String(segment)} name={segment} path={[...path, segment]} value={child} depth={depth + 1} context={context} />
          ))}
          {children.length > shown && (
            <li class="json-node">
              <button type="button" class="json-more" data-testid="json-show-more" onClick={() => context.showMore(id)}>
                Show {Math.min(CHILD_PAGE, children.length - shown)} more of {children.length - shown} remaining
              </button>
            </li>
          )}
        </ul>
      )}
    </li>
  )
}

function NodeActions({ path, value, onCopy }: { path: string; value: unknown; onCopy: NodeContext['onCopy'] }) {
  return (
    <span class="json-actions">
      <button type="button" class="json-action" data-testid="json-copy-value" aria-label={`Copy value of ${path}`} onClick={() => onCopy(copyableText(value), `the value of ${path}`)}>
        Copy
      </button>
      <button type="button" class="json-action" data-testid="json-copy-path" aria-label={`Copy path ${path}`} onClick={() => onCopy(path, `the path ${path}`)}>
        Path
      </button>
    </span>
  )
}
