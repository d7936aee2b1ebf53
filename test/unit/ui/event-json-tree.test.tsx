// @vitest-environment happy-dom
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { EventDetails } from '../../../src/devtools/components/EventDetails'
import { CHILD_PAGE } from '../../../src/devtools/components/events/JsonTree'
import { formatPath } from '../../../src/devtools/components/events/json-path'
import { REDACTED } from '../../../src/report/redact'
import { event } from './fake-data-source'
import { all, click, mount, one, unmount, waitFor } from './render'

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJhcGlrZXkiOiJrIn0.c2VjcmV0LXNpZ25hdHVyZQ'

let container: HTMLElement | undefined
afterEach(async () => {
  if (container) await unmount(container)
  container = undefined
})

const DETAILS = {
  xdm: { eventType: 'media.ping', mediaCollection: { playhead: 42, sessionDetails: { name: '<b>Big</b>', 'content-type': 'vod' } } },
  headers: { Authorization: `Bearer ${JWT}` },
  body: { password: 'hunter2' },
  list: [1, 2, 3],
}

async function details(value: unknown = DETAILS) {
  const copied: string[] = []
  const copy = async (text: string) => {
    copied.push(text)
  }
  container = await mount(<EventDetails event={event('adobe-media-edge:sid-A', 1, 1, 'ping', { details: value })} copy={copy} />)
  return { root: container, copied }
}

function node(root: HTMLElement, path: string): HTMLElement {
  const found = [...root.querySelectorAll<HTMLElement>('.json-node')].find((element) => element.dataset.path === path)
  if (!found) throw new Error(`no node ${path}`)
  return found
}

function toggle(root: HTMLElement, path: string): HTMLButtonElement {
  return node(root, path).querySelector<HTMLButtonElement>(':scope > .json-line > .json-toggle')!
}

async function showSecrets(root: HTMLElement) {
  await act(() => {
    const box = one(root, 'show-secrets') as HTMLInputElement
    box.checked = true
    box.dispatchEvent(new Event('change', { bubbles: true }))
  })
}

describe('event details as a JSON tree', () => {
  it('formats paths as a developer would type them', () => {
    expect(formatPath(['xdm', 'mediaCollection', 'playhead'])).toBe('xdm.mediaCollection.playhead')
    expect(formatPath(['events', 0, 'xdm'])).toBe('events[0].xdm')
    expect(formatPath([0, 'content-type'])).toBe('[0]["content-type"]')
  })

  it('opens the first levels, and each object or array is a button that opens and closes it', async () => {
    const { root } = await details()
    expect(toggle(root, '').getAttribute('aria-expanded')).toBe('true')
    expect(toggle(root, 'xdm').getAttribute('aria-expanded')).toBe('true')
    expect(toggle(root, 'xdm.mediaCollection').getAttribute('aria-expanded')).toBe('true')
    expect(node(root, 'xdm.mediaCollection.playhead').querySelector('.json-value')!.textContent).toBe('42')
    // Deeper levels wait to be asked for.
    const deep = toggle(root, 'xdm.mediaCollection.sessionDetails')
    expect(deep.getAttribute('aria-expanded')).toBe('false')
    expect(deep.textContent).toContain('{…} 2 keys')
    expect(root.querySelector('[data-path="xdm.mediaCollection.sessionDetails.name"]')).toBeNull()

    await click(deep)
    expect(toggle(root, 'xdm.mediaCollection.sessionDetails').getAttribute('aria-expanded')).toBe('true')
    expect(node(root, 'xdm.mediaCollection.sessionDetails.name').querySelector('.json-value')!.textContent).toBe('"<b>Big</b>"')
    // Page data stays text.
    expect(root.querySelector('b')).toBeNull()

    // Toggles are native buttons: focusable, and Enter or Space clicks them.
    toggle(root, 'list').focus()
    expect(document.activeElement).toBe(toggle(root, 'list'))
    await click(toggle(root, 'list'))
    expect(toggle(root, 'list').getAttribute('aria-expanded')).toBe('false')
  })

  it('expands and collapses everything', async () => {
    const { root } = await details()
    await click(one(root, 'json-expand-all'))
    expect(node(root, 'xdm.mediaCollection.sessionDetails["content-type"]').textContent).toContain('"vod"')
    expect(all(root, 'event-details')[0]!.querySelectorAll('[aria-expanded="false"]')).toHaveLength(0)
    await click(one(root, 'json-collapse-all'))
    expect(root.querySelectorAll('[aria-expanded="true"]')).toHaveLength(0)
    expect(root.querySelectorAll('.json-node')).toHaveLength(1)
  })

  it('copies a value, a path and the whole payload, redacted unless secrets are shown', async () => {
    const { root, copied } = await details()
    await click(node(root, 'body.password').querySelector('[data-testid=json-copy-value]')!)
    await click(node(root, 'headers.Authorization').querySelector('[data-testid=json-copy-value]')!)
    await click(node(root, 'xdm.mediaCollection.playhead').querySelector('[data-testid=json-copy-path]')!)
    await click(one(root, 'json-copy-all'))
    await waitFor(() => expect(copied).toHaveLength(4))
    expect(copied[0]).toBe(REDACTED)
    expect(copied[1]).toBe('Bearer eyJhbGciOiJIUzI1NiJ9.eyJhcGlrZXkiOiJrIn0.redacted')
    expect(copied[2]).toBe('xdm.mediaCollection.playhead')
    expect(JSON.parse(copied[3]!)).toEqual({ ...DETAILS, headers: { Authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJhcGlrZXkiOiJrIn0.redacted' }, body: { password: REDACTED } })
    expect(one(root, 'event-details').textContent).not.toContain('hunter2')
    await waitFor(() => expect(one(root, 'copy-status').textContent).toBe('Copied the payload as JSON.'))

    await showSecrets(root)
    expect(node(root, 'body.password').textContent).toContain('"hunter2"')
    await click(node(root, 'body.password').querySelector('[data-testid=json-copy-value]')!)
    await click(one(root, 'json-copy-all'))
    await waitFor(() => expect(copied).toHaveLength(6))
    expect(copied[4]).toBe('hunter2')
    expect(JSON.parse(copied[5]!)).toEqual(DETAILS)
  })

  it('names every copy button after its path', async () => {
    const { root } = await details()
    const buttons = [...node(root, 'list[0]').querySelectorAll('button')].map((button) => button.getAttribute('aria-label'))
    expect(buttons).toEqual(['Copy value of list[0]', 'Copy path list[0]'])
  })

  it('says so when the clipboard refuses', async () => {
    container = await mount(<EventDetails event={event('s', 1, 1, 'ping')} copy={() => Promise.reject(new Error('denied'))} />)
    await click(one(container, 'json-copy-all'))
    await waitFor(() => expect(one(container!, 'copy-status').textContent).toBe('Could not copy: denied'))
  })

  it('renders a huge array a page at a time', async () => {
    const { root } = await details({ items: Array.from({ length: 250 }, (_, i) => i) })
    const items = () => node(root, 'items').querySelectorAll(':scope > .json-children > .json-node[data-path]').length
    expect(items()).toBe(CHILD_PAGE)
    const more = one(root, 'json-show-more')
    expect(more.textContent).toBe('Show 100 more of 150 remaining')
    await click(more)
    expect(items()).toBe(200)
    await click(one(root, 'json-show-more'))
    expect(items()).toBe(250)
    expect(all(root, 'json-show-more')).toHaveLength(0)
  })

  it('starts closed again for another event', async () => {
    const { root } = await details()
    await click(one(root, 'json-collapse-all'))
    expect(root.querySelectorAll('.json-node')).toHaveLength(1)
    await unmount(root)
    container = await mount(<EventDetails event={event('s', 2, 1, 'ping', { details: DETAILS })} />)
    expect(toggle(container, 'xdm').getAttribute('aria-expanded')).toBe('true')
  })
})
