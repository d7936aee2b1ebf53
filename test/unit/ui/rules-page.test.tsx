// @vitest-environment happy-dom
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { RuleSection } from '../../../src/rule-pages/components/RuleSection'
import { RulesPage } from '../../../src/rule-pages/components/RulesPage'
import { rules } from '../../../src/session/rules'
import { all, mount, one, unmount } from './render'

let container: HTMLElement | undefined

afterEach(async () => {
  if (container) await unmount(container)
  container = undefined
  history.replaceState(null, '', location.pathname)
})

async function page(hash = ''): Promise<HTMLElement> {
  history.replaceState(null, '', `${location.pathname}${hash}`)
  container = await mount(<RulesPage rules={rules} />)
  return container
}

async function search(root: HTMLElement, query: string): Promise<void> {
  const input = one(root, 'rule-search') as HTMLInputElement
  await act(() => {
    input.value = query
    input.dispatchEvent(new Event('input', { bubbles: true }))
  })
}

async function goTo(hash: string): Promise<void> {
  await act(() => {
    history.replaceState(null, '', `${location.pathname}${hash}`)
    window.dispatchEvent(new HashChangeEvent('hashchange'))
  })
}

const shownIds = (root: HTMLElement) => all(root, 'rule-section').map((section) => section.dataset.rule)
const targeted = (root: HTMLElement) => all(root, 'rule-section').filter((section) => section.dataset.targeted === 'true').map((section) => section.id)

describe('rule page', () => {
  it('has a section for every rule in the registry, each with its id anchor, severity, why, fix and https docs', async () => {
    const root = await page()
    const sections = all(root, 'rule-section')
    expect(sections).toHaveLength(rules.length)
    expect(sections.map((section) => section.id).sort()).toEqual(rules.map((rule) => rule.id).sort())
    for (const rule of rules) {
      const section = root.querySelector<HTMLElement>(`#${rule.id}`)!
      expect(section.querySelector('h3')!.textContent).toBe(rule.title)
      expect(one(section, 'rule-id').textContent).toBe(rule.id)
      expect(one(section, 'rule-severity').textContent).toBe(rule.severity)
      expect(section.textContent).toContain(rule.why)
      expect(section.textContent).toContain(rule.fix)
      expect([...section.querySelectorAll('h4')].map((h) => h.textContent)).toEqual(['What it means', 'Why it matters', 'How to fix'])
      const docs = all(section, 'rule-docs')
      expect(docs.map((link) => link.getAttribute('href'))).toContain(rule.docs)
      for (const link of docs) {
        expect(link.getAttribute('href')).toMatch(/^https:\/\//)
        expect(link.getAttribute('target')).toBe('_blank')
        expect(link.getAttribute('rel')).toContain('noopener')
      }
    }
  })

  it('lists every rule once in the contents, and groups rules by the protocol their id names', async () => {
    const root = await page()
    const contents = [...root.querySelectorAll<HTMLAnchorElement>('nav a')].map((link) => link.getAttribute('href'))
    expect(contents).toEqual(all(root, 'rule-section').map((section) => `#${section.id}`))
    const groups = all(root, 'rule-group')
    expect(groups.map((group) => group.dataset.group)).toEqual(['shared', 'gamesparks', 'videosdk'])
    const inGroup = (key: string) => all(groups.find((group) => group.dataset.group === key)!, 'rule-section').map((section) => section.id)
    expect(inGroup('gamesparks').every((id) => id.startsWith('gamesparks-'))).toBe(true)
    expect(inGroup('videosdk').every((id) => id.startsWith('videosdk-'))).toBe(true)
    expect(inGroup('shared')).toContain('event-after-session-end')
    expect(groups[0]!.querySelector('h2')!.textContent).toContain('Adobe Media Edge')
    // Landmarks and a heading outline: one h1, groups as h2, rules as h3.
    expect(root.querySelectorAll('main')).toHaveLength(1)
    expect(root.querySelector('nav')!.getAttribute('aria-label')).toBeTruthy()
    expect(root.querySelectorAll('h1')).toHaveLength(1)
    expect(root.querySelectorAll('h2')).toHaveLength(groups.length)
    expect(root.querySelectorAll('h3')).toHaveLength(rules.length)
  })

  it('filters rules by id, title and text, and says when nothing matches', async () => {
    const root = await page()
    await search(root, 'videosdk-token')
    expect(shownIds(root)).toEqual(['videosdk-token-invalid', 'videosdk-token-expired', 'videosdk-token-never-expires'])
    expect(one(root, 'rule-count').textContent).toBe(`3 of ${rules.length} rules`)
    expect(all(root, 'rule-group').map((group) => group.dataset.group)).toEqual(['videosdk'])

    // Words from a rule's title, in any case.
    await search(root, 'NEVER CLOSED with')
    expect(shownIds(root)).toEqual(['ad-break-not-closed'])

    // Words from the text, each of them required.
    await search(root, 'session')
    expect(shownIds(root).length).toBeGreaterThan(1)
    await search(root, 'session destroy()')
    expect(shownIds(root)).toEqual(['event-after-session-end'])
    await search(root, 'destroy() gamesparks')
    expect(shownIds(root)).toEqual(['event-after-session-end'])
    await search(root, 'destroy() videosdk-token')
    expect(shownIds(root)).toEqual([])

    await search(root, 'no such words anywhere')
    expect(shownIds(root)).toEqual([])
    expect(one(root, 'rule-none').textContent).toContain('no such words anywhere')

    await search(root, '')
    expect(shownIds(root)).toHaveLength(rules.length)
  })

  it('highlights and focuses the rule named in the hash, and follows hash changes', async () => {
    const root = await page('#event-after-session-end')
    expect(targeted(root)).toEqual(['event-after-session-end'])
    expect(document.activeElement?.id).toBe('event-after-session-end')
    expect(root.querySelector('nav a[aria-current]')!.getAttribute('href')).toBe('#event-after-session-end')

    await goTo('#gamesparks-secret-in-url')
    expect(targeted(root)).toEqual(['gamesparks-secret-in-url'])
    expect(document.activeElement?.id).toBe('gamesparks-secret-in-url')
    expect(all(root, 'rule-unknown')).toHaveLength(0)

    await goTo('#no-such-rule')
    expect(targeted(root)).toEqual([])
    expect(one(root, 'rule-unknown').textContent).toContain('no-such-rule')
  })
})

describe('rule section', () => {
  it('offers only https documentation, each link with its protocol and host', async () => {
    const rule = { ...rules[0]!, docs: 'javascript:alert(1)', docsByProtocol: { gamesparks: 'http://docs.gamesparks.com/x', videosdk: 'https://docs.videosdk.live/y' } }
    container = await mount(<RuleSection rule={rule} targeted={false} />)
    const links = all(container, 'rule-docs')
    expect(links.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([['VideoSDK documentation', 'https://docs.videosdk.live/y']])
    expect(container.textContent).toContain('(docs.videosdk.live)')
    expect(container.textContent).not.toContain('javascript:')
  })
})
