// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { AllTabs, browserSessionOf } from '../../../src/devtools/components/AllTabs'
import type { Scope } from '../../../src/store/records'
import { RELOAD_DELAY_MS } from '../../../src/ui/use-change-version'
import { fakeDataSource, scopeRecord, SCOPE, T0 } from './fake-data-source'
import { all, click, mount, one, press, unmount, waitFor } from './render'
import { HOSTILE } from './scenario'

let container: HTMLElement | null = null
afterEach(async () => {
  if (container) await unmount(container)
  container = null
})

const OTHER = 'tab:8@test'
const EARLIER = 'tab:7@yesterday'

/** Three tabs, given oldest first: the view must order them itself. */
function threeTabs() {
  const source = fakeDataSource({ sessions: [], events: [], findings: [] })
  source.tabScopes = [
    scopeRecord(EARLIER, { title: 'Yesterday’s player', url: 'https://old.example/watch', updatedAt: T0 - 86_400_000, sessions: 1, counts: { errors: 2, warnings: 0, infos: 0 } }),
    scopeRecord(SCOPE, { title: 'Player test page', url: 'http://127.0.0.1:9/player', updatedAt: T0, sessions: 2, counts: { errors: 1, warnings: 1, infos: 2 } }),
    scopeRecord(OTHER, { title: HOSTILE, url: 'https://evil.example/?q=<b>x</b>', updatedAt: T0 + 60_000, sessions: 3, counts: { errors: 0, warnings: 4, infos: 5 } }),
  ]
  return source
}

async function setup(source = threeTabs()) {
  const opened: Scope[] = []
  container = await mount(<AllTabs dataSource={source} home={SCOPE} onOpen={(scope) => opened.push(scope)} />)
  await waitFor(() => expect(container!.querySelector('[data-testid=all-tabs][data-ready=true]')).not.toBeNull())
  const rows = () => all(container!, 'tab-row')
  const row = (scope: string) => rows().find((candidate) => candidate.dataset.scope === scope)!
  return { source, opened, rows, row }
}

describe('AllTabs', () => {
  it('lists every captured tab newest first, with its counts, URL and last activity', async () => {
    const { rows, row } = await setup()
    expect(rows().map((r) => r.dataset.scope)).toEqual([OTHER, SCOPE, EARLIER])
    const other = row(OTHER)
    expect(one(other, 'tab-sessions').textContent).toBe('3')
    expect(one(other, 'tab-errors').textContent).toBe('0')
    expect(one(other, 'tab-warnings').textContent).toBe('4')
    expect(one(other, 'tab-infos').textContent).toBe('5')
    expect(one(other, 'tab-updated').getAttribute('datetime')).toBe(new Date(T0 + 60_000).toISOString())
  })

  it('renders hostile page titles and URLs as text', async () => {
    const { row } = await setup()
    const other = row(OTHER)
    expect(one(other, 'tab-title').textContent).toBe(HOSTILE)
    expect(one(other, 'tab-url').textContent).toBe('https://evil.example/?q=<b>x</b>')
    expect(container!.querySelector('img, b')).toBeNull()
  })

  it('marks the inspected tab, and tabs of an earlier browser session as closed', async () => {
    const { row } = await setup()
    expect(row(SCOPE).dataset.where).toBe('this')
    expect(one(row(SCOPE), 'tab-where').textContent).toBe('this tab')
    expect(row(EARLIER).dataset.where).toBe('earlier')
    expect(one(row(EARLIER), 'tab-where').textContent).toBe('closed')
    expect(row(OTHER).dataset.where).toBe('other')
    expect(all(row(OTHER), 'tab-where')).toHaveLength(0)
    expect(browserSessionOf('tab:12@abc-def')).toBe('abc-def')
    expect(browserSessionOf('import:1')).toBeNull()
  })

  it('moves the selection with the arrow keys and opens the selected tab with Enter, the Open button or a double-click', async () => {
    const { rows, row, opened } = await setup()
    expect(rows().map((r) => r.tabIndex)).toEqual([0, -1, -1])
    rows()[0]!.focus()
    await waitFor(() => expect(row(OTHER).getAttribute('aria-selected')).toBe('true'))
    await press(row(OTHER), 'ArrowDown')
    await waitFor(() => expect(row(SCOPE).getAttribute('aria-selected')).toBe('true'))
    expect(rows().map((r) => r.tabIndex)).toEqual([-1, 0, -1])
    await press(row(SCOPE), 'End')
    await waitFor(() => expect(row(EARLIER).getAttribute('aria-selected')).toBe('true'))
    expect(opened).toEqual([])
    await press(row(EARLIER), 'Enter')
    expect(opened).toEqual([EARLIER])
    await click(one(row(OTHER), 'open-tab'))
    expect(opened).toEqual([EARLIER, OTHER])
    await click(one(row(SCOPE), 'tab-title'))
    await waitFor(() => expect(row(SCOPE).getAttribute('aria-selected')).toBe('true'))
    expect(opened).toEqual([EARLIER, OTHER])
    one(row(SCOPE), 'tab-title').dispatchEvent(new MouseEvent('dblclick', { bubbles: true }))
    expect(opened).toEqual([EARLIER, OTHER, SCOPE])
  })

  it('clears one tab from its row without opening it, and the others stay', async () => {
    const { source, rows, row, opened } = await setup()
    const button = one(row(OTHER), 'clear-tab')
    expect(button.getAttribute('aria-label')).toBe(`Clear ${HOSTILE}: its sessions and findings`)
    await click(button)
    await waitFor(() => expect(rows().map((r) => r.dataset.scope)).toEqual([SCOPE, EARLIER]))
    expect(source.cleared).toEqual([OTHER])
    expect(opened).toEqual([])
    // Enter on a row's button is the button's, not the row's.
    await press(one(row(SCOPE), 'clear-tab'), 'Enter')
    expect(opened).toEqual([])
  })

  it('lists requests of no tab by the site that made them, marked as of no tab', async () => {
    const source = threeTabs()
    const [a, b] = ['tab:-1:https://a.example@test', 'tab:-1:https://b.example@test']
    source.tabScopes = [...source.tabScopes, scopeRecord(a, { kind: 'tab', tabId: -1, title: 'https://a.example', url: 'https://a.example' }), scopeRecord(b, { kind: 'tab', tabId: -1, title: 'https://b.example', url: 'https://b.example' })]
    const { row } = await setup(source)
    for (const [scope, origin] of [[a, 'https://a.example'], [b, 'https://b.example']] as const) {
      expect(one(row(scope), 'tab-title').textContent).toBe(origin)
      expect(one(row(scope), 'tab-no-tab').textContent).toBe('no tab')
      expect(row(scope).dataset.where).toBe('other')
    }
    expect(all(row(OTHER), 'tab-no-tab')).toHaveLength(0)
    expect(browserSessionOf(a)).toBe('test')
  })

  it('follows new captures: a tab that starts sending appears without reopening the view', async () => {
    const { source, rows } = await setup()
    source.tabScopes = [...source.tabScopes, scopeRecord('tab:9@test', { title: 'New tab', updatedAt: T0 + 120_000 })]
    source.notify({ scopes: ['import:3'] })
    await new Promise((resolve) => setTimeout(resolve, RELOAD_DELAY_MS * 2))
    expect(rows()).toHaveLength(3)
    source.notify({ scopes: ['tab:9@test'] })
    await waitFor(() => expect(rows().map((r) => r.dataset.scope)[0]).toBe('tab:9@test'))
  })

  it('says so when no tab has captured anything yet', async () => {
    await setup(fakeDataSource({ sessions: [], events: [], findings: [] }))
    expect(container!.querySelector('.panel-hint')?.textContent).toMatch(/No tab has sent tracking requests yet/)
    expect(all(container!, 'tab-row')).toHaveLength(0)
  })
})
