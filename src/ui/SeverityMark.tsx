import type { Severity } from '../session/finding'

interface Props {
  severity: Severity
  /**
   * 'word': icon and word, so severity never depends on colour alone; 'icon': the icon alone, named for
   * screen readers; 'none': decoration next to text that already says the severity.
   */
  text?: 'word' | 'icon' | 'none'
}

export function SeverityMark({ severity, text = 'word' }: Props) {
  return (
    <span class={`severity severity-${severity}`} title={text === 'icon' ? severity : undefined}>
      <SeverityIcon severity={severity} label={text === 'icon' ? severity : undefined} />
      {text === 'word' && <span class="severity-word">{severity}</span>}
    </span>
  )
}

function SeverityIcon({ severity, label }: { severity: Severity; label: string | undefined }) {
  const a11y = label === undefined ? { 'aria-hidden': 'true' as const } : { role: 'img' as const, 'aria-label': label }
  return (
    <svg class="severity-icon" viewBox="0 0 16 16" width="12" height="12" {...a11y}>
      {severity === 'warning' ? (
        <>
          <path d="M8 1.5 15 14H1z" fill="currentColor" />
          <path d="M8 6v3.5M8 11.2v.6" stroke="var(--icon-glyph)" stroke-width="1.6" stroke-linecap="round" />
        </>
      ) : (
        <>
          <circle cx="8" cy="8" r="7" fill="currentColor" />
          {severity === 'error' ? (
            <path d="m5.5 5.5 5 5m0-5-5 5" stroke="var(--icon-glyph)" stroke-width="1.6" stroke-linecap="round" />
          ) : (
            <path d="M8 7.2V11.5M8 4.6v.6" stroke="var(--icon-glyph)" stroke-width="1.6" stroke-linecap="round" />
          )}
        </>
      )}
    </svg>
  )
}
