// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { Panel } from '../../../src/devtools/components/Panel'
import { event, fakeDataSource, SCOPE, session, T0 } from './fake-data-source'
import { all, click, mount, one, press, unmount, waitFor } from './render'
import { A, AFTER_END, B, HOSTILE, scenario } from './scenario'

let container: HTMLElement | undefined

afterEach(async () => {
  if (container) await unmount(container)
  container = undefined
})

async function panel(source = fakeDataSource(scenario())) {
  container = await mount(<Panel dataSource={source} scope={SCOPE} />)
  const root = container
  await waitFor(() => expect(one(root, 'panel').dataset.ready).toBe('true'))
  return { root, source }
}

function row(root: HTMLElement, key: string): HTMLElement {
  const found = all(root, 'session-row').find((element) => element.dataset.sessionKey === key)
  if (!found) throw new Error(`no row for ${key}`)
  return found
}

describe('Panel', () => {
  it('lists every session with its state, duration and counts, and the tab totals', async () => {
    const { root } = await panel()
    const rows = all(root, 'session-row')
    expect(rows.map((element) => element.dataset.sessionKey)).toEqual([A, B])
    expect(rows.map((element) => one(element, 'session-state').textContent)).toEqual(['ended', 'active'])
    expect(rows[0]!.textContent).toContain('Big Buck Bunny')
    expect(rows[0]!.textContent).toContain('0:30')
    expect(rows[1]!.textContent).toContain('1:02:03')
    expect(one(rows[0]!, 'session-errors').textContent).toBe('1')
    expect(one(rows[1]!, 'session-warnings').textContent).toBe('1')
    expect(one(root, 'total-errors').textContent).toBe('1')
    expect(one(root, 'total-warnings').textContent).toBe('1')
    expect(one(root, 'total-infos').textContent).toBe('2')
    expect(root.textContent).toContain('Player test page')
  })

  it('selects the first session with errors by default and shows its findings and events', async () => {
    const { root } = await panel()
    expect(row(root, A).getAttribute('aria-selected')).toBe('true')
    expect(row(root, B).getAttribute('aria-selected')).toBe('false')
    const [error] = all(root, 'finding').filter((element) => element.dataset.severity === 'error')
    expect(error?.dataset.rule).toBe('event-after-session-end')
    expect(error?.textContent).toContain(AFTER_END)
    expect(error?.textContent).toContain('Event sent for a session that already ended or expired')
    const docs = one(error!, 'finding-docs')
    expect(docs.tagName).toBe('A')
    expect(docs.getAttribute('target')).toBe('_blank')
    expect(docs.getAttribute('rel')).toBe('noopener noreferrer')
    expect(all(root, 'event-row').map((element) => element.dataset.type)).toEqual(['sessionStart', 'play', 'sessionEnd', 'ping'])
  })

  it('selects the event a finding points at and shows its decoded fields as text', async () => {
    const { root } = await panel()
    const finding = all(root, 'finding').find((element) => element.dataset.rule === 'event-after-session-end')!
    await click(finding.querySelector('.finding-message')!)
    const selected = await waitFor(() => {
      const rows = all(root, 'event-row').filter((element) => element.getAttribute('aria-selected') === 'true')
      expect(rows).toHaveLength(1)
      return rows[0]!
    })
    expect(selected.dataset.capture).toBe('3')
    expect(selected.dataset.ordinal).toBe('0')
    const details = one(root, 'event-details')
    const leaves = [...details.querySelectorAll<HTMLElement>('.json-node[data-path]')].filter((node) => node.dataset.path !== '')
    expect(leaves.map((node) => [node.dataset.path, node.querySelector('.json-value')?.textContent])).toEqual([
      ['eventType', '"media.ping"'],
      ['note', '"<script>alert(1)</script>"'],
    ])
    expect(root.querySelector('script')).toBeNull()
  })

  it('renders hostile page data as text and follows only https documentation links', async () => {
    const { root } = await panel()
    expect(root.querySelector('img')).toBeNull()
    expect(row(root, B).textContent).toContain(HOSTILE)
    await click(row(root, B))
    await waitFor(() => expect(row(root, B).getAttribute('aria-selected')).toBe('true'))
    const expired = await waitFor(() => all(root, 'finding').find((element) => element.dataset.rule === 'session-expired-idle')!)
    const docs = one(expired, 'finding-docs')
    expect(docs.tagName).not.toBe('A')
    expect(docs.textContent).toBe('javascript:alert(1)')
    expect(root.querySelector('a[href^="javascript:"]')).toBeNull()
  })

  it('lists findings of no session in their own section', async () => {
    const { root } = await panel()
    expect(root.textContent).toContain('Not attached to a session')
    expect(all(root, 'finding').some((element) => element.dataset.rule === 'undecodable-request')).toBe(true)
  })

  it('moves between sessions and between events with the arrow keys', async () => {
    const { root } = await panel()
    await press(row(root, A), 'ArrowDown')
    await waitFor(() => expect(row(root, B).getAttribute('aria-selected')).toBe('true'))
    await waitFor(() => expect(all(root, 'event-row')).toHaveLength(2))
    const [first] = all(root, 'event-row')
    await press(first!, 'Enter')
    await press(first!, 'ArrowDown')
    await waitFor(() => expect(all(root, 'event-row')[1]!.getAttribute('aria-selected')).toBe('true'))
    expect(one(root, 'event-details').textContent).toContain('media.play')
  })

  it('re-reads when a change notice lists its scope, and only then', async () => {
    const { root, source } = await panel()
    const reads = source.reads.sessionsOf
    source.notify({ scopes: ['tab:99@test'] })
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(source.reads.sessionsOf).toBe(reads)

    source.data.sessions.push(session('adobe-media-edge:sid-C', { startedAt: T0 + 90_000, state: 'pending', sessionId: null }))
    source.data.events.push(event('adobe-media-edge:sid-C', 9, 1, 'sessionStart'))
    source.notify({ scopes: [SCOPE] })
    source.notify({ scopes: [SCOPE] })
    await waitFor(() => expect(all(root, 'session-row')).toHaveLength(3))
    expect(source.reads.sessionsOf).toBe(reads + 1)
    // The user's selection stays put when a session arrives.
    expect(row(root, A).getAttribute('aria-selected')).toBe('true')
  })

  it('clears the scope through the data source and shows the empty hint', async () => {
    const { root, source } = await panel()
    await click(one(root, 'clear'))
    await waitFor(() => expect(all(root, 'session-row')).toHaveLength(0))
    expect(source.cleared).toEqual([SCOPE])
    expect(root.textContent).toContain('No tracking sessions captured in this tab yet')
    expect(one(root, 'total-errors').textContent).toBe('0')
  })

  it('selects the most recent session when none has errors', async () => {
    const data = scenario()
    data.sessions = data.sessions.map((record) => ({ ...record, counts: { errors: 0, warnings: 0, infos: 0 } }))
    const { root } = await panel(fakeDataSource(data))
    expect(row(root, B).getAttribute('aria-selected')).toBe('true')
  })
})
