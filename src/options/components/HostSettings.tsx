import { adapters } from '../../protocols'
import type { SectionProps } from './options-form'

export function HostSettings({ form, problems, onChange }: SectionProps) {
  return (
    <>
      <h2>Where the traffic goes</h2>
      <p class="lead">
        Sessionscope knows each vendor's own hosts and paths. Add the hosts where a protocol's traffic also goes: a proxy,
        a self-hosted server, a test stand-in. One per line: <code>api.example.com</code>, <code>*.example.com</code>,{' '}
        <code>127.0.0.1:8443</code>.
      </p>
      {adapters.map(({ id, label }) => (
        <div class="setting setting-hosts" key={id}>
          <label for={`hosts-${id}`}>{label}</label>
          <textarea
            id={`hosts-${id}`}
            data-testid={`hosts-${id}`}
            rows={2}
            spellcheck={false}
            value={form.hosts[id]}
            aria-invalid={problems[id] !== null}
            onChange={(event) => onChange({ ...form, hosts: { ...form.hosts, [id]: (event.currentTarget).value } })}
          />
          <span class="problem" role="alert">{problems[id] ?? ''}</span>
        </div>
      ))}
    </>
  )
}
