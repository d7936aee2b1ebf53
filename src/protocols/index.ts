/**
 * The one registry of protocol adapters. Adding a protocol is its folder and one line here: ProtocolId and the
 * TrackingEvent union are read off this list.
 */
import type { DecodeContext, Decoded, ProtocolAdapter, SessionEnding, SessionTimers } from './adapter'
import { NO_EXTRA_HOSTS, NOTHING, parseUrl } from './adapter'
import { adobeHeartbeat } from './adobe-heartbeat'
import { adobeMediaCollection } from './adobe-media-collection'
import { adobeMediaEdge } from './adobe-media-edge'
import type { CapturedRequest } from './captured-request'
import { limitProblems } from './capture-limits'
import { gamesparks } from './gamesparks'
import { videosdk } from './videosdk'

export const adapters = [adobeMediaEdge, adobeMediaCollection, adobeHeartbeat, gamesparks, videosdk] as const

/** The protocol ids, as the JSON report names them (other tools read them, so an id never changes): the registered adapters' ids. */
export type ProtocolId = (typeof adapters)[number]['id']

export const PROTOCOL_IDS: readonly ProtocolId[] = Object.freeze(adapters.map((adapter) => adapter.id))

// By id, for the session machine's questions on every event.
const byId = new Map<string, ProtocolAdapter>(adapters.map((adapter) => [adapter.id, adapter]))

// The session machine and its rules ask several times per event, nearly always about the protocol asked about
// last (a capture is mostly one protocol's traffic): comparing ids is cheaper than hashing one.
let lastAsked: ProtocolAdapter | undefined

/** The adapter of a protocol id. */
export function adapterOf(protocol: ProtocolId): ProtocolAdapter {
  if (lastAsked?.id === protocol) return lastAsked
  const adapter = byId.get(protocol)
  if (adapter === undefined) throw new Error(`no protocol adapter is registered as ${protocol}`)
  lastAsked = adapter
  return adapter
}

/** The session timers the protocol's backend runs. */
export function sessionTimers(protocol: ProtocolId): SessionTimers {
  return adapterOf(protocol).timers
}

/** True when the protocol's backend reorders a session's events by client timestamp before applying them. */
export function reordersByTimestamp(protocol: ProtocolId): boolean {
  return adapterOf(protocol).reordersByTimestamp
}

/** What the protocol's backend does with a second end, and with other events, once a session is closed. */
export function sessionEnding(protocol: ProtocolId): SessionEnding {
  return adapterOf(protocol).ending
}

/** Whether a text frame shows the protocol of a socket no adapter claims by URL (a GameSparks envelope). */
export function isTrackingFrame(text: string): boolean {
  return adapters.some((adapter) => adapter.matchesFrame?.(text) === true)
}

/** Extra hosts per protocol, as the user configured them. */
export type HostSettings = Partial<Readonly<Record<ProtocolId, readonly string[]>>>

export function contextFor(protocol: ProtocolId, hosts: HostSettings): DecodeContext {
  const list = hosts[protocol]
  return list && list.length > 0 ? { hosts: list } : NO_EXTRA_HOSTS
}

/** The adapter that claims a URL, if any. Never throws. */
export function adapterForUrl(url: string, hosts: HostSettings = {}): ProtocolAdapter | undefined {
  const parsed = parseUrl(url)
  return parsed === null ? undefined : adapterForParsedUrl(parsed, hosts)
}

function adapterForParsedUrl(url: URL, hosts: HostSettings): ProtocolAdapter | undefined {
  for (const adapter of adapters) if (adapter.matchesUrl(url, contextFor(adapter.id, hosts))) return adapter
  return undefined
}

interface UrlMatch {
  text: string
  hosts: HostSettings
  url: URL | null
  adapter: ProtocolAdapter | undefined
}

/**
 * The last URL parsed and the adapter that claimed it. A session sends most of its requests to one URL (every
 * ping), so it is not parsed and matched again. Adapters only read the URL they are given, so one parse serves
 * every capture of the same URL.
 */
let lastMatch: UrlMatch | undefined

function matchUrl(text: string, hosts: HostSettings): UrlMatch {
  if (lastMatch !== undefined && lastMatch.text === text && lastMatch.hosts === hosts) return lastMatch
  const url = parseUrl(text)
  lastMatch = { text, hosts, url, adapter: url === null ? undefined : adapterForParsedUrl(url, hosts) }
  return lastMatch
}

/** Decodes a capture with the adapter that claims its URL. Pure; never throws. */
export function decodeCapture(capture: CapturedRequest, hosts: HostSettings = {}): Decoded {
  // A CORS preflight asks permission for the request that follows; it is never a tracking event itself.
  if (capture.method === 'OPTIONS') return NOTHING
  // Parsed once, for matching and decoding alike.
  const { url, adapter: urlAdapter } = matchUrl(capture.url, hosts)
  const adapter: ProtocolAdapter | undefined = urlAdapter ?? adapters.find((candidate) => candidate.matchesCapture?.(capture))
  if (!adapter) return NOTHING
  try {
    const decoded = adapter.decode(capture, contextFor(adapter.id, hosts), url)
    const limits = limitProblems(capture, adapter.id)
    return limits.length === 0 ? decoded : { ...decoded, problems: [...decoded.problems, ...limits] }
  } catch (error) {
    // Adapters are written not to throw; this keeps one adapter bug from losing a capture.
    const reason = `the ${adapter.label} decoder failed: ${error instanceof Error ? error.message : String(error)}`
    return { events: [], problems: [{ protocol: adapter.id, kind: 'malformed', capture: capture.seq, frame: null, reason }] }
  }
}

export function protocolLabel(id: ProtocolId): string {
  return byId.get(id)?.label ?? id
}

/** Every adapter's webRequest patterns. */
export function webRequestPatterns(): string[] {
  return [...new Set(adapters.flatMap((adapter) => adapter.webRequestPatterns))]
}

/** Every adapter's patterns of requests whose response body a session needs. */
export function responseBodyPatterns(): string[] {
  return [...new Set(adapters.flatMap((adapter) => adapter.responseBodyPatterns ?? []))]
}
