// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { Popup } from '../../../src/popup/components/Popup'
import { fakeDataSource, SCOPE } from './fake-data-source'
import { all, click, mount, one, unmount, waitFor } from './render'
import { A, AFTER_END, B, B_WARNING, HOSTILE, scenario } from './scenario'

let container: HTMLElement | undefined

afterEach(async () => {
  if (container) await unmount(container)
  container = undefined
})

async function popup(source = fakeDataSource(scenario())) {
  container = await mount(<Popup dataSource={source} scope={SCOPE} />)
  const root = container
  await waitFor(() => expect(one(root, 'popup').dataset.ready).toBe('true'))
  return { root, source }
}

describe('Popup', () => {
  it('shows one row per session with its state, counts and worst finding', async () => {
    const { root } = await popup()
    const rows = all(root, 'popup-session')
    expect(rows.map((row) => row.dataset.sessionKey)).toEqual([A, B])
    expect(rows.map((row) => one(row, 'session-state').textContent)).toEqual(['ended', 'active'])
    expect(rows.map((row) => one(row, 'session-errors').textContent)).toEqual(['1', '0'])
    expect(rows.map((row) => one(row, 'session-warnings').textContent)).toEqual(['0', '1'])
    expect(rows.map((row) => row.querySelector('[title=Duration]')!.textContent)).toEqual(['0:30', '1:02:03'])
    expect(rows.map((row) => row.querySelector('.popup-stats')!.textContent)).toEqual([expect.stringContaining('4 events'), expect.stringContaining('2 events')])
    expect(one(rows[0]!, 'session-worst').textContent).toContain(AFTER_END)
    // B has an info before its warning: the warning speaks for the session.
    expect(one(rows[1]!, 'session-worst').textContent).toContain(B_WARNING)
    expect(rows[0]!.textContent).toContain('Big Buck Bunny')
    expect(rows[1]!.textContent).toContain(HOSTILE)
    expect(root.querySelector('img')).toBeNull()
    expect(all(root, 'popup-empty')).toHaveLength(0)
    expect(root.textContent).toContain('Open DevTools → Sessionscope for the timeline and every finding')
  })

  it('shows the empty state once cleared', async () => {
    const { root, source } = await popup()
    await click(one(root, 'clear'))
    await waitFor(() => expect(all(root, 'popup-empty')).toHaveLength(1))
    expect(all(root, 'popup-session')).toHaveLength(0)
    expect(source.cleared).toEqual([SCOPE])
  })

  it('shows sessions that arrive later', async () => {
    const data = scenario()
    const later = data.sessions.splice(0)
    const { root, source } = await popup(fakeDataSource(data))
    expect(all(root, 'popup-empty')).toHaveLength(1)
    source.data.sessions.push(...later)
    source.notify({ scopes: [SCOPE] })
    await waitFor(() => expect(all(root, 'popup-session')).toHaveLength(2))
  })
})
