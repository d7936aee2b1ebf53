import type { ProtocolId } from '../protocols/tracking-event'

/**
 * Protocols whose backend documents no session timers. Adobe expects a ping every 10 s while a session is open
 * and closes it after 10 minutes without events, 30 minutes without playhead movement or 24 hours; GameSparks
 * has none of that (a game session may sit quiet for an hour, and it has no playhead), so its sessions neither
 * need pings nor expire: they end when ended.
 */
// VideoSDK: a room's session lasts while participants are in it and ends when ended; no timer closes it.
const UNTIMED: ReadonlySet<ProtocolId> = new Set(['gamesparks', 'videosdk'])

/** True when the session machine applies pings and expiry to the protocol's sessions. Pure. */
export function hasSessionTimers(protocol: ProtocolId): boolean {
  return !UNTIMED.has(protocol)
}
