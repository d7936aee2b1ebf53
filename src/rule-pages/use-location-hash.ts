import { useEffect, useState } from 'preact/hooks'
import { ruleIdFromHash } from './rule-groups'

/** The rule id in the page's hash, kept current as links and the user change it. */
export function useHashRuleId(): string {
  const [id, setId] = useState(() => ruleIdFromHash(location.hash))
  useEffect(() => {
    const onChange = () => setId(ruleIdFromHash(location.hash))
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return id
}
