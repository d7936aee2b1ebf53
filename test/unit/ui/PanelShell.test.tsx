// @vitest-environment happy-dom
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { PanelShell } from '../../../src/devtools/components/PanelShell'
import type { ScopeRecord } from '../../../src/store/records'
import { fakeDataSource, SCOPE, scopeRecord, T0 } from './fake-data-source'
import { all, click, mount, press, unmount, waitFor } from './render'
import { scenario } from './scenario'

let container: HTMLElement | null = null
afterEach(async () => {
  if (container) await unmount(container)
  container = null
  vi.restoreAllMocks()
})

const imported = (scope: string, title: string): ScopeRecord => ({
  scope, kind: 'import', tabId: null, title, url: '', createdAt: T0, updatedAt: T0, observedUntil: T0,
  engine: { ids: [], windows: [], loose: { errors: 0, warnings: 0, infos: 0 } }, counts: { errors: 0, warnings: 0, infos: 0 }, sessions: 0, nextExpiry: null, lastCapture: 0,
})

async function setup() {
  const source = fakeDataSource(scenario())
  container = await mount(<PanelShell dataSource={source} home={SCOPE} />)
  await waitFor(() => expect(container!.querySelector('[data-testid=panel][data-ready=true]')).not.toBeNull())
  const $ = (id: string) => container!.querySelector<HTMLElement>(`[data-testid=${id}]`)!
  return { source, $ }
}

async function chooseFile(input: HTMLInputElement, file: File): Promise<void> {
  Object.defineProperty(input, 'files', { value: [file], configurable: true })
  await act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }))
  })
}

describe('PanelShell', () => {
  it('imports a chosen HAR file through the data source, then shows it', async () => {
    const { source, $ } = await setup()
    source.importedScopes = [imported('import:1', 'phone.har')]
    await chooseFile($('import-file') as HTMLInputElement, new File(['{"log":{"entries":[]}}'], 'phone.har'))
    await waitFor(() => expect($('transfer-status').textContent).toBe('Imported phone.har.'))
    expect(source.importedFiles).toEqual([{ name: 'phone.har', text: '{"log":{"entries":[]}}' }])
    const tab = await waitFor(() => {
      const button = container!.querySelector('[data-testid=capture-import][data-scope="import:1"]')
      expect(button?.getAttribute('aria-selected')).toBe('true')
      return button!
    })
    expect(tab.textContent).toBe('phone.har')
    await click($('capture-home'))
    expect($('capture-home').getAttribute('aria-selected')).toBe('true')
  })

  it('says clearly why a file could not be imported', async () => {
    const { $ } = await setup()
    await chooseFile($('import-file') as HTMLInputElement, new File(['hello'], 'notes.txt'))
    await waitFor(() => expect($('transfer-status').textContent).toBe('Could not import: not valid JSON'))
    expect($('transfer-status').getAttribute('role')).toBe('alert')
  })

  it('exports with secrets removed unless the user ticks "Include secrets"', async () => {
    const { source, $ } = await setup()
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x')
    await click($('export-har'))
    await waitFor(() => expect($('transfer-status').textContent).toBe('Saved sessionscope-test.har (secrets removed).'))
    await act(() => {
      const box = $('include-secrets') as HTMLInputElement
      box.checked = true
      box.dispatchEvent(new Event('change', { bubbles: true }))
    })
    await click($('export-har'))
    await waitFor(() => expect($('transfer-status').textContent).toBe('Saved sessionscope-test.har, including secrets.'))
    expect(source.exports).toEqual([{ scope: SCOPE, redact: true }, { scope: SCOPE, redact: false }])
    expect(clicked).toHaveBeenCalledTimes(2)
  })

  it('moves between the capture tabs with the arrow keys, Home and End, and shows one with Enter', async () => {
    const { source, $ } = await setup()
    source.importedScopes = [imported('import:1', 'phone.har')]
    source.notify({ scopes: ['import:1'] })
    await waitFor(() => expect(all(container!, 'capture-import')).toHaveLength(1))
    const tabs = () => [...container!.querySelectorAll<HTMLElement>('[role=tab]')]
    expect(tabs().map((tab) => tab.textContent)).toEqual(['This tab', 'All tabs', 'phone.har'])
    // One tab stop for the whole bar: the tab shown.
    expect(tabs().map((tab) => tab.tabIndex)).toEqual([0, -1, -1])
    $('capture-home').focus()
    await press($('capture-home'), 'ArrowRight')
    expect(document.activeElement).toBe($('capture-all'))
    // Focus alone does not switch: the user's place in the tab is kept until they choose.
    expect($('capture-home').getAttribute('aria-selected')).toBe('true')
    await press($('capture-all'), 'Enter')
    await waitFor(() => expect($('all-tabs')).not.toBeNull())
    expect($('capture-all').getAttribute('aria-selected')).toBe('true')
    expect(tabs().map((tab) => tab.tabIndex)).toEqual([-1, 0, -1])
    expect($('panel')).toBeNull()
    await press($('capture-all'), 'End')
    expect(document.activeElement?.getAttribute('data-scope')).toBe('import:1')
    await press(document.activeElement!, 'ArrowRight')
    expect(document.activeElement).toBe($('capture-home'))
    await press($('capture-home'), 'ArrowLeft')
    expect(document.activeElement?.getAttribute('data-scope')).toBe('import:1')
    await press(document.activeElement!, 'Home')
    expect(document.activeElement).toBe($('capture-home'))
    await press($('capture-home'), ' ')
    await waitFor(() => expect($('panel')).not.toBeNull())
  })

  it('opens another tab from "All tabs" in the panel, and goes back to the list', async () => {
    const { source, $ } = await setup()
    source.tabScopes = [
      scopeRecord(SCOPE, { title: 'Player test page', updatedAt: T0 }),
      scopeRecord('tab:8@test', { title: 'Second player', url: 'http://127.0.0.1:9/second', updatedAt: T0 + 1000, sessions: 0 }),
    ]
    await click($('capture-all'))
    await waitFor(() => expect(all(container!, 'tab-row')).toHaveLength(2))
    // Nothing single is shown in the list, so there is nothing to export.
    expect(($('export-har') as HTMLButtonElement).disabled).toBe(true)
    expect(($('copy-json') as HTMLButtonElement).disabled).toBe(true)
    await click(container!.querySelector('[data-testid=tab-row][data-scope="tab:8@test"] [data-testid=open-tab]')!)
    await waitFor(() => expect(container!.querySelector('[data-testid=panel][data-ready=true] .panel-title')?.textContent).toBe('Second player'))
    expect($('all-tabs')).toBeNull()
    expect($('capture-all').getAttribute('aria-selected')).toBe('true')
    expect(($('export-har') as HTMLButtonElement).disabled).toBe(false)
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x')
    await click($('export-har'))
    await waitFor(() => expect(source.exports).toEqual([{ scope: 'tab:8@test', redact: true }]))
    await click($('back-to-all-tabs'))
    await waitFor(() => expect(all(container!, 'tab-row')).toHaveLength(2))
    expect($('panel')).toBeNull()
    // Back where they were: the tab they opened is selected and focused.
    const second = container!.querySelector<HTMLElement>('[data-testid=tab-row][data-scope="tab:8@test"]')!
    await waitFor(() => expect(document.activeElement).toBe(second))
    expect(second.getAttribute('aria-selected')).toBe('true')
  })

  it('lists imports apart from the tabs, each removable with its "Remove import" button or Delete', async () => {
    const { source, $ } = await setup()
    source.importedScopes = [imported('import:2', 'tv.har'), imported('import:1', 'phone.har')]
    source.notify({ scopes: ['import:1'] })
    await waitFor(() => expect(all(container!, 'capture-import')).toHaveLength(2))
    const label = container!.querySelector('.capture-imports-label')!
    expect(label.textContent).toBe('Imported')
    // The divider comes after "All tabs" and before every import.
    expect($('capture-all').compareDocumentPosition(label) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
    for (const tab of all(container!, 'capture-import')) expect(label.compareDocumentPosition(tab) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
    expect(all(container!, 'capture-import').map((tab) => tab.getAttribute('aria-label'))).toEqual(['Imported: tv.har', 'Imported: phone.har'])

    await click(container!.querySelector('[data-testid=capture-import][data-scope="import:2"]')!)
    const remove = all(container!, 'remove-import').find((button) => button.getAttribute('aria-label') === 'Remove import tv.har')!
    await click(remove)
    await waitFor(() => expect(all(container!, 'capture-import').map((tab) => tab.dataset.scope)).toEqual(['import:1']))
    expect(source.cleared).toEqual(['import:2'])
    expect($('transfer-status').textContent).toBe('Removed tv.har.')
    // The removed import was shown: the view is back on the tab.
    expect($('capture-home').getAttribute('aria-selected')).toBe('true')

    const phone = container!.querySelector<HTMLElement>('[data-testid=capture-import][data-scope="import:1"]')!
    phone.focus()
    await press(phone, 'Delete')
    await waitFor(() => expect(all(container!, 'capture-import')).toHaveLength(0))
    expect(source.cleared).toEqual(['import:2', 'import:1'])
    expect(container!.querySelector('.capture-imports-label')).toBeNull()
    expect(document.activeElement).toBe($('capture-home'))
  })

  it('labels the header button "Clear this tab" and clears in one click', async () => {
    const { source, $ } = await setup()
    expect($('clear').textContent).toBe('Clear this tab')
    await click($('clear'))
    await waitFor(() => expect(source.cleared).toEqual([SCOPE]))
  })
})
