/**
 * What an Adobe media event (Media Edge, Media Collection, legacy heartbeats) carries beyond the common core: the
 * sub-states of a media session (ad breaks, ads, chapters, player states) that the session machine follows.
 */
import type { EventCore } from '../event-core'
import type { TrackingEvent } from '../tracking-event'

export type AdobeMediaProtocol = 'adobe-media-edge' | 'adobe-media-collection' | 'adobe-heartbeat'

/** Adobe's media protocols: their events speak the media vocabulary (playback, ad breaks, chapters, player states). */
export const ADOBE_MEDIA_PROTOCOLS: readonly AdobeMediaProtocol[] = Object.freeze(['adobe-media-edge', 'adobe-media-collection', 'adobe-heartbeat'])

/** An event of one of Adobe's media protocols, whose sessions have playback, ads, chapters and player states. */
export function isAdobeMedia(event: TrackingEvent): event is AdobeMediaEvent {
  // Asked of every event: comparing three ids is cheaper than hashing one.
  const { protocol } = event
  return protocol === 'adobe-media-edge' || protocol === 'adobe-media-collection' || protocol === 'adobe-heartbeat'
}

/** The event types of Adobe's media vocabulary that the session machine acts on. */
export type MediaEventType =
  | 'sessionStart' | 'play' | 'ping' | 'bitrateChange' | 'bufferStart' | 'pauseStart' | 'error' | 'sessionComplete'
  | 'sessionEnd' | 'adBreakStart' | 'adBreakComplete' | 'adStart' | 'adComplete' | 'adSkip' | 'chapterStart'
  | 'chapterComplete' | 'chapterSkip' | 'statesUpdate'

export interface AdobeMediaPayload {
  /** For URL-per-action APIs: the action named by the URL (e.g. `/va/v1/play` → 'play'). */
  urlAction?: string
  adBreak?: { index?: number; offset?: number; name?: string }
  ad?: { id?: string; name?: string; length?: number; podPosition?: number }
  chapter?: { index?: number; offset?: number; length?: number; name?: string }
  /** Player states this event starts and ends (statesUpdate, stateStart, stateEnd). */
  states?: { start: string[]; end: string[] }
  /** Which asset the event is about. Heartbeats report the ad's own playhead during ads. */
  asset?: 'main' | 'ad'
  /** Heartbeats send no ad-break events: an ad start opens its break and main content closes it. */
  implicitAdBreak?: boolean
  /** Custom metadata the event carries, as key and value. */
  customMetadata?: Array<{ key: string; value: unknown }>
  /** True when the event carries parameters beyond playhead, session ID and QoE (a ping must not). */
  carriesParams?: boolean
}

/**
 * `type`: a media event type, or what the vendor sent when it is none (typeKnown says whether the vendor defines
 * it; heartbeat names that collide with the media vocabulary arrive as `hb:…`). One member per protocol, so
 * narrowing on `protocol` works.
 */
export type AdobeMediaEvent<Protocol extends AdobeMediaProtocol = AdobeMediaProtocol> = Protocol extends AdobeMediaProtocol
  ? EventCore<Protocol, MediaEventType | (string & {})> & AdobeMediaPayload
  : never
