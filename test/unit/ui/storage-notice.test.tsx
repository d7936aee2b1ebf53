// @vitest-environment happy-dom
/** The storage notice: shown in the popup and the panel header while the worker holds captures in memory. */
import { afterEach, expect, it } from 'vitest'
import { PanelHeader } from '../../../src/devtools/components/PanelHeader'
import { Popup } from '../../../src/popup/components/Popup'
import { ZERO_COUNTS } from '../../../src/session/finding'
import { fakeDataSource, SCOPE } from './fake-data-source'
import { all, mount, one, unmount, waitFor } from './render'
import { scenario } from './scenario'

const SINCE = Date.parse('2026-01-15T02:00:00.000Z')
let container: HTMLElement | undefined

afterEach(async () => {
  if (container) await unmount(container)
  container = undefined
})

function full(held: number) {
  const data = scenario()
  data.scope = { ...data.scope!, storageNotice: { since: SINCE, held } }
  return data
}

it('the popup says storage is full and how many requests are held, as a status, and goes when the write succeeds', async () => {
  const source = fakeDataSource(full(1234))
  container = await mount(<Popup dataSource={source} scope={SCOPE} />)
  const root = container
  await waitFor(() => expect(all(root, 'storage-notice')).toHaveLength(1))
  const notice = one(root, 'storage-notice')
  expect(notice.getAttribute('role')).toBe('status')
  expect(notice.textContent).toContain('Storage full since')
  expect(notice.textContent).toContain('1,234 requests held in memory')

  const { storageNotice: _written, ...stored } = source.data.scope!
  source.data.scope = stored
  source.notify({ scopes: [SCOPE] })
  await waitFor(() => expect(all(root, 'storage-notice')).toHaveLength(0))
})

it('the panel header shows it beside the tab, and nothing when there is no notice', async () => {
  const record = full(1).scope!
  container = await mount(<PanelHeader record={record} sessions={0} counts={ZERO_COUNTS} clearing={false} onClear={() => {}} />)
  expect(one(container, 'storage-notice').textContent).toContain('1 request held in memory')
  await unmount(container)
  container = await mount(<PanelHeader record={scenario().scope} sessions={0} counts={ZERO_COUNTS} clearing={false} onClear={() => {}} />)
  expect(all(container, 'storage-notice')).toHaveLength(0)
})
