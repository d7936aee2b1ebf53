// @vitest-environment happy-dom
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { Panel } from '../../../src/devtools/components/Panel'
import type { EventRecord, FindingRecord } from '../../../src/store/records'
import type { FakeData } from './fake-data-source'
import { event, fakeDataSource, finding, SCOPE, session } from './fake-data-source'
import { all, click, mount, one, press, unmount, waitFor } from './render'

const S = 'adobe-media-edge:sid-big'
const TYPES = ['play', 'ping', 'pauseStart', 'adBreakStart'] as const

let container: HTMLElement | undefined
afterEach(async () => {
  if (container) await unmount(container)
  container = undefined
})

/** One session of `count` events (one per request), with an error every 1000th event and a warning every 250th. */
function bigSession(count: number): FakeData {
  const events: EventRecord[] = []
  const findings: FindingRecord[] = []
  for (let i = 0; i < count; i++) {
    const type = i === 0 ? 'sessionStart' : TYPES[i % TYPES.length]!
    events.push(event(S, i, i + 1, type, { details: { eventType: `media.${type}`, xdm: { mediaCollection: { playhead: i, note: i === 31_337 ? 'needle-here' : 'x' } } } }))
    if (i % 1000 === 999) findings.push(finding(S, i, { rule: 'ping-interval', severity: 'error', message: `late ping ${i}` }))
    else if (i % 250 === 0 && i > 0) findings.push(finding(S, i, { rule: 'playhead-stalled', severity: 'warning', message: `stalled ${i}` }))
  }
  return { sessions: [session(S, { events: count, counts: { errors: findings.filter((f) => f.severity === 'error').length, warnings: 0, infos: 0 } })], events, findings }
}

async function panel(data: FakeData) {
  container = await mount(<Panel dataSource={fakeDataSource(data)} scope={SCOPE} />)
  const root = container
  await waitFor(() => expect(one(root, 'panel').dataset.ready).toBe('true'), 10_000)
  // A long session is read in chunks after the first page; these tests need all of it.
  await waitFor(() => expect(one(root, 'panel').dataset.eventsComplete).toBe('true'), 10_000)
  await waitFor(() => expect(all(root, 'event-row').length).toBeGreaterThan(0), 10_000)
  return root
}

function grid(root: HTMLElement): HTMLElement {
  return root.querySelector<HTMLElement>('.event-grid[role=grid]')!
}

function selectedRow(root: HTMLElement): HTMLElement | undefined {
  return all(root, 'event-row').find((row) => row.getAttribute('aria-selected') === 'true')
}

async function choose(root: HTMLElement, testId: string, value: string) {
  await act(() => {
    const select = one(root, testId) as HTMLSelectElement
    select.value = value
    select.dispatchEvent(new Event('change', { bubbles: true }))
  })
}

function shownTypes(root: HTMLElement): string[] {
  return all(root, 'event-row').map((row) => row.dataset.type!)
}

// Each test reads and renders 50,000 events in happy-dom, chunk by chunk as the panel does: seconds on a busy machine.
describe('event list with 50,000 events', { timeout: 30_000 }, () => {
  it('renders only the rows in view and says how many rows the grid has', async () => {
    const started = performance.now()
    const root = await panel(bigSession(50_000))
    const elapsed = performance.now() - started
    // Informal: the whole panel (fake reads with structuredClone included) in happy-dom.
    console.info(`Panel with 50,000 events ready in ${Math.round(elapsed)} ms`)
    const rows = all(root, 'event-row')
    expect(rows.length).toBeGreaterThan(10)
    expect(rows.length).toBeLessThan(100)
    expect(grid(root).getAttribute('aria-rowcount')).toBe('50001')
    expect(rows[0]!.getAttribute('aria-rowindex')).toBe('2')
    expect(rows[0]!.dataset.type).toBe('sessionStart')
    expect(one(root, 'filter-count').textContent).toBe('50,000 events')
    // Exactly one row is in the tab order.
    expect(rows.filter((row) => row.tabIndex === 0)).toHaveLength(1)
  })

  it('reaches the last event with End and pages with PageDown/PageUp, keeping focus on the selected row', async () => {
    const root = await panel(bigSession(50_000))
    const first = all(root, 'event-row')[0]!
    await act(() => first.focus())
    await waitFor(() => expect(selectedRow(root)?.dataset.index).toBe('0'))

    await press(first, 'PageDown')
    const paged = await waitFor(() => {
      const row = selectedRow(root)!
      expect(Number(row.dataset.index)).toBeGreaterThan(5)
      return row
    })
    expect(document.activeElement).toBe(paged)
    await press(paged, 'PageUp')
    await waitFor(() => expect(selectedRow(root)?.dataset.index).toBe('0'))

    await press(document.activeElement!, 'End')
    const last = await waitFor(() => {
      const row = selectedRow(root)!
      expect(row.dataset.index).toBe('49999')
      return row
    })
    expect(last.getAttribute('aria-rowindex')).toBe('50001')
    expect(last.dataset.capture).toBe('49999')
    expect(document.activeElement).toBe(last)
    expect(root.querySelector<HTMLElement>('.events-scroll')!.scrollTop).toBeGreaterThan(49_000 * 22)
    // Rows near the end are rendered; the beginning is gone.
    expect(all(root, 'event-row').some((row) => row.dataset.index === '0')).toBe(false)
    expect(all(root, 'event-row').length).toBeLessThan(100)

    await press(last, 'ArrowUp')
    await waitFor(() => expect(selectedRow(root)?.dataset.index).toBe('49998'))
    expect(document.activeElement).toBe(selectedRow(root))
    await press(document.activeElement!, 'Home')
    await waitFor(() => expect(selectedRow(root)?.dataset.index).toBe('0'))
    expect(document.activeElement).toBe(selectedRow(root))
  })

  it('keeps focus on the selected row while the list scrolls away from it, and brings it back on the next key', async () => {
    const root = await panel(bigSession(50_000))
    const first = all(root, 'event-row')[0]!
    await act(() => first.focus())
    await waitFor(() => expect(selectedRow(root)?.dataset.index).toBe('0'))
    const scroller = root.querySelector<HTMLElement>('.events-scroll')!
    await act(() => {
      scroller.scrollTop = 22 * 30_000
      scroller.dispatchEvent(new Event('scroll'))
    })
    const indexes = all(root, 'event-row').map((row) => Number(row.dataset.index))
    expect(indexes.some((index) => index >= 30_000 && index < 30_010)).toBe(true)
    // The focused, selected row stays rendered (and focused) although it is far out of view.
    expect(document.activeElement).toBe(selectedRow(root))
    expect(selectedRow(root)?.dataset.index).toBe('0')

    await press(document.activeElement!, 'ArrowDown')
    await waitFor(() => expect(selectedRow(root)?.dataset.index).toBe('1'))
    expect(document.activeElement).toBe(selectedRow(root))
    expect(scroller.scrollTop).toBe(22)
  })

  it('scrolls an event selected from a finding into view', async () => {
    const root = await panel(bigSession(50_000))
    const finding = all(root, 'finding').find((element) => element.textContent?.includes('late ping 40999'))!
    await click(finding.querySelector('.finding-message')!)
    const row = await waitFor(() => {
      const selected = selectedRow(root)!
      expect(selected.dataset.capture).toBe('40999')
      return selected
    })
    const scroller = root.querySelector<HTMLElement>('.events-scroll')!
    const top = Number(row.dataset.index) * 22
    expect(scroller.scrollTop).toBeLessThanOrEqual(top)
    expect(scroller.scrollTop).toBeGreaterThan(top - 1000)
  })

  it('filters 50,000 events by text after typing pauses', async () => {
    const root = await panel(bigSession(50_000))
    const scroller = root.querySelector<HTMLElement>('.events-scroll')!
    await act(() => {
      scroller.scrollTop = 500_000
      scroller.dispatchEvent(new Event('scroll'))
    })
    expect(all(root, 'event-row')[0]!.dataset.index).not.toBe('0')
    const search = one(root, 'filter-search') as HTMLInputElement
    await act(() => {
      search.value = 'NEEDLE-here'
      search.dispatchEvent(new Event('input', { bubbles: true }))
    })
    await waitFor(() => expect(one(root, 'filter-count').textContent).toBe('1 of 50,000 events'), 5000)
    // A new filter starts the list from the top.
    expect(all(root, 'event-row').map((row) => row.dataset.capture)).toEqual(['31337'])
    expect(scroller.scrollTop).toBe(0)
  })
})

describe('event filters', () => {
  /** Two protocols, each event type once or more, findings of each severity and two rules. */
  function mixed(): FakeData {
    const events = [
      event(S, 0, 1, 'sessionStart', { details: { eventType: 'media.sessionStart', token: 'abc' } }),
      event(S, 1, 2, 'play'),
      event(S, 2, 3, 'ping', { sessionId: 'sid-Special' }),
      event(S, 3, 4, 'ping'),
      event(S, 4, 5, 'Frame', { protocol: 'gamesparks' }),
      event(S, 5, 6, 'play'),
    ]
    const findings = [
      finding(S, 2, { rule: 'ping-interval', severity: 'error', message: 'late' }),
      finding(S, 3, { rule: 'ping-interval', severity: 'warning', message: 'early' }),
      finding(S, 5, { rule: 'session-id-adopted', severity: 'info', message: 'adopted' }),
      // About the whole request: marks its events.
      finding(S, 4, { rule: 'undecodable-request', severity: 'warning', message: 'not JSON', at: { capture: 4, ordinal: null, frame: null } }),
    ]
    return { sessions: [session(S, { counts: { errors: 1, warnings: 2, infos: 1 } })], events, findings }
  }

  it('offers only the rules, types and protocols present', async () => {
    const root = await panel(mixed())
    const values = (testId: string) => [...(one(root, testId) as HTMLSelectElement).options].map((option) => option.value)
    expect(values('filter-rule')).toEqual(['', 'ping-interval', 'session-id-adopted', 'undecodable-request'])
    expect(values('filter-type')).toEqual(['', 'Frame', 'ping', 'play', 'sessionStart'])
    expect(values('filter-protocol')).toEqual(['', 'adobe-media-edge', 'gamesparks'])
    expect(values('filter-severity')).toEqual(['', 'error', 'warning', 'info'])
  })

  it('narrows by severity, rule, type, protocol, text and problems, and counts what is shown', async () => {
    const root = await panel(mixed())
    expect(one(root, 'filter-count').textContent).toBe('6 events')
    expect((one(root, 'filter-clear') as HTMLButtonElement).disabled).toBe(true)

    await choose(root, 'filter-severity', 'warning')
    expect(all(root, 'event-row').map((row) => row.dataset.capture)).toEqual(['3', '4'])
    expect(one(root, 'filter-count').textContent).toBe('2 of 6 events')
    await choose(root, 'filter-severity', '')

    await choose(root, 'filter-rule', 'ping-interval')
    expect(all(root, 'event-row').map((row) => row.dataset.capture)).toEqual(['2', '3'])
    await choose(root, 'filter-severity', 'error')
    expect(all(root, 'event-row').map((row) => row.dataset.capture)).toEqual(['2'])
    await click(one(root, 'filter-clear'))
    expect(one(root, 'filter-count').textContent).toBe('6 events')

    await choose(root, 'filter-type', 'play')
    expect(shownTypes(root)).toEqual(['play', 'play'])
    await choose(root, 'filter-type', '')

    await choose(root, 'filter-protocol', 'gamesparks')
    expect(shownTypes(root)).toEqual(['Frame'])
    await choose(root, 'filter-protocol', '')

    await act(() => {
      const box = one(root, 'filter-problems') as HTMLInputElement
      box.checked = true
      box.dispatchEvent(new Event('change', { bubbles: true }))
    })
    expect(all(root, 'event-row').map((row) => row.dataset.capture)).toEqual(['2', '3', '4', '5'])

    const search = one(root, 'filter-search') as HTMLInputElement
    await act(() => {
      search.value = 'special'
      search.dispatchEvent(new Event('input', { bubbles: true }))
    })
    await waitFor(() => expect(all(root, 'event-row').map((row) => row.dataset.capture)).toEqual(['2']))
    expect(one(root, 'filter-count').textContent).toBe('1 of 6 events')

    await click(one(root, 'filter-clear'))
    expect(one(root, 'filter-count').textContent).toBe('6 events')
    expect(search.value).toBe('')
    expect((one(root, 'filter-problems') as HTMLInputElement).checked).toBe(false)
    expect(all(root, 'event-row')).toHaveLength(6)
  })

  it('searches decoded fields, and clears filters that hide an event a finding points at', async () => {
    const root = await panel(mixed())
    const search = one(root, 'filter-search') as HTMLInputElement
    await act(() => {
      search.value = '"token":"abc"'
      search.dispatchEvent(new Event('input', { bubbles: true }))
    })
    await waitFor(() => expect(shownTypes(root)).toEqual(['sessionStart']))

    const late = all(root, 'finding').find((element) => element.textContent?.includes('late'))!
    await click(late.querySelector('.finding-message')!)
    await waitFor(() => expect(selectedRow(root)?.dataset.capture).toBe('2'))
    expect(one(root, 'filter-count').textContent).toBe('6 events')
  })

  it('hides the protocol filter when the session has one protocol', async () => {
    const data = mixed()
    data.events = data.events.filter((record) => record.protocol === 'adobe-media-edge')
    const root = await panel(data)
    expect(all(root, 'filter-protocol')).toHaveLength(0)
  })
})
