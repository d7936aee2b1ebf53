import type { EventCore } from '../event-core'
import type { GameSparksReading } from './reading'

/**
 * `type`: the message's `@class` without its dot ('LogEventRequest'), 'CloudCodeCallback', or 'unknown'; a class
 * named like a media event keeps a `gs:` prefix, as reports have always shown it.
 * `reading`: worked out by the adapter over the whole socket, in order.
 */
export type GameSparksEvent = EventCore<'gamesparks', string> & { reading: GameSparksReading }
