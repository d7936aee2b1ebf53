/**
 * Host patterns people write in settings and flags: `api.example.com`, `*.example.com` (any subdomain, not the
 * domain itself), `127.0.0.1:8443` (that port only). Case-insensitive; a pattern without a port matches any port.
 */
export function hostMatches(url: URL, patterns: readonly string[]): boolean {
  const host = url.hostname.toLowerCase()
  const port = url.port
  return patterns.some((raw) => {
    const pattern = raw.trim().toLowerCase()
    if (pattern === '') return false
    const colon = pattern.lastIndexOf(':')
    const [name, wantedPort] = colon > 0 && !pattern.endsWith(']') ? [pattern.slice(0, colon), pattern.slice(colon + 1)] : [pattern, '']
    if (wantedPort !== '' && wantedPort !== '*' && wantedPort !== port) return false
    return name.startsWith('*.') ? host.endsWith(name.slice(1)) && host.length > name.length - 1 : host === name
  })
}

/** Why a host pattern cannot be used, or null when it can. */
export function hostPatternProblem(pattern: string): string | null {
  if (!/^(\*\.)?[a-z0-9.-]+(:(\d{1,5}|\*))?$/i.test(pattern.trim())) return `"${pattern}" is not a host (examples: api.example.com, *.example.com, 127.0.0.1:8443)`
  return null
}
