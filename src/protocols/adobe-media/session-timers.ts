import type { SessionEnding, SessionTimers } from '../adapter'

/**
 * Adobe's media backends (Media Edge, Media Collection, legacy heartbeats) expect a ping every 10 s while a
 * session is open and close it after 10 minutes without events, 30 minutes without playhead movement or 24 hours.
 */
export const ADOBE_SESSION_TIMERS: SessionTimers = Object.freeze({ pings: true, expires: true })

/**
 * Adobe documents a repeated sessionEnd as safe (the backend closes the session on the first and drops the rest),
 * and drops everything sent with the session's ID after its end or expiry.
 */
export const ADOBE_SESSION_ENDING: SessionEnding = Object.freeze({ repeatedEnd: 'dropped', laterEvents: 'dropped' })
