// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { FindingList } from '../../../src/devtools/components/FindingList'
import { Popup } from '../../../src/popup/components/Popup'
import { fakeDataSource, finding, SCOPE, session } from './fake-data-source'
import { all, click, mount, one, unmount, waitFor } from './render'

let container: HTMLElement | undefined

afterEach(async () => {
  if (container) await unmount(container)
  container = undefined
})

const KEY = 'adobe-heartbeat:1768442400000843215977'
const LINEAR = 's:stream:type must be one of "live", "vod", "linear", not "Linear"'

/** The same stream type on pings 3, 4 and 5 (later occurrences are repeats), and another finding. */
function repeated() {
  const occurrence = (capture: number, repeat: boolean) =>
    finding(KEY, capture, { rule: 'invalid-field-value', severity: 'info', message: `ping: ${LINEAR}.`, group: LINEAR, ...(repeat ? { repeat: true as const } : {}) })
  return [occurrence(3, false), occurrence(4, true), occurrence(5, true), finding(KEY, 6, { rule: 'event-after-session-end', severity: 'error', message: 'late ping' })]
}

describe('repeated findings', () => {
  it('are one item of the panel list with their count, revealing the first occurrence and current on any', async () => {
    const onReveal = vi.fn()
    const findings = repeated()
    container = await mount(<FindingList findings={findings} label="Findings" canReveal={() => true} onReveal={onReveal} isCurrent={(f) => f === findings[2]} />)
    const items = all(container, 'finding')
    expect(items.map((item) => item.dataset.rule)).toEqual(['invalid-field-value', 'event-after-session-end'])
    expect(one(items[0]!, 'finding-count').textContent).toBe('×3')
    expect(items[1]!.querySelector('[data-testid=finding-count]')).toBeNull()
    expect(items[0]!.getAttribute('aria-current')).toBe('true')
    await click(items[0]!.querySelector('button.finding-heading')!)
    expect(onReveal).toHaveBeenCalledWith(findings[0])
  })

  it('speak once in the popup, with their count, when they are the worst finding', async () => {
    const source = fakeDataSource({
      sessions: [session(KEY, { protocol: 'adobe-heartbeat', counts: { errors: 0, warnings: 0, infos: 1 } })],
      events: [],
      findings: repeated().slice(0, 3),
    })
    container = await mount(<Popup dataSource={source} scope={SCOPE} />)
    const root = container
    await waitFor(() => expect(one(root, 'popup').dataset.ready).toBe('true'))
    const worst = one(one(root, 'popup-session'), 'session-worst')
    expect(one(worst, 'finding-count').textContent).toBe('×3')
    expect(worst.textContent).toContain(LINEAR)
  })
})
