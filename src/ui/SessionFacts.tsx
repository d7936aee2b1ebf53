/** A session's protocol-specific facts (room, participants, user, session duration…), as text. */
export function SessionFacts({ facts, compact = false }: { facts: Record<string, string> | undefined; compact?: boolean }) {
  const entries = Object.entries(facts ?? {})
  if (entries.length === 0) return null
  return (
    <dl class={compact ? 'session-facts session-facts-compact' : 'session-facts'} data-testid="session-facts">
      {entries.map(([label, value]) => (
        <div key={label} class="session-fact" data-fact={label}>
          <dt>{label}</dt>
          <dd title={value}>{value}</dd>
        </div>
      ))}
    </dl>
  )
}
