import type { ProtocolId } from '../protocols/tracking-event'

/**
 * Protocols whose backend reorders a session's events by client timestamp before applying them: the Media
 * Collection API buffers 5 s or 10 events, and the Media Edge API inherits its behaviour. No such reordering
 * is documented for legacy heartbeats or the non-Adobe protocols, so their events apply in arrival order.
 */
const REORDERING: ReadonlySet<ProtocolId> = new Set(['adobe-media-edge', 'adobe-media-collection'])

export function reordersByTimestamp(protocol: ProtocolId): boolean {
  return REORDERING.has(protocol)
}
