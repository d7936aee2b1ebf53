/**
 * What one page can make the worker hold, and the count of what was dropped at those bounds. A bound that is hit
 * never loses data silently: the capture that lost something says what and how much in `dropped`, which the
 * engine reports as the capture-dropped finding.
 */
import { MAX_SOCKET_CHARS } from '../shared/hook-messages'
import type { CaptureDrops, CaptureRecord, FrameTally } from '../store/records'

const MIB = 2 ** 20

/** The bounds; tests lower them to reach them. Sizes count characters of frame data, bodies and so on as stored. */
export interface CaptureBounds {
  /** Frames kept per WebSocket, and their characters. */
  socketFrames: number
  socketChars: number
  /** Frames kept per tab over all its sockets, and their characters. */
  tabFrames: number
  tabChars: number
  /** Characters of request and response bodies kept per tab, over all its tracking requests. */
  tabBodyChars: number
  /** While the disk refuses writes: bodies and frames taken in since, with `heldPerCapture` for each new capture. */
  heldChars: number
}

/**
 * A GameSparks session sends a frame every few seconds, of a few hundred characters: 20,000 frames last 11 hours
 * at one frame every 2 s, and come to about 4 MiB. A tab keeps five such sockets (a game that reconnects). A Media
 * Edge session pings every 10 s with bodies under 1 KiB: a day of it is 9,000 requests and about 8 MiB.
 */
export const CAPTURE_BOUNDS: CaptureBounds = {
  socketFrames: 20_000,
  socketChars: MAX_SOCKET_CHARS,
  tabFrames: 100_000,
  tabChars: 32 * MIB,
  tabBodyChars: 64 * MIB,
  heldChars: 32 * MIB,
}

/** What a new capture costs in memory besides its bodies (URL, headers, bookkeeping), for the held bound. */
export const HELD_PER_CAPTURE = 1024

export type DropCause = CaptureDrops['causes'][number]

export function noDrops(): CaptureDrops {
  return { frames: 0, frameChars: 0, causes: [], bodies: [], requests: 0 }
}

/** Counts a frame of `chars` characters dropped for `cause`. */
export function dropFrame(drops: CaptureDrops, cause: DropCause, chars: number): void {
  drops.frames++
  drops.frameChars += chars
  if (!drops.causes.includes(cause)) drops.causes.push(cause)
}

/** Why a frame of `chars` characters cannot be kept on a socket that holds `kept` frames of `keptChars`; null when it can. */
export function frameRefusal(bounds: CaptureBounds, tab: FrameTally, kept: number, keptChars: number, chars: number): DropCause | null {
  if (kept >= bounds.socketFrames || keptChars + chars > bounds.socketChars) return 'socket'
  if (tab.count >= bounds.tabFrames || tab.chars + chars > bounds.tabChars) return 'tab'
  return null
}

/** The characters of a capture's request and response bodies. */
export function bodyChars(capture: CaptureRecord): number {
  return (capture.requestBody?.text.length ?? 0) + (capture.response?.body?.text.length ?? 0)
}

/** The characters of a capture's frame data, from frame `from` on. */
export function frameChars(capture: CaptureRecord, from = 0): number {
  let chars = 0
  const frames = capture.frames ?? []
  for (let i = from; i < frames.length; i++) chars += frames[i]!.data.length
  return chars
}

/** `dropped` for a capture with these drops, or undefined when nothing was dropped. */
export function droppedText(drops: CaptureDrops, bounds: CaptureBounds): string | undefined {
  const parts: string[] = []
  if (drops.frames > 0) {
    const why = drops.causes.map((cause) => CAUSE[cause](bounds)).join(', and ')
    parts.push(`${count(drops.frames, 'later frame')} (${size(drops.frameChars)}) of this socket ${drops.frames === 1 ? 'was' : 'were'} dropped: ${why}`)
  }
  if (drops.bodies.length > 0) parts.push(`this request's bodies were dropped: ${drops.bodies.map((cause) => BODY_CAUSE[cause](bounds)).join(', and ')}`)
  if (drops.requests > 0) parts.push(`${count(drops.requests, 'later request')} of this tab ${drops.requests === 1 ? 'was' : 'were'} not captured: ${CAUSE.storage(bounds)}`)
  return parts.length === 0 ? undefined : parts.join('; ')
}

const CAUSE: Record<DropCause, (bounds: CaptureBounds) => string> = {
  socket: (b) => `the socket reached its capture limit of ${thousands(b.socketFrames)} frames or ${size(b.socketChars)}`,
  tab: (b) => `the tab's sockets reached their capture limit of ${thousands(b.tabFrames)} frames or ${size(b.tabChars)}`,
  storage: (b) => `the disk refused writes while ${size(b.heldChars)} waited in memory to be written`,
}

const BODY_CAUSE: Record<CaptureDrops['bodies'][number], (bounds: CaptureBounds) => string> = {
  tab: (b) => `the tab's requests reached their capture limit of ${size(b.tabBodyChars)} of bodies`,
  storage: CAUSE.storage,
}

function count(n: number, one: string): string {
  return `${thousands(n)} ${n === 1 ? one : `${one}s`}`
}

/** 20000 → "20,000". Not toLocaleString: its first call in a worker loads the locale data, a tenth of a second. */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** Characters for people: 8 MiB, 1.5 KiB. */
function size(chars: number): string {
  if (chars >= MIB) return `${Number.isInteger(chars / MIB) ? chars / MIB : (chars / MIB).toFixed(1)} MiB`
  if (chars >= 1024) return `${(chars / 1024).toFixed(1)} KiB`
  return `${chars} characters`
}
