// @vitest-environment happy-dom
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { Options } from '../../../src/options/components/Options'
import type { UserSettings } from '../../../src/session/user-settings'
import type { RetentionReport } from '../../../src/shared/retention-report'
import { click, mount, unmount, waitFor } from './render'

let container: HTMLElement | null = null
afterEach(async () => {
  if (container) await unmount(container)
  container = null
})

async function setup(initial: UserSettings, lastCleanUp?: () => Promise<RetentionReport | null>) {
  const saved: UserSettings[] = []
  container = await mount(<Options load={async () => initial} save={async (settings) => void saved.push(settings)} lastCleanUp={lastCleanUp} />)
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

const DEFAULTS: UserSettings = { mainPingIntervalSeconds: 10, adPingIntervalSeconds: 10 }

async function type(area: HTMLTextAreaElement | HTMLInputElement, value: string): Promise<void> {
  await act(() => {
    area.value = value
    area.dispatchEvent(new Event('change', { bubbles: true }))
  })
}

describe('Options: retention and redaction', () => {
  it('has the four sections, and a label for every control', async () => {
    await setup(DEFAULTS)
    expect([...container!.querySelectorAll('h2')].map((h) => h.textContent)).toEqual(['Ping intervals', 'Where the traffic goes', 'Retention', 'Redaction'])
    const controls = [...container!.querySelectorAll<HTMLElement>('input, textarea')]
    expect(controls.length).toBeGreaterThan(8)
    for (const control of controls) {
      const label = container!.querySelector(`label[for="${control.id}"]`)
      expect(label?.textContent?.trim(), control.id).toBeTruthy()
    }
  })

  it('shows the default retention, saves a change, and leaves defaults out of the stored settings', async () => {
    const { saved, input } = await setup(DEFAULTS)
    expect(input('retention-days').value).toBe('7')
    expect(input('retention-maxCapturesPerTab').value).toBe('20000')
    expect(input('retention-maxCapturesTotal').value).toBe('100000')
    await change(input('retention-days'), '1')
    expect(saved).toEqual([{ ...DEFAULTS, retention: { days: 1, maxCapturesPerTab: 20_000, maxCapturesTotal: 100_000 } }])
    await change(input('retention-days'), '7')
    expect(saved.at(-1)).toEqual(DEFAULTS)
  })

  it('refuses retention outside its limits or not whole, says why, and saves nothing', async () => {
    const { saved, input } = await setup(DEFAULTS)
    await change(input('retention-days'), '400')
    expect(input('retention-days').getAttribute('aria-invalid')).toBe('true')
    expect(container!.textContent).toContain('The value must be between 1 and 365 days.')
    expect(saved).toEqual([])
    await change(input('retention-days'), '7')
    expect(saved).toEqual([DEFAULTS])
    await change(input('retention-maxCapturesPerTab'), '')
    expect(container!.textContent).toContain('The value must be a whole number of requests.')
    expect(input('retention-maxCapturesPerTab').getAttribute('aria-invalid')).toBe('true')
    await change(input('retention-maxCapturesTotal'), '1000.5')
    expect(input('retention-maxCapturesTotal').getAttribute('aria-invalid')).toBe('true')
    expect(saved).toEqual([DEFAULTS])
    expect(container!.querySelector('[data-testid=status]')!.textContent).toBe('Not saved: fix the highlighted value.')
  })

  it('saves the redaction choices and extra secret names, refusing a name that cannot be one', async () => {
    const { saved, input } = await setup(DEFAULTS)
    expect(input('redaction-showSecretsByDefault').checked).toBe(false)
    expect(input('redaction-includeSecretsInExports').checked).toBe(false)
    await act(() => {
      input('redaction-includeSecretsInExports').click()
    })
    expect(saved.at(-1)).toEqual({ ...DEFAULTS, redaction: { showSecretsByDefault: false, includeSecretsInExports: true, extraSecretNames: [], keepSecretsOnDisk: false } })
    const names = container!.querySelector<HTMLTextAreaElement>('[data-testid=redaction-extraSecretNames]')!
    await type(names, 'x-session-key\n\n deviceKey \nx-session-key')
    expect(saved.at(-1)).toEqual({ ...DEFAULTS, redaction: { showSecretsByDefault: false, includeSecretsInExports: true, extraSecretNames: ['x-session-key', 'deviceKey'], keepSecretsOnDisk: false } })
    await type(names, 'device key')
    expect(saved).toHaveLength(2)
    expect(names.getAttribute('aria-invalid')).toBe('true')
    expect(container!.textContent).toContain('"device key" is not a header or field name')
  })

  it('shows the stored redaction choices, keeps every control in the tab order, and resets them', async () => {
    const { saved, input } = await setup({ ...DEFAULTS, redaction: { showSecretsByDefault: true, includeSecretsInExports: false, extraSecretNames: ['deviceKey'], keepSecretsOnDisk: true } })
    expect(input('redaction-showSecretsByDefault').checked).toBe(true)
    expect(input('redaction-keepSecretsOnDisk').checked).toBe(true)
    expect(container!.querySelector<HTMLTextAreaElement>('[data-testid=redaction-extraSecretNames]')!.value).toBe('deviceKey')
    // Native controls only: each is reachable with Tab (no tabindex tricks) and toggles with Space.
    for (const control of container!.querySelectorAll<HTMLElement>('input, textarea, button')) expect(control.tabIndex, control.id).toBe(0)
    await click(container!.querySelector('[data-testid=reset]')!)
    expect(saved.at(-1)).toEqual(DEFAULTS)
  })

  it('says what the last clean-up removed', async () => {
    await setup(DEFAULTS, async () => ({ at: Date.parse('2026-01-15T02:00:00Z'), scopes: 2, captures: 1234 }))
    await waitFor(() => expect(container!.querySelector('[data-testid=last-clean-up]')!.textContent).toMatch(/^Last clean-up: 1,234 old captures removed \(2 tabs and imports\), 15 Jan 2026/))
  })

  it('follows clean-ups while open', async () => {
    let report: RetentionReport | null = null
    let announce = (): void => {}
    const saved: UserSettings[] = []
    container = await mount(
      <Options load={async () => DEFAULTS} save={async (settings) => void saved.push(settings)} lastCleanUp={async () => report} onCleanUp={(listener) => ((announce = listener), () => {})} />,
    )
    const line = () => container!.querySelector('[data-testid=last-clean-up]')?.textContent
    await waitFor(() => expect(line()).toBe('Nothing has been removed yet.'))
    report = { at: Date.parse('2026-01-15T02:00:00Z'), scopes: 1, captures: 1 }
    await act(() => announce())
    await waitFor(() => expect(line()).toMatch(/^Last clean-up: 1 old capture removed \(1 tab or import\)/))
  })

  it('says when nothing has been removed', async () => {
    await setup(DEFAULTS, async () => null)
    expect(container!.querySelector('[data-testid=last-clean-up]')!.textContent).toBe('Nothing has been removed yet.')
  })
})
