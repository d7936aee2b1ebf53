// @vitest-environment happy-dom
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import type { EventRecord } from '../../../src/store/records'
import type { SessionEvents } from '../../../src/ui/use-session-events'
import { CHUNK, FIRST_PAGE, useSessionEvents } from '../../../src/ui/use-session-events'
import type { FakeDataSource } from './fake-data-source'
import { event, fakeDataSource, SCOPE, session } from './fake-data-source'
import { mount, unmount, waitFor } from './render'

const S = 'adobe-media-edge:sid-long'

let container: HTMLElement | null = null
afterEach(async () => {
  if (container) await unmount(container)
  container = null
})

function events(from: number, to: number): EventRecord[] {
  return Array.from({ length: to - from + 1 }, (_, i) => event(S, from + i, from + i, 'ping'))
}

/** The fake, with every read it was asked for. */
function source(count: number): FakeDataSource & { calls: Array<{ after: number; count: number }> } {
  const fake = fakeDataSource({ sessions: [session(S, { events: count })], events: events(1, count), findings: [] })
  const calls: Array<{ after: number; count: number }> = []
  const read = fake.eventsAfter.bind(fake)
  fake.eventsAfter = (scope, key, after, size) => {
    calls.push({ after, count: size })
    return read(scope, key, after, size)
  }
  return Object.assign(fake, { calls })
}

/** Renders the hook and keeps every state it returned. */
async function watch(fake: FakeDataSource, props: { version: number; stored: number }) {
  const seen: SessionEvents[] = []
  function Probe({ version, stored }: { version: number; stored: number }) {
    const state = useSessionEvents(fake, SCOPE, S, version, stored)
    if (seen.at(-1) !== state) seen.push(state)
    return null
  }
  container = await mount(<Probe {...props} />)
  const rerender = async (next: { version: number; stored: number }) => {
    await act(() => render(<Probe {...next} />, container!))
  }
  return { seen, rerender }
}

const positions = (list: readonly EventRecord[]) => list.map((e) => e.position)

describe('useSessionEvents', () => {
  it('shows the first page before the rest, then reads on in chunks until every event is in, in order', async () => {
    const total = FIRST_PAGE + 2 * CHUNK + 7
    const fake = source(total)
    const { seen } = await watch(fake, { version: 0, stored: total })
    await waitFor(() => expect(seen.at(-1)?.complete).toBe(true))
    const first = seen.find((state) => state.started)!
    expect(first.list).toHaveLength(FIRST_PAGE)
    expect(first.complete).toBe(false)
    const last = seen.at(-1)!
    expect(positions(last.list)).toEqual(positions(events(1, total)))
    expect(last.error).toBeNull()
    // Each read continues after the last event of the one before.
    expect(fake.calls).toEqual([
      { after: -Infinity, count: FIRST_PAGE },
      { after: FIRST_PAGE, count: CHUNK },
      { after: FIRST_PAGE + CHUNK, count: CHUNK },
      { after: FIRST_PAGE + 2 * CHUNK, count: CHUNK },
    ])
    // Every list shown extends the one before it: earlier events are never replaced.
    const shown = seen.filter((state) => state.started)
    for (let i = 1; i < shown.length; i++) expect(shown[i]!.list[0]).toBe(shown[0]!.list[0])
  })

  it('is complete with the first page when the session is shorter than a page', async () => {
    const fake = source(12)
    const { seen } = await watch(fake, { version: 0, stored: 12 })
    await waitFor(() => expect(seen.at(-1)?.started).toBe(true))
    const started = seen.filter((state) => state.started)
    expect(started).toHaveLength(1)
    expect(started[0]!.complete).toBe(true)
    expect(started[0]!.list).toHaveLength(12)
  })

  it('on new captures reads only the events after the last one it has, and appends them', async () => {
    const fake = source(5)
    const { seen, rerender } = await watch(fake, { version: 0, stored: 5 })
    await waitFor(() => expect(seen.at(-1)?.complete).toBe(true))
    const before = seen.at(-1)!.list
    fake.data.events.push(...events(6, 8))
    await rerender({ version: 1, stored: 8 })
    await waitFor(() => expect(seen.at(-1)?.list).toHaveLength(8))
    expect(fake.calls.at(-1)).toEqual({ after: 5, count: CHUNK })
    expect(seen.at(-1)!.list[0]).toBe(before[0])
    expect(positions(seen.at(-1)!.list)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
  })

  it('reads again from the start when the session now has fewer events than it read', async () => {
    const fake = source(5)
    const { seen, rerender } = await watch(fake, { version: 0, stored: 5 })
    await waitFor(() => expect(seen.at(-1)?.complete).toBe(true))
    fake.data.events = events(1, 3)
    await rerender({ version: 1, stored: 3 })
    await waitFor(() => expect(seen.at(-1)?.list).toHaveLength(3))
    expect(fake.calls.at(-1)).toEqual({ after: -Infinity, count: FIRST_PAGE })
  })

  it('reports a failed read and stops', async () => {
    const fake = source(5)
    fake.eventsAfter = async () => {
      throw new Error('store gone')
    }
    const { seen } = await watch(fake, { version: 0, stored: 5 })
    await waitFor(() => expect(seen.at(-1)?.error).toBe('store gone'))
    expect(seen.at(-1)!.started).toBe(true)
    expect(seen.at(-1)!.complete).toBe(false)
  })
})
