// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { Panel } from '../../../src/devtools/components/Panel'
import type { EventRecord } from '../../../src/store/records'
import { CHUNK, FIRST_PAGE } from '../../../src/ui/use-session-events'
import { event, fakeDataSource, finding, SCOPE, session } from './fake-data-source'
import { all, mount, one, unmount, waitFor } from './render'

const S = 'adobe-media-edge:sid-long'
const TOTAL = FIRST_PAGE + CHUNK + 500

let container: HTMLElement | undefined
afterEach(async () => {
  if (container) await unmount(container)
  container = undefined
})

describe('panel with a session longer than a page', () => {
  it('shows the first page with the true total and progress, then the whole session', async () => {
    const events: EventRecord[] = Array.from({ length: TOTAL }, (_, i) => event(S, i + 1, i + 1, i === 0 ? 'sessionStart' : 'ping'))
    // A finding on an event of the last chunk: it can be revealed only once that event is in.
    const late = finding(S, TOTAL - 1, { rule: 'ping-interval-too-long', severity: 'warning', message: 'late ping' })
    const source = fakeDataSource({ sessions: [session(S, { events: TOTAL })], events, findings: [late] })
    let release: () => void = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    const read = source.eventsAfter.bind(source)
    source.eventsAfter = async (scope, key, after, count) => {
      if (after !== -Infinity) await held
      return read(scope, key, after, count)
    }

    container = await mount(<Panel dataSource={source} scope={SCOPE} />)
    const root = container
    await waitFor(() => expect(one(root, 'panel').dataset.ready).toBe('true'))
    expect(one(root, 'panel').dataset.eventsComplete).toBe('false')
    const total = TOTAL.toLocaleString('en-US')
    expect(root.querySelector('#events-heading')!.textContent).toContain(String(TOTAL))
    const status = one(root, 'events-loading')
    expect(status.getAttribute('role')).toBe('status')
    expect(status.textContent).toContain(`Loading events… ${FIRST_PAGE.toLocaleString('en-US')} of ${total}`)
    expect(one(root, 'filter-count').textContent).toBe(`${FIRST_PAGE.toLocaleString('en-US')} of ${total} events`)
    expect(all(root, 'event-row').length).toBeGreaterThan(0)
    expect(root.querySelector('.finding.revealable')).toBeNull()

    release()
    await waitFor(() => expect(one(root, 'panel').dataset.eventsComplete).toBe('true'))
    expect(all(root, 'events-loading')).toHaveLength(0)
    expect(one(root, 'filter-count').textContent).toBe(`${total} events`)
    expect(root.querySelector('.event-grid')!.getAttribute('aria-rowcount')).toBe(String(TOTAL + 1))
    expect(root.querySelector('.finding.revealable')).not.toBeNull()
  })
})
