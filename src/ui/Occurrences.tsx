/** How many events a repeated finding (one rule, one field and value, one session) stands for. */
export function Occurrences({ count }: { count: number }) {
  return (
    <span class="occurrences" data-testid="finding-count" title={`Seen on ${count} events of this session; the first is shown`} aria-label={`${count} times`}>
      ×{count}
    </span>
  )
}
