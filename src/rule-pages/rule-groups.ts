/**
 * The rule page's sections: rules grouped by the protocol they belong to. Pure.
 * A rule belongs to a protocol when its id starts with that protocol's id (`gamesparks-…`, `videosdk-…`);
 * every other rule is a session rule shared by the protocols that own no rules of their own (Adobe's).
 */
import type { ProtocolId } from '../protocols/tracking-event'
import { PROTOCOL_IDS } from '../protocols'
import type { Rule } from '../session/rules/rule'

export interface RuleGroup {
  /** 'shared', or the protocol id that prefixes the group's rule ids. */
  readonly key: string
  readonly title: string
  readonly rules: readonly Rule[]
}

export function protocolOfRule(rule: Rule, protocols: readonly ProtocolId[] = PROTOCOL_IDS): ProtocolId | undefined {
  return protocols.find((protocol) => rule.id.startsWith(`${protocol}-`))
}

/** Shared rules first, then one group per protocol in registry order; empty groups are left out. */
export function groupRules(rules: readonly Rule[], label: (protocol: ProtocolId) => string, protocols: readonly ProtocolId[] = PROTOCOL_IDS): RuleGroup[] {
  const owners = new Set(rules.map((rule) => protocolOfRule(rule, protocols)).filter((owner) => owner !== undefined))
  const sharedBy = protocols.filter((protocol) => !owners.has(protocol)).map(label)
  const shared: RuleGroup = {
    key: 'shared',
    title: sharedBy.length > 0 ? `${sharedBy.join(', ')} and shared session rules` : 'Shared session rules',
    rules: rules.filter((rule) => protocolOfRule(rule, protocols) === undefined),
  }
  const own = protocols.map((protocol) => ({ key: protocol, title: label(protocol), rules: rules.filter((rule) => protocolOfRule(rule, protocols) === protocol) }))
  return [shared, ...own].filter((group) => group.rules.length > 0)
}

/** Whether a rule matches a search: every word of the query appears in its id, title, why or fix. */
export function ruleMatches(rule: Rule, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const text = [rule.id, rule.title, rule.why, rule.fix].join('\n').toLowerCase()
  return words.every((word) => text.includes(word))
}

/** The rule id a location hash names (`#event-after-session-end`), or '' for none. */
export function ruleIdFromHash(hash: string): string {
  const raw = hash.replace(/^#/, '')
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}
