/** One labelled number field of the settings form, with its problem (announced) and its help. */
interface Props {
  id: string
  label: string
  help: string
  min: number
  max: number
  value: string
  /** Why the value cannot be used, or null. */
  problem: string | null
  onChange(value: string): void
}

export function NumberSetting({ id, label, help, min, max, value, problem, onChange }: Props) {
  return (
    <div class="setting">
      <label for={id}>{label}</label>
      <input
        id={id}
        data-testid={id}
        type="number"
        min={min}
        max={max}
        step="1"
        value={value}
        aria-invalid={problem !== null}
        aria-describedby={`${id}-help`}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
      <span class="problem" role="alert">{problem === null ? '' : `The value ${problem}.`}</span>
      <p class="help" id={`${id}-help`}>{help}</p>
    </div>
  )
}
