import type { SectionProps } from './options-form'

const REDACTION_CHECKS: Array<{ name: 'showSecretsByDefault' | 'includeSecretsInExports' | 'keepSecretsOnDisk'; label: string; help: string }> = [
  {
    name: 'showSecretsByDefault',
    label: 'Show secrets in event details',
    help: 'Event details start with credentials, cookies and token signatures visible. Off by default, so a screen share shows none.',
  },
  {
    name: 'includeSecretsInExports',
    label: 'Include secrets in exports',
    help: 'Exports start with "Include secrets" ticked. Off by default: an export is usually shared.',
  },
  {
    name: 'keepSecretsOnDisk',
    label: 'Keep secrets on disk',
    help: 'The store keeps requests as they were sent, for 7 days or what retention says. Off by default: the store holds them with secrets removed, and the real values stay in memory only while the tab is open (for "Show secrets" and "Include secrets" there). Turning it off removes the secrets already stored.',
  },
]

export function RedactionSettings({ form, problems, onChange }: SectionProps) {
  return (
    <>
      <h2>Redaction</h2>
      <p class="lead">
        Credentials, cookies, token signatures and secret-named fields are hidden in event details and removed from exports unless
        you ask for them.
      </p>
      {REDACTION_CHECKS.map(({ name, label, help }) => (
        <div class="setting setting-check" key={name}>
          <input
            id={`redaction-${name}`}
            data-testid={`redaction-${name}`}
            type="checkbox"
            checked={form[name]}
            aria-describedby={`redaction-${name}-help`}
            onChange={(event) => onChange({ ...form, [name]: (event.currentTarget).checked })}
          />
          <label for={`redaction-${name}`}>{label}</label>
          <p class="help" id={`redaction-${name}-help`}>{help}</p>
        </div>
      ))}
      <div class="setting setting-hosts">
        <label for="redaction-extraSecretNames">More secret names</label>
        <textarea
          id="redaction-extraSecretNames"
          data-testid="redaction-extraSecretNames"
          rows={3}
          spellcheck={false}
          value={form.extraSecretNames}
          aria-invalid={problems.extraSecretNames !== null}
          aria-describedby="redaction-extraSecretNames-help"
          onChange={(event) => onChange({ ...form, extraSecretNames: (event.currentTarget).value })}
        />
        <span class="problem" role="alert">{problems.extraSecretNames ?? ''}</span>
        <p class="help" id="redaction-extraSecretNames-help">
          Header, query parameter, form and JSON field names whose values are secrets too, one per line (any case), e.g.{' '}
          <code>x-session-key</code> or <code>deviceToken</code>. Their values are replaced whole.
        </p>
      </div>
    </>
  )
}
