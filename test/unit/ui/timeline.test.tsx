// @vitest-environment happy-dom
import { join } from 'node:path'
import { render } from 'preact'
import { useState } from 'preact/hooks'
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { eventKey } from '../../../src/devtools/components/events/event-index'
import { SessionTimeline } from '../../../src/devtools/components/timeline/SessionTimeline'
import { PLOT_LEFT, PLOT_RIGHT_GAP } from '../../../src/devtools/components/timeline/layout'
import type { Finding } from '../../../src/session/finding'
import type { EventRecord } from '../../../src/store/records'
import { replayedSession } from '../../helpers/timeline-session'
import { all, click, mount, one, press, unmount } from './render'

const EDGE = join(import.meta.dirname, '..', '..', 'fixtures', 'adobe-media-edge')
/** happy-dom lays nothing out: the chart keeps its default width and takes client x as chart x. */
const WIDTH = 800

let container: HTMLElement | undefined
afterEach(async () => {
  if (container) await unmount(container)
  container = undefined
})

/** The timeline with the selection kept as the panel keeps it. */
function Harness({ events, findings, selections }: { events: readonly EventRecord[]; findings: readonly Finding[]; selections: string[] }) {
  const [selected, setSelected] = useState<string | undefined>(undefined)
  return (
    <SessionTimeline
      events={events}
      findings={findings}
      selectedId={selected}
      onSelect={(id) => {
        selections.push(id)
        setSelected(id)
      }}
    />
  )
}

async function timeline(events: readonly EventRecord[], findings: readonly Finding[]) {
  const selections: string[] = []
  container = await mount(<Harness events={events} findings={findings} selections={selections} />)
  const root = container
  return { root, selections, chart: root.querySelector<HTMLElement>('.timeline-chart')!, svg: root.querySelector('svg')! }
}

/** Chart x of a time, for a chart showing the whole of `events`. */
function xOf(events: readonly EventRecord[], time: number): number {
  const times = events.map((event) => event.observedAt)
  const start = Math.min(...times)
  const end = Math.max(...times)
  return PLOT_LEFT + ((time - start) / (end - start)) * (WIDTH - PLOT_RIGHT_GAP - PLOT_LEFT)
}

async function clickAt(target: Element, clientX: number) {
  await act(() => {
    target.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, clientX }))
  })
}

async function pointer(target: Element, type: string, clientX: number) {
  await act(() => {
    target.dispatchEvent(new PointerEvent(type, { bubbles: true, cancelable: true, clientX, button: 0, pointerId: 1 }))
  })
}

describe('SessionTimeline on the golden fixtures', () => {
  it('draws f6-multi-ad-session: three closed ad breaks, two chapters, a pause, a buffer, one marker per finding', async () => {
    const { events, findings } = replayedSession(join(EDGE, 'f6-multi-ad-session.har'))
    expect(findings.map((finding) => finding.rule)).toEqual(['duplicate-timestamp', 'ping-interval-too-long'])
    const { root, chart } = await timeline(events, findings)

    const breaks = all(root, 'ad-break-band')
    expect(breaks).toHaveLength(3)
    expect(breaks.map((band) => band.dataset.closed)).toEqual(['true', 'true', 'true'])
    expect(all(root, 'chapter-band')).toHaveLength(2)
    expect(all(root, 'pause-segment')).toHaveLength(1)
    expect(all(root, 'buffer-segment')).toHaveLength(1)
    const markers = all(root, 'finding-marker')
    expect(markers).toHaveLength(findings.length)
    expect(markers.map((marker) => marker.dataset.severity)).toEqual(['info', 'warning'])
    expect(chart.getAttribute('aria-label')).toBe('Timeline: 3 ad breaks, 2 chapters, 2 findings')
    expect(chart.tabIndex).toBe(0)
    // Six pings, one tick each; the playhead is one line through every event.
    expect(one(root, 'ping-ticks').getAttribute('d')!.match(/M/g)).toHaveLength(6)
    expect(one(root, 'playhead-path').getAttribute('d')!.match(/[ML]/g)).toHaveLength(events.length)
  })

  it('draws f5-chapters-and-ads: one ad break, two chapters, no markers', async () => {
    const { events, findings } = replayedSession(join(EDGE, 'f5-chapters-and-ads.har'))
    const { root, chart } = await timeline(events, findings)
    expect(all(root, 'ad-break-band')).toHaveLength(1)
    expect(all(root, 'chapter-band')).toHaveLength(2)
    expect(all(root, 'finding-marker')).toHaveLength(0)
    expect(chart.getAttribute('aria-label')).toBe('Timeline: 1 ad break, 2 chapters, 0 findings')
  })
})

describe('SessionTimeline interaction', () => {
  const f6 = () => replayedSession(join(EDGE, 'f6-multi-ad-session.har'))

  it('selects the event nearest a click, and the event of a clicked finding marker', async () => {
    const { events, findings } = f6()
    const { root, svg, selections } = await timeline(events, findings)
    const pause = events.find((event) => event.type === 'pauseStart')!
    await clickAt(svg, xOf(events, pause.observedAt) + 2)
    expect(selections).toEqual([eventKey(pause)])

    await click(all(root, 'finding-marker').find((marker) => marker.dataset.severity === 'warning')!)
    const late = events.find((event) => eventKey(event) === selections[1])!
    expect(late.type).toBe('chapterComplete')
  })

  it('zooms with + and -, resets with 0, and the buttons do the same', async () => {
    const { events, findings } = f6()
    const { root, chart, svg } = await timeline(events, findings)
    const pause = events.find((event) => event.type === 'pauseStart')!
    await clickAt(svg, xOf(events, pause.observedAt))
    expect(one(root, 'zoom-reset').hasAttribute('disabled')).toBe(true)

    // Two steps in around the selected pause (0:30 of 2:00) leave a 30 s window with no ad break in it.
    await press(chart, '+')
    await press(chart, '+')
    expect(all(root, 'ad-break-band')).toHaveLength(0)
    expect(all(root, 'pause-segment')).toHaveLength(1)
    expect(one(root, 'zoom-reset').hasAttribute('disabled')).toBe(false)
    await press(chart, '-')
    await press(chart, '0')
    expect(all(root, 'ad-break-band')).toHaveLength(3)
    expect(one(root, 'zoom-reset').hasAttribute('disabled')).toBe(true)

    await click(one(root, 'zoom-in'))
    await click(one(root, 'zoom-in'))
    expect(all(root, 'ad-break-band')).toHaveLength(0)
    await click(one(root, 'zoom-reset'))
    expect(all(root, 'ad-break-band')).toHaveLength(3)
  })

  it('forgets the zoom when it is given another session', async () => {
    const { events, findings } = f6()
    const other = replayedSession(join(EDGE, 'f4-buffer-and-pause.har'))
    const later = other.events.map((event) => ({ ...event, observedAt: event.observedAt + 3_600_000 }))
    const selections: string[] = []
    container = await mount(<SessionTimeline events={events} findings={findings} selectedId={undefined} onSelect={(id) => selections.push(id)} />)
    const root = container
    await click(one(root, 'zoom-in'))
    expect(one(root, 'zoom-reset').hasAttribute('disabled')).toBe(false)
    await act(() => render(<SessionTimeline events={later} findings={[]} selectedId={undefined} onSelect={(id) => selections.push(id)} />, root))
    expect(one(root, 'zoom-reset').hasAttribute('disabled')).toBe(true)
    expect(all(root, 'pause-segment')).toHaveLength(1)
    expect(all(root, 'buffer-segment')).toHaveLength(1)
  })

  it('moves the selection with the arrow keys, in time order', async () => {
    const { events, findings } = f6()
    const { chart, selections } = await timeline(events, findings)
    await press(chart, 'ArrowRight')
    await press(chart, 'ArrowRight')
    await press(chart, 'ArrowRight')
    await press(chart, 'ArrowLeft')
    expect(selections.map((id) => events.find((event) => eventKey(event) === id)!.type)).toEqual(['sessionStart', 'play', 'adBreakStart', 'play'])
  })

  it('zooms to a range dragged across the chart', async () => {
    const { events, findings } = f6()
    const { root, svg, selections } = await timeline(events, findings)
    const midRoll = events.filter((event) => event.type === 'adBreakStart')[1]!
    const back = events.filter((event) => event.type === 'adBreakComplete')[1]!
    await pointer(svg, 'pointerdown', xOf(events, midRoll.observedAt) - 5)
    await pointer(svg, 'pointermove', xOf(events, back.observedAt) + 5)
    await pointer(svg, 'pointerup', xOf(events, back.observedAt) + 5)
    await clickAt(svg, xOf(events, back.observedAt) + 5)
    expect(all(root, 'ad-break-band')).toHaveLength(1)
    expect(selections).toEqual([])
  })

  it('shows the hovered event in a tooltip, and page strings only as text', async () => {
    const { events, findings } = f6()
    const hostile = '<img src=x onerror="globalThis.pwned=1">'
    const tampered = events.map((event) => (event.type === 'pauseStart' ? { ...event, type: hostile } : event))
    const noisy = findings.map((finding) => ({ ...finding, message: `<script>globalThis.pwned=1</script>${finding.message}` }))
    const { root, svg } = await timeline(tampered, noisy)
    const pause = tampered.find((event) => event.type === hostile)!
    await pointer(svg, 'pointermove', xOf(tampered, pause.observedAt))
    const tooltip = one(root, 'timeline-tooltip')
    expect(tooltip.textContent).toContain(hostile)
    expect(tooltip.textContent).toContain('0:30.000')
    expect(tooltip.textContent).toContain('playhead 12 s')
    expect(all(root, 'finding-marker')[0]!.textContent).toContain('<script>')
    expect(root.querySelector('img, script')).toBeNull()
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined()
  })
})

describe('SessionTimeline edge cases', () => {
  const base = (i: number, type: string, seconds: number, playhead: number | null): EventRecord => ({
    scope: 'tab:1@t', capture: i, ordinal: 0, frame: null, sessionKey: 'k', position: i + 1, protocol: 'adobe-heartbeat',
    type, role: 'event', sessionId: 's', playhead, clientTime: null, observedAt: 1_000_000 + seconds * 1000, details: null,
  })

  it('draws an ad break that never closed as not closed, and a session-wide finding at the right end', async () => {
    const events = [base(0, 'sessionStart', 0, 0), base(1, 'play', 1, 0), base(2, 'adBreakStart', 5, 4), base(3, 'adStart', 6, 4), base(4, 'ping', 10, 4)]
    const finding: Finding = { rule: 'session-expired-idle', severity: 'error', message: 'gone', docs: '', sessionKey: 'k', at: null }
    const { root, chart } = await timeline(events, [finding])
    const [band] = all(root, 'ad-break-band')
    expect(band!.dataset.closed).toBe('false')
    expect(band!.textContent).toContain('not closed')
    expect(band!.getAttribute('style')).toMatch(/fill: ?url\(#/)
    expect(chart.getAttribute('aria-label')).toBe('Timeline: 1 ad break (1 not closed), 0 chapters, 1 finding')
    const marker = one(root, 'finding-marker')
    expect(marker.dataset.severity).toBe('error')
    expect(marker.getAttribute('d')).toMatch(new RegExp(`^M${WIDTH - PLOT_RIGHT_GAP},`))
  })

  it('draws an empty session without failing, and keys then select nothing', async () => {
    const { root, chart, selections } = await timeline([], [])
    expect(chart.getAttribute('aria-label')).toBe('Timeline: 0 ad breaks, 0 chapters, 0 findings')
    for (const key of ['ArrowRight', 'ArrowLeft', 'Home', 'End', '+', '0']) await press(chart, key)
    expect(selections).toEqual([])
    expect(one(root, 'playhead-path').getAttribute('d')).toBe('')
  })

  it('draws 50,000 events with a decimated line, one ping path and capped markers', async () => {
    const events = Array.from({ length: 50_000 }, (_, i) => base(i, i % 2 ? 'ping' : 'play', i, i % 7))
    const findings: Finding[] = events.slice(0, 1000).map((event) => ({
      rule: 'ping-interval-too-long', severity: 'warning', message: 'late', docs: '', sessionKey: 'k', at: { capture: event.capture, ordinal: 0, frame: null },
    }))
    const { root } = await timeline(events, findings)
    const columns = WIDTH - PLOT_RIGHT_GAP - PLOT_LEFT
    expect(one(root, 'playhead-path').getAttribute('d')!.match(/[ML]/g)!.length).toBeLessThanOrEqual(2 * (columns + 2))
    expect(one(root, 'ping-ticks').getAttribute('d')!.match(/M/g)!.length).toBeLessThanOrEqual(columns + 1)
    const markers = all(root, 'finding-marker')
    expect(markers.length).toBeLessThan(300)
    expect(markers.reduce((sum, marker) => sum + Number(marker.dataset.count), 0)).toBe(1000)
  })
})
