// @vitest-environment happy-dom
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { EventDetails } from '../../../src/devtools/components/EventDetails'
import { PanelShell } from '../../../src/devtools/components/PanelShell'
import { Popup } from '../../../src/popup/components/Popup'
import { REDACTED } from '../../../src/report/redact'
import type { RedactionSettings, UserSettings } from '../../../src/session/user-settings'
import { DEFAULT_USER_SETTINGS, REDACTION_DEFAULTS } from '../../../src/session/user-settings'
import type { RetentionReport } from '../../../src/shared/retention-report'
import { readRetentionReport } from '../../../src/shared/retention-report'
import { RedactionContext } from '../../../src/ui/redaction-context'
import type { SettingsAccess } from '../../../src/ui/settings-access'
import { event, fakeDataSource, SCOPE } from './fake-data-source'
import { all, click, mount, one, unmount, waitFor } from './render'
import { scenario } from './scenario'

let container: HTMLElement | undefined
afterEach(async () => {
  if (container) await unmount(container)
  container = undefined
  vi.restoreAllMocks()
})

/** Settings and a clean-up report the test changes, announced as chrome.storage does; counts opened pages. */
function fakeAccess(redaction: Partial<RedactionSettings> = {}, report: RetentionReport | null = null) {
  let settings: UserSettings = { ...DEFAULT_USER_SETTINGS, redaction: { ...REDACTION_DEFAULTS, ...redaction } }
  let cleanUp = report
  const listeners = new Set<() => void>()
  const follow = (listener: () => void) => {
    listeners.add(listener)
    return () => void listeners.delete(listener)
  }
  const fake = {
    opened: 0,
    access: {
      settings: { load: async () => settings, onChanged: follow },
      lastCleanUp: { load: async () => cleanUp, onChanged: follow },
      open: () => void fake.opened++,
    } satisfies SettingsAccess,
    async change(next: { redaction?: Partial<RedactionSettings>; report?: RetentionReport | null }) {
      if (next.redaction) settings = { ...settings, redaction: { ...REDACTION_DEFAULTS, ...next.redaction } }
      if (next.report !== undefined) cleanUp = next.report
      await act(() => listeners.forEach((listener) => listener()))
    },
  }
  return fake
}

async function tick(box: HTMLElement, checked: boolean) {
  await act(() => {
    ;(box as HTMLInputElement).checked = checked
    box.dispatchEvent(new Event('change', { bubbles: true }))
  })
}

const checked = (box: HTMLElement) => (box as HTMLInputElement).checked

const DETAILS = {
  xdm: { mediaCollection: { playhead: 42, deviceKey: 'dk-777', sessionDetails: { name: 'Big Buck Bunny' } } },
  body: { password: 'hunter2' },
  raw: '{"DeviceKey":"dk-888","page":2}',
}

function valueAt(root: HTMLElement, path: string): string {
  return root.querySelector(`.json-node[data-path="${path}"] .json-value`)!.textContent
}

async function details(redaction: Partial<RedactionSettings>) {
  const copied: string[] = []
  const copy = async (text: string) => void copied.push(text)
  container = await mount(
    <RedactionContext.Provider value={{ ...REDACTION_DEFAULTS, ...redaction }}>
      <EventDetails event={event('adobe-media-edge:sid-A', 1, 1, 'ping', { details: DETAILS })} copy={copy} />
    </RedactionContext.Provider>,
  )
  return { root: container, copied }
}

describe('event details follow the redaction settings', () => {
  it('"Show secrets" starts ticked when the user chose so, and can still be unticked', async () => {
    const { root } = await details({ showSecretsByDefault: true })
    expect(checked(one(root, 'show-secrets'))).toBe(true)
    expect(valueAt(root, 'body.password')).toBe('"hunter2"')
    await tick(one(root, 'show-secrets'), false)
    expect(valueAt(root, 'body.password')).toBe(`"${REDACTED}"`)
  })

  it('"Show secrets" starts unticked by default', async () => {
    const { root } = await details({})
    expect(checked(one(root, 'show-secrets'))).toBe(false)
    expect(valueAt(root, 'body.password')).toBe(`"${REDACTED}"`)
    expect(valueAt(root, 'xdm.mediaCollection.deviceKey')).toBe('"dk-777"')
  })

  it('hides the extra secret names in the tree, in JSON text and in every copy, until secrets are shown', async () => {
    const { root, copied } = await details({ extraSecretNames: ['devicekey'] })
    expect(valueAt(root, 'xdm.mediaCollection.deviceKey')).toBe(`"${REDACTED}"`)
    expect(valueAt(root, 'xdm.mediaCollection.playhead')).toBe('42')
    expect(valueAt(root, 'raw')).toBe(JSON.stringify(`{"DeviceKey":"${REDACTED}","page":2}`))
    expect(one(root, 'event-details').textContent).not.toContain('dk-')

    await click(root.querySelector('.json-node[data-path="xdm.mediaCollection.deviceKey"] [data-testid=json-copy-value]')!)
    await click(root.querySelector('.json-node[data-path="xdm.mediaCollection"] [data-testid=json-copy-value]')!)
    await click(one(root, 'json-copy-all'))
    await waitFor(() => expect(copied).toHaveLength(3))
    expect(copied[0]).toBe(REDACTED)
    expect(JSON.parse(copied[1]!)).toEqual({ ...DETAILS.xdm.mediaCollection, deviceKey: REDACTED })
    expect(copied[2]).not.toContain('dk-')
    expect(JSON.parse(copied[2]!).body.password).toBe(REDACTED)

    await tick(one(root, 'show-secrets'), true)
    expect(valueAt(root, 'xdm.mediaCollection.deviceKey')).toBe('"dk-777"')
    await click(one(root, 'json-copy-all'))
    await waitFor(() => expect(copied).toHaveLength(4))
    expect(JSON.parse(copied[3]!)).toEqual(DETAILS)
  })
})

describe('the panel with the settings', () => {
  async function panel(fake: ReturnType<typeof fakeAccess>) {
    const source = fakeDataSource(scenario())
    container = await mount(<PanelShell dataSource={source} home={SCOPE} settings={fake.access} />)
    await waitFor(() => expect(container!.querySelector('[data-testid=panel][data-ready=true]')).not.toBeNull())
    return { root: container, source }
  }

  it('"Include secrets" starts from the settings once they are read, and the user\'s choice wins', async () => {
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x')
    const fake = fakeAccess({ includeSecretsInExports: true })
    const { root, source } = await panel(fake)
    await waitFor(() => expect(checked(one(root, 'include-secrets'))).toBe(true))
    await click(one(root, 'export-har'))
    await waitFor(() => expect(one(root, 'transfer-status').textContent).toBe('Saved sessionscope-test.har, including secrets.'))
    await tick(one(root, 'include-secrets'), false)
    // A later settings change no longer overrides what the user ticked here.
    await fake.change({ redaction: { includeSecretsInExports: true, showSecretsByDefault: true } })
    expect(checked(one(root, 'include-secrets'))).toBe(false)
    await click(one(root, 'export-har'))
    await waitFor(() => expect(source.exports).toEqual([{ scope: SCOPE, redact: false }, { scope: SCOPE, redact: true }]))
  })

  it('"Include secrets" stays unticked by default, and follows the options page until the user ticks it', async () => {
    const fake = fakeAccess()
    const { root } = await panel(fake)
    expect(checked(one(root, 'include-secrets'))).toBe(false)
    await fake.change({ redaction: { includeSecretsInExports: true } })
    await waitFor(() => expect(checked(one(root, 'include-secrets'))).toBe(true))
  })

  it('says what the last clean-up removed, live, with buttons to the settings page', async () => {
    const fake = fakeAccess({}, null)
    const { root } = await panel(fake)
    expect(all(root, 'retention-notice')).toHaveLength(0)
    const settings = one(root, 'open-settings')
    expect(settings.tagName).toBe('BUTTON')
    expect(settings.textContent).toContain('Settings')
    await click(settings)
    expect(fake.opened).toBe(1)

    await fake.change({ report: { at: Date.UTC(2026, 10, 30, 12, 0), scopes: 2, captures: 1234 } })
    const notice = await waitFor(() => one(root, 'retention-notice'))
    expect(notice.textContent).toContain('1,234 old captures removed (2 tabs and imports), 30 Nov 2026')
    // Not an alert: the notice is news once, not something to interrupt a screen reader with.
    expect(notice.getAttribute('role')).toBeNull()
    await click(one(notice, 'retention-settings'))
    expect(fake.opened).toBe(2)
  })

  it('shows no notice for a clean-up that removed nothing, nor a settings button without a page to open', async () => {
    const fake = fakeAccess({}, { at: 0, scopes: 0, captures: 0 })
    const { root } = await panel(fake)
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)))
    expect(all(root, 'retention-notice')).toHaveLength(0)
    await unmount(root)
    container = await mount(<PanelShell dataSource={fakeDataSource(scenario())} home={SCOPE} />)
    await waitFor(() => expect(container!.querySelector('[data-testid=panel][data-ready=true]')).not.toBeNull())
    expect(all(container, 'open-settings')).toHaveLength(0)
  })

  it('renders a hostile report as text, and never shows one that storage could not read', async () => {
    const hostile = { at: 0, scopes: 1, captures: '<img src=x onerror=alert(1)>' } as unknown as RetentionReport
    expect(readRetentionReport(hostile)).toBeNull()
    const { root } = await panel(fakeAccess({}, hostile))
    const notice = await waitFor(() => one(root, 'retention-notice'))
    expect(notice.textContent).toContain('<img src=x onerror=alert(1)>')
    expect(root.querySelector('img')).toBeNull()
  })
})

describe('the popup with the settings', () => {
  async function popup(fake: ReturnType<typeof fakeAccess>) {
    const source = fakeDataSource(scenario())
    container = await mount(<Popup dataSource={source} scope={SCOPE} settings={fake.access} />)
    const root = container
    await waitFor(() => expect(one(root, 'popup').dataset.ready).toBe('true'))
    return { root, source }
  }

  it('"Include secrets" starts from the settings, and exports follow the box', async () => {
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x')
    const { root, source } = await popup(fakeAccess({ includeSecretsInExports: true }))
    await waitFor(() => expect(checked(one(root, 'include-secrets'))).toBe(true))
    await click(one(root, 'export-har'))
    await tick(one(root, 'include-secrets'), false)
    await click(one(root, 'export-har'))
    await waitFor(() => expect(source.exports).toEqual([{ scope: SCOPE, redact: false }, { scope: SCOPE, redact: true }]))
  })

  it('has the last clean-up and the settings button in its footer, under the DevTools hint', async () => {
    const fake = fakeAccess({}, { at: Date.UTC(2026, 10, 30, 12, 0), scopes: 1, captures: 3 })
    const { root } = await popup(fake)
    const footer = root.querySelector('footer')!
    expect(footer.textContent).toContain('Open DevTools → Sessionscope')
    const notice = await waitFor(() => one(footer, 'retention-notice'))
    expect(notice.textContent).toContain('3 old captures removed (1 tab or import), 30 Nov 2026')
    await click(one(footer, 'open-settings'))
    expect(fake.opened).toBe(1)
  })
})
