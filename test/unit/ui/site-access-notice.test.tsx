// @vitest-environment happy-dom
/** The popup's site access notice, over a browser the test plays: its answers, grants and reloads. */
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { PanelShell } from '../../../src/devtools/components/PanelShell'
import { Popup } from '../../../src/popup/components/Popup'
import type { SettingsBrowser, SiteAccess, SiteAccessControl } from '../../../src/ui/site-access'
import { siteOf } from '../../../src/ui/site-access'
import { fakeDataSource, SCOPE } from './fake-data-source'
import { all, click, mount, one, unmount, waitFor } from './render'
import { scenario } from './scenario'

const SITE = siteOf('https://player.example/watch')!

let container: HTMLElement | undefined
afterEach(async () => {
  if (container) await unmount(container)
  container = undefined
})

/**
 * A browser whose site access the test sets; `answer` is what its permission dialog says. Counts requests, reloads
 * and settings pages opened.
 */
function fakeBrowser(initial: SiteAccess, { browser = 'chrome', answer = async () => false }: { browser?: SettingsBrowser; answer?: () => Promise<boolean> } = {}) {
  let access = initial
  const listeners = new Set<() => void>()
  const fake = {
    requested: [] as string[],
    reloads: 0,
    settingsOpened: 0,
    control: {
      browser,
      load: async () => access,
      onChanged(listener: () => void) {
        listeners.add(listener)
        return () => void listeners.delete(listener)
      },
      request: async (pattern: string) => {
        fake.requested.push(pattern)
        return answer()
      },
      reloadTab: async () => void fake.reloads++,
      openSiteSettings: browser === 'chrome' ? () => void fake.settingsOpened++ : undefined,
    } satisfies SiteAccessControl,
    async change(next: SiteAccess) {
      access = next
      await act(() => listeners.forEach((listener) => listener()))
    },
  }
  return fake
}

async function popup(control?: SiteAccessControl) {
  container = await mount(<Popup dataSource={fakeDataSource(scenario())} scope={SCOPE} siteAccess={control} />)
  const root = container
  await waitFor(() => expect(one(root, 'popup').dataset.ready).toBe('true'))
  return root
}

const notice = (root: HTMLElement) => root.querySelector<HTMLElement>('[data-testid=site-access-notice]')

describe('site access notice', () => {
  it('says nothing where the site is allowed, or without a tab', async () => {
    let root = await popup(fakeBrowser({ kind: 'allowed', site: SITE }).control)
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)))
    expect(notice(root)).toBeNull()
    await unmount(root)
    root = container = await popup()
    expect(notice(root)).toBeNull()
    expect(all(root, 'popup-session')).toHaveLength(2)
  })

  it('names a withheld site, says the click lends the tab, and gives the Chrome steps with its origin', async () => {
    const fake = fakeBrowser({ kind: 'withheld', site: SITE })
    const root = await popup(fake.control)
    await waitFor(() => expect(notice(root)?.dataset.access).toBe('withheld'))
    expect(notice(root)!.querySelector('h2')!.textContent).toBe('Sessionscope cannot see player.example')
    expect(notice(root)!.textContent).toContain('lends it this tab until the tab leaves the site')
    expect(one(root, 'site-access-allow').textContent).toBe('Allow on player.example')
    expect(one(root, 'site-access-steps').textContent).toContain('Under Site access, choose On all sites, or On specific sites and Add https://player.example.')
    await click(one(root, 'site-access-settings'))
    expect(fake.settingsOpened).toBe(1)
    await click(one(root, 'site-access-reload'))
    expect(fake.reloads).toBe(1)
    // The sessions captured before stay listed under the notice.
    expect(all(root, 'popup-session')).toHaveLength(2)
  })

  it('without the address, it offers the settings, not a grant it cannot name', async () => {
    const root = await popup(fakeBrowser({ kind: 'withheld', site: null }).control)
    await waitFor(() => expect(notice(root)?.querySelector('h2')?.textContent).toBe('Sessionscope cannot see this page'))
    expect(all(root, 'site-access-allow')).toHaveLength(0)
    expect(all(root, 'site-access-reload')).toHaveLength(0)
    expect(all(root, 'site-access-settings')).toHaveLength(1)
    expect(one(root, 'site-access-steps').textContent).toContain("Add the site's address")
  })

  it('asks the browser for the site; a refusal is said, and a grant turns the notice into a reload', async () => {
    let grant = false
    const fake = fakeBrowser({ kind: 'withheld', site: SITE }, { answer: async () => grant })
    const root = await popup(fake.control)
    await waitFor(() => expect(all(root, 'site-access-allow')).toHaveLength(1))

    await click(one(root, 'site-access-allow'))
    await waitFor(() => expect(one(root, 'site-access-answer').textContent).toBe('Chrome did not grant access.'))
    expect(fake.requested).toEqual(['https://player.example/*'])

    grant = true
    await click(one(root, 'site-access-allow'))
    await fake.change({ kind: 'allowed', site: SITE })
    await waitFor(() => expect(notice(root)?.dataset.access).toBe('allowed'))
    expect(notice(root)!.getAttribute('role')).toBe('status')
    expect(notice(root)!.textContent).toContain('Sessionscope can now see player.example. Reload the page')
    await click(one(root, 'site-access-reload'))
    await waitFor(() => expect(notice(root)).toBeNull())
    expect(fake.reloads).toBe(1)
  })

  it('says why the browser could not even ask', async () => {
    const fake = fakeBrowser({ kind: 'withheld', site: SITE }, { answer: async () => Promise.reject(new Error('blocked by policy')) })
    const root = await popup(fake.control)
    await waitFor(() => expect(all(root, 'site-access-allow')).toHaveLength(1))
    await click(one(root, 'site-access-allow'))
    await waitFor(() => expect(one(root, 'site-access-answer').textContent).toBe('Could not ask Chrome: blocked by policy'))
    expect((one(root, 'site-access-allow') as HTMLButtonElement).disabled).toBe(false)
  })

  it('keeps the button busy while the dialog is open', async () => {
    let answer!: (granted: boolean) => void
    const fake = fakeBrowser({ kind: 'withheld', site: SITE }, { answer: () => new Promise<boolean>((resolve) => (answer = resolve)) })
    const root = await popup(fake.control)
    await waitFor(() => expect(all(root, 'site-access-allow')).toHaveLength(1))
    await click(one(root, 'site-access-allow'))
    const button = one(root, 'site-access-allow') as HTMLButtonElement
    expect(button.disabled).toBe(true)
    expect(button.textContent).toBe("Answer Chrome's dialog…")
    await act(() => answer(false))
    await waitFor(() => expect(button.disabled).toBe(false))
  })

  it('gives Firefox its own steps and no Chrome settings page', async () => {
    const root = await popup(fakeBrowser({ kind: 'withheld', site: null }, { browser: 'firefox' }).control)
    await waitFor(() => expect(all(root, 'site-access-steps')).toHaveLength(1))
    expect(one(root, 'site-access-steps').textContent).toContain('about:addons')
    expect(one(root, 'site-access-steps').textContent).toContain('Access your data for all websites')
    expect(notice(root)!.textContent).not.toContain('chrome://')
    expect(all(root, 'site-access-settings')).toHaveLength(0)
  })

  it('says that the browser keeps its own pages from every extension', async () => {
    const root = await popup(fakeBrowser({ kind: 'out-of-reach' }).control)
    await waitFor(() => expect(notice(root)?.dataset.access).toBe('out-of-reach'))
    expect(notice(root)!.textContent).toBe('Chrome lets no extension see this page (its own pages, the extension store).')
  })

  it('follows a withdrawal while open', async () => {
    const fake = fakeBrowser({ kind: 'allowed', site: SITE })
    const root = await popup(fake.control)
    await fake.change({ kind: 'withheld', site: SITE })
    await waitFor(() => expect(notice(root)?.dataset.access).toBe('withheld'))
  })
})

describe('the panel on a site left out of the site access', () => {
  it('says so above the inspected tab, as the popup does, and asks for a reload once the site is allowed', async () => {
    const fake = fakeBrowser({ kind: 'withheld', site: null })
    container = await mount(<PanelShell dataSource={fakeDataSource(scenario())} home={SCOPE} siteAccess={fake.control} />)
    const root = container
    await waitFor(() => expect(notice(root)?.dataset.access).toBe('withheld'))
    expect(notice(root)!.textContent).toContain('Sessionscope cannot see this page')
    expect(root.querySelector('[data-testid=panel]')).not.toBeNull()
    await fake.change({ kind: 'allowed', site: SITE })
    await waitFor(() => expect(notice(root)?.dataset.access).toBe('allowed'))
  })

  it('says nothing where the site is allowed', async () => {
    const fake = fakeBrowser({ kind: 'allowed', site: SITE })
    container = await mount(<PanelShell dataSource={fakeDataSource(scenario())} home={SCOPE} siteAccess={fake.control} />)
    const root = container
    await waitFor(() => expect(root.querySelector('[data-testid=panel]')).not.toBeNull())
    expect(notice(root)).toBeNull()
  })
})
