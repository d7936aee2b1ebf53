// @vitest-environment happy-dom
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { Options } from '../../../src/options/components/Options'
import type { UserSettings } from '../../../src/session/user-settings'
import { click, mount, unmount, waitFor } from './render'

let container: HTMLElement | null = null
afterEach(async () => {
  if (container) await unmount(container)
  container = null
})

async function setup(initial: UserSettings) {
  const saved: UserSettings[] = []
  container = await mount(<Options load={async () => initial} save={async (settings) => void saved.push(settings)} />)
  await waitFor(() => expect(container!.querySelector('[data-ready=true]')).not.toBeNull())
  return { saved, input: (name: string) => container!.querySelector<HTMLInputElement>(`[data-testid=${name}]`)! }
}

async function change(input: HTMLInputElement, value: string): Promise<void> {
  await act(() => {
    input.value = value
    input.dispatchEvent(new Event('change', { bubbles: true }))
  })
}

describe('Options', () => {
  it('shows the stored intervals and saves a valid change', async () => {
    const { saved, input } = await setup({ mainPingIntervalSeconds: 30, adPingIntervalSeconds: 5 })
    expect(input('mainPingIntervalSeconds').value).toBe('30')
    expect(input('adPingIntervalSeconds').value).toBe('5')
    await change(input('mainPingIntervalSeconds'), '20')
    expect(saved).toEqual([{ mainPingIntervalSeconds: 20, adPingIntervalSeconds: 5 }])
    expect(container!.querySelector('[data-testid=status]')!.textContent).toMatch(/^Saved/)
  })

  it('refuses a value outside the vendor range, says why, and saves nothing', async () => {
    const { saved, input } = await setup({ mainPingIntervalSeconds: 10, adPingIntervalSeconds: 10 })
    await change(input('mainPingIntervalSeconds'), '5')
    expect(saved).toEqual([])
    expect(input('mainPingIntervalSeconds').getAttribute('aria-invalid')).toBe('true')
    expect(container!.textContent).toContain('must be between 10 and 50 seconds')
  })

  it('saves extra hosts per protocol, one per line, and refuses what is not a host', async () => {
    const { saved } = await setup({ mainPingIntervalSeconds: 10, adPingIntervalSeconds: 10 })
    const area = container!.querySelector<HTMLTextAreaElement>('[data-testid=hosts-adobe-heartbeat]')!
    await act(() => {
      area.value = 'metrics.example.com\n\n*.hb.example.org\n'
      area.dispatchEvent(new Event('change', { bubbles: true }))
    })
    expect(saved.at(-1)).toEqual({ mainPingIntervalSeconds: 10, adPingIntervalSeconds: 10, hosts: { 'adobe-heartbeat': ['metrics.example.com', '*.hb.example.org'] } })
    await act(() => {
      area.value = 'https://metrics.example.com/'
      area.dispatchEvent(new Event('change', { bubbles: true }))
    })
    expect(saved).toHaveLength(1)
    expect(area.getAttribute('aria-invalid')).toBe('true')
  })

  it('resets to the documented defaults', async () => {
    const { saved } = await setup({ mainPingIntervalSeconds: 40, adPingIntervalSeconds: 2 })
    await click(container!.querySelector('[data-testid=reset]')!)
    expect(saved).toEqual([{ mainPingIntervalSeconds: 10, adPingIntervalSeconds: 10 }])
  })
})
