import type { EventCore } from '../event-core'
import type { OtherPayloadsAbsent } from '../tracking-event'
import type { GameSparksReading } from './reading'

export interface GameSparksPayload {
  /** Worked out by the adapter over the whole socket, in order. */
  gamesparks: GameSparksReading
}

/**
 * `type`: the message's `@class` without its dot ('LogEventRequest'), 'CloudCodeCallback', or 'unknown'. A class
 * named like a media event keeps a `gs:` prefix, as reports have always shown it.
 */
export type GameSparksEvent = EventCore<'gamesparks', string> & GameSparksPayload & OtherPayloadsAbsent<'gamesparks'>
