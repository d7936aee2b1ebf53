// @vitest-environment happy-dom
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { EventDetails } from '../../../src/devtools/components/EventDetails'
import { REDACTION_DEFAULTS } from '../../../src/session/user-settings'
import type { EventRecord } from '../../../src/store/records'
import { RedactionContext } from '../../../src/ui/redaction-context'
import { event } from './fake-data-source'
import { mount, one, unmount, waitFor } from './render'

let container: HTMLElement | undefined
afterEach(async () => {
  if (container) await unmount(container)
  container = undefined
})

const STORED = { body: { password: '[redacted]', roomId: 'r' } }
const SENT = { body: { password: 'hunter2', roomId: 'r' } }

async function tick(root: HTMLElement) {
  await act(() => {
    const box = one(root, 'show-secrets') as HTMLInputElement
    box.checked = true
    box.dispatchEvent(new Event('change', { bubbles: true }))
  })
}

async function shown(sentDetails: (event: EventRecord) => Promise<{ details: unknown } | undefined>, keepSecretsOnDisk = false) {
  const asked: EventRecord[] = []
  container = await mount(
    <RedactionContext.Provider value={{ ...REDACTION_DEFAULTS, keepSecretsOnDisk }}>
      <EventDetails event={event('videosdk:r', 1, 1, 'endSession', { details: STORED })} sentDetails={(e) => (asked.push(e), sentDetails(e))} />
    </RedactionContext.Provider>,
  )
  return { root: container, asked }
}

describe('"Show secrets" when the store holds the event redacted', () => {
  it('shows the values the request was sent with, from the worker, only once asked', async () => {
    const { root, asked } = await shown(async () => ({ details: SENT }))
    expect(asked).toEqual([])
    expect(root.textContent).not.toContain('hunter2')
    await tick(root)
    await waitFor(() => expect(root.textContent).toContain('hunter2'))
    expect(root.querySelector('[data-testid=secrets-gone]')).toBeNull()
  })

  it('says the values are gone when the worker no longer holds them, and shows what the store has', async () => {
    const { root } = await shown(async () => undefined)
    await tick(root)
    await waitFor(() => expect(root.querySelector('[data-testid=secrets-gone]')?.textContent).toMatch(/no longer known.*Keep secrets on disk/))
    expect(root.textContent).toContain('[redacted]')
  })

  it('asks nothing when the store keeps secrets', async () => {
    const { root, asked } = await shown(async () => ({ details: SENT }), true)
    await tick(root)
    expect(asked).toEqual([])
    expect(root.querySelector('[data-testid=secrets-gone]')).toBeNull()
  })
})
