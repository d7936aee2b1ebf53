/** A count of errors or warnings; zero is quiet, anything else stands out. */
export function Count({ value, kind, testId }: { value: number; kind: 'errors' | 'warnings'; testId?: string }) {
  return (
    <span class={`count count-${kind}${value === 0 ? ' count-zero' : ''}`} data-testid={testId}>
      {value}
    </span>
  )
}
