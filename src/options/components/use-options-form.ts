import { useEffect, useState } from 'preact/hooks'
import type { UserSettings } from '../../session/user-settings'
import type { Form } from './options-form'
import { asForm, asSettings, formProblems } from './options-form'

export interface OptionsForm {
  /** null until the stored settings are read. */
  form: Form | null
  /** What became of the last change. */
  status: string
  /** Shows `next` and saves it, unless a value in it is wrong. */
  store(next: Form): Promise<void>
}

export function useOptionsForm(load: () => Promise<UserSettings>, save: (settings: UserSettings) => Promise<void>): OptionsForm {
  const [form, setForm] = useState<Form | null>(null)
  const [status, setStatus] = useState('')
  useEffect(() => {
    void load().then((settings) => setForm(asForm(settings)))
  }, [load])

  async function store(next: Form): Promise<void> {
    setForm(next)
    if (Object.values(formProblems(next)).some((problem) => problem !== null)) {
      setStatus('Not saved: fix the highlighted value.')
      return
    }
    await save(asSettings(next))
    setStatus('Saved. Captured sessions are checked again with these settings.')
  }
  return { form, status, store }
}
