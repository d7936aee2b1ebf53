// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { FindingList } from '../../../src/devtools/components/FindingList'
import { Popup } from '../../../src/popup/components/Popup'
import { ruleUrl } from '../../../src/ui/rule-link'
import { fakeDataSource, finding, SCOPE } from './fake-data-source'
import { all, click, mount, one, unmount, waitFor } from './render'
import { A, B, scenario } from './scenario'

let container: HTMLElement | undefined

afterEach(async () => {
  vi.unstubAllGlobals()
  if (container) await unmount(container)
  container = undefined
})

describe('ruleUrl', () => {
  it('is the extension page with the rule id as its hash', () => {
    vi.stubGlobal('chrome', { runtime: { getURL: (path: string) => `chrome-extension://abc/${path}` } })
    expect(ruleUrl('event-after-session-end')).toBe('chrome-extension://abc/src/rule-pages/rules.html#event-after-session-end')
    // Ids come from stored findings: whatever they hold stays inside the hash.
    expect(ruleUrl('a b#c?d')).toBe('chrome-extension://abc/src/rule-pages/rules.html#a%20b%23c%3Fd')
  })

  it('falls back to the page beside the panel and popup without an extension', () => {
    vi.stubGlobal('chrome', undefined)
    expect(ruleUrl('event-after-session-end')).toBe('../rule-pages/rules.html#event-after-session-end')
  })
})

describe('links to rule pages', () => {
  it('gives every finding an "About this rule" link to its rule, opening in a new tab, that does not reveal the event', async () => {
    vi.stubGlobal('chrome', { runtime: { getURL: (path: string) => `chrome-extension://abc/${path}` } })
    const findings = [
      finding(A, 3, { rule: 'event-after-session-end', severity: 'error', message: 'late ping' }),
      finding(B, 5, { rule: 'session-id-adopted', severity: 'info', message: 'adopted' }),
    ]
    const onReveal = vi.fn()
    container = await mount(<FindingList findings={findings} label="Findings" canReveal={() => true} onReveal={onReveal} />)
    const links = all(container, 'finding-rule-link')
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      'chrome-extension://abc/src/rule-pages/rules.html#event-after-session-end',
      'chrome-extension://abc/src/rule-pages/rules.html#session-id-adopted',
    ])
    for (const link of links) {
      expect(link.textContent).toBe('About this rule')
      expect(link.getAttribute('target')).toBe('_blank')
      expect(link.getAttribute('rel')).toContain('noopener')
      expect(link.getAttribute('aria-label')).toMatch(/^About this rule: /)
    }
    // The vendor docs link is still there beside it.
    expect(all(container, 'finding-docs')).toHaveLength(2)
    // Keep happy-dom from opening the tab; the click still reaches the finding's own handler.
    container.addEventListener('click', (event) => event.preventDefault(), { capture: true })
    await click(links[0]!)
    expect(onReveal).not.toHaveBeenCalled()
  })

  it('links each popup session\'s worst finding to its rule page', async () => {
    container = await mount(<Popup dataSource={fakeDataSource(scenario())} scope={SCOPE} />)
    const root = container
    await waitFor(() => expect(one(root, 'popup').dataset.ready).toBe('true'))
    const rows = all(root, 'popup-session')
    // A's worst is its error; B's is the open warning, not the earlier info.
    expect(rows.map((row) => one(row, 'popup-rule-link').getAttribute('href'))).toEqual([
      '../rule-pages/rules.html#event-after-session-end',
      '../rule-pages/rules.html#session-expired-idle',
    ])
    expect(one(rows[0]!, 'popup-rule-link').getAttribute('target')).toBe('_blank')
  })
})
