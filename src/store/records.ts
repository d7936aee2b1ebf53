/** What the store holds. The service worker writes it; the panel and popup only read it (store/queries.ts). */
import type { CapturedRequest, WebSocketFrame } from '../protocols/captured-request'
import type { LifecycleRole, ProtocolId } from '../protocols/tracking-event'
import type { CaptureBeginning, WindowEntry } from '../session/engine'
import type { Counts, Finding } from '../session/finding'
import type { Session } from '../session/session'

/**
 * A capture log with its own sessions: a browser tab ('tab:12@<browser session>') or an imported file
 * ('import:…'). Tab ids restart with the browser, hence the browser session in tab scopes.
 */
export type Scope = string

export function tabScope(tabId: number, browserSession: string): Scope {
  return `tab:${tabId}@${browserSession}`
}

/**
 * The scope of requests of no tab (a site's service worker, a prefetch) that one origin initiated ('' when the
 * browser names none): 'tab:-1:https://example.com@<browser session>'. Each site's are kept apart, so two sites'
 * service workers never share a session. An origin holds no '@'.
 */
export function noTabScope(origin: string, browserSession: string): Scope {
  return `tab:-1:${origin}@${browserSession}`
}

/** How a capture was seen; both sources of one request merge into one capture. */
export type CaptureSource = 'webRequest' | 'fetch' | 'xhr' | 'beacon' | 'websocket' | 'har'

/** One request of the append-only capture log, enriched in place as its response arrives. */
export interface CaptureRecord extends CapturedRequest {
  scope: Scope
  sources: CaptureSource[]
  /** Joins later webRequest events (headers, status) to this capture. */
  webRequestId?: string
  /** Joins the page hook's later messages (response body) to this capture. */
  hookId?: string
  /** webRequest's resource type ('xmlhttprequest', 'ping' for beacons…). */
  resourceType?: string
  /** What the capture decoded to when last applied; an update that leaves it unchanged needs no replay. */
  signature?: string
  /** For imported captures: the entry index in the HAR file they came from. */
  entry?: number
  /**
   * How many of the socket's frames the store holds as records of their own (the `frames` store). A stored
   * record's `frames` is empty; reads put the frames back (store/frames.ts) and keep this, so the worker appends
   * only the frames after them.
   */
  storedFrames?: number
  /** What the capture lost at the worker's bounds, counted (`dropped` says it in words). */
  drops?: CaptureDrops
}

/** What one capture lost at the worker's bounds (background/drops.ts). */
export interface CaptureDrops {
  /** Frames not kept, their characters, and why. */
  frames: number
  frameChars: number
  causes: Array<'socket' | 'tab' | 'storage'>
  /** Why the request's bodies (or some of them) were not kept, if they were not. */
  bodies: Array<'tab' | 'storage'>
  /** Later requests of the tab not captured at all because the disk refused writes (counted on one capture of the tab). */
  requests: number
}

/** One WebSocket frame of a stored capture (`index`: its place in the capture's frames). */
export interface FrameRecord extends WebSocketFrame {
  scope: Scope
  capture: number
  index: number
}

/** One decoded event, in the order its session applied it (`position`, 1-based). */
export interface EventRecord {
  scope: Scope
  capture: number
  ordinal: number
  frame: number | null
  /** '' when the event belongs to no session (IndexedDB keys cannot hold null). */
  sessionKey: string
  position: number
  protocol: ProtocolId
  type: string
  role: LifecycleRole
  sessionId: string | null
  playhead: number | null
  clientTime: number | null
  observedAt: number
  urlAction?: string
  details: unknown
}

/** A finding pinned to a capture (ordinal -1: the capture as a whole) or an event. */
export interface FindingRecord extends Finding {
  scope: Scope
  capture: number
  ordinal: number
  index: number
  /** '' when the finding belongs to no session. */
  sessionKey: string
}

export interface SessionRecord extends Session {
  /** `${scope}|${key}` */
  id: string
  scope: Scope
}

/** The engine's resumable state for a scope, minus its sessions (stored one record each). */
export interface SerializedEngine {
  ids: Array<[string, string]>
  windows: Array<[string, WindowEntry[]]>
  loose: Counts
  /** Absent in records written before it existed. */
  began?: CaptureBeginning
}

export interface ScopeRecord {
  scope: Scope
  kind: 'tab' | 'import'
  tabId: number | null
  /** Page title and URL last seen for the tab, or the imported file's name. */
  title: string
  url: string
  createdAt: number
  updatedAt: number
  engine: SerializedEngine
  /** All findings of the scope, for the badge and lists. */
  counts: Counts
  sessions: number
  /** Earliest time a session of this scope may expire (for the expiry alarm); null if none can. */
  nextExpiry: number | null
  /** Highest capture seq applied to the engine. */
  lastCapture: number
  /** For imports: the moment the imported capture covers up to (its clock never moves on). */
  observedUntil?: number | null
  /** Set while the browser refuses writes (storage quota): the worker holds the scope's new captures in memory. */
  storageNotice?: StorageNotice
  /** Frames the tab's sockets took in, for the tab's capture limit (absent in records written before it existed). */
  frames?: FrameTally
  /** Characters of request and response bodies the tab's tracking captures keep, for the tab's capture limit. */
  bodyChars?: number
}

/** A number of WebSocket frames and their characters. */
export interface FrameTally {
  count: number
  chars: number
}

export interface StorageNotice {
  /** When the first write was refused (ms since epoch). */
  since: number
  /** Captured requests held in memory, waiting to be written. */
  held: number
}

export function sessionRecordId(scope: Scope, key: string): string {
  return `${scope}|${key}`
}
