// @vitest-environment happy-dom
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { PanelShell } from '../../../src/devtools/components/PanelShell'
import type { ScopeRecord } from '../../../src/store/records'
import { fakeDataSource, SCOPE, T0 } from './fake-data-source'
import { click, mount, unmount, waitFor } from './render'
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
})
