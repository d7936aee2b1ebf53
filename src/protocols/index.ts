/** The one registry of protocol adapters. Adding a protocol is one file and one line here. */
import type { Decoded, ProtocolAdapter } from './adapter'
import { NOTHING } from './adapter'
import { adobeHeartbeat } from './adobe-heartbeat'
import { adobeMediaCollection } from './adobe-media-collection'
import { adobeMediaEdge } from './adobe-media-edge'
import type { CapturedRequest } from './captured-request'
import type { ProtocolId } from './tracking-event'

export const adapters: readonly ProtocolAdapter[] = [adobeMediaEdge, adobeMediaCollection, adobeHeartbeat]

/** The adapter that claims a URL, if any. Never throws. */
export function adapterForUrl(url: string): ProtocolAdapter | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return undefined
  }
  return adapters.find((adapter) => adapter.matchesUrl(parsed))
}

/** Decodes a capture with the adapter that claims its URL. Pure; never throws. */
export function decodeCapture(capture: CapturedRequest): Decoded {
  // A CORS preflight asks permission for the request that follows; it is never a tracking event itself.
  if (capture.method === 'OPTIONS') return NOTHING
  const adapter = adapterForUrl(capture.url)
  if (!adapter) return NOTHING
  try {
    return adapter.decode(capture)
  } catch (error) {
    // Adapters are written not to throw; this keeps one adapter bug from losing a capture.
    const reason = `the ${adapter.label} decoder failed: ${error instanceof Error ? error.message : String(error)}`
    return { events: [], problems: [{ protocol: adapter.id, kind: 'malformed', capture: capture.seq, frame: null, reason }] }
  }
}

export function protocolLabel(id: ProtocolId): string {
  return adapters.find((adapter) => adapter.id === id)?.label ?? id
}

/** Every adapter's webRequest patterns. */
export function webRequestPatterns(): string[] {
  return [...new Set(adapters.flatMap((adapter) => adapter.webRequestPatterns))]
}
