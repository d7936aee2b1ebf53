// @vitest-environment happy-dom
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { EventDetails } from '../../../src/devtools/components/EventDetails'
import { PopupSession } from '../../../src/popup/components/PopupSession'
import { event, session } from './fake-data-source'
import { mount, unmount } from './render'

let container: HTMLElement | null = null
afterEach(async () => {
  if (container) await unmount(container)
  container = null
})

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJhcGlrZXkiOiJrIn0.c2VjcmV0LXNpZ25hdHVyZQ'

describe('protocol facts and secrets in the views', () => {
  it("shows a session's facts (room, participants) as text in the popup", async () => {
    const record = session('videosdk:abcd-efgh-lmno', { protocol: 'videosdk', summary: { facts: { Room: 'abcd-efgh-lmno', Participants: '<b>Ada</b>, Grace' } } })
    container = await mount(<PopupSession session={record} findings={[]} />)
    const facts = container.querySelector('[data-testid=session-facts]')!
    expect([...facts.querySelectorAll('.session-fact')].map((fact) => [fact.querySelector('dt')!.textContent, fact.querySelector('dd')!.textContent])).toEqual([
      ['Room', 'abcd-efgh-lmno'],
      ['Participants', '<b>Ada</b>, Grace'],
    ])
    expect(facts.querySelector('b')).toBeNull()
  })

  it('hides token signatures and secret fields in event details until the user asks', async () => {
    const detail = event('videosdk:R', 0, 1, 'endSession', { details: { headers: { Authorization: `Bearer ${JWT}` }, body: { password: 'hunter2', roomId: 'R' } } })
    container = await mount(<EventDetails event={detail} />)
    const shown = (): string => container!.querySelector('[data-testid=event-details]')!.textContent
    expect(shown()).not.toContain('c2VjcmV0LXNpZ25hdHVyZQ')
    expect(shown()).not.toContain('hunter2')
    expect(shown()).toContain('eyJhbGciOiJIUzI1NiJ9.eyJhcGlrZXkiOiJrIn0.redacted')
    await act(() => {
      const box = container!.querySelector<HTMLInputElement>('[data-testid=show-secrets]')!
      box.checked = true
      box.dispatchEvent(new Event('change', { bubbles: true }))
    })
    expect(shown()).toContain('c2VjcmV0LXNpZ25hdHVyZQ')
    expect(shown()).toContain('hunter2')
  })
})
