/**
 * Two sessions of one tab: A ended and then got a ping (event-after-session-end), B is still playing, has a
 * hostile content name and two lesser findings; plus a request that belongs to no session.
 */
import type { FakeData } from './fake-data-source'
import { event, finding, SCOPE, session, T0 } from './fake-data-source'

export const A = 'adobe-media-edge:sid-A'
export const B = 'adobe-media-edge:sid-B'
export const HOSTILE = '<img src=x onerror=alert(1)>'
export const AFTER_END = 'ping was sent for session "sid-A" after it ended with sessionEnd at 2026-01-15T02:00:20.005Z: the vendor drops it.'
export const B_WARNING = 'play arrived 30 s after the previous event.'

export function scenario(): FakeData {
  return {
    scope: {
      scope: SCOPE, kind: 'tab', tabId: 7, title: 'Player test page', url: 'http://127.0.0.1:9/player',
      createdAt: T0, updatedAt: T0, engine: { ids: [], windows: [], loose: { errors: 0, warnings: 0, infos: 1 } },
      counts: { errors: 1, warnings: 1, infos: 2 }, sessions: 2, nextExpiry: null, lastCapture: 9,
    },
    sessions: [
      session(A, { state: 'ended', summary: { name: 'Big Buck Bunny' }, events: 4, endedAt: T0 + 20_005, lastEventAt: T0 + 30_005, counts: { errors: 1, warnings: 0, infos: 0 } }),
      session(B, {
        startedAt: T0 + 40_000, lastEventAt: T0 + 40_000 + 3_723_000, summary: { name: HOSTILE }, events: 2,
        counts: { errors: 0, warnings: 1, infos: 1 },
        openFindings: [{ rule: 'session-expired-idle', severity: 'warning', message: B_WARNING, docs: 'javascript:alert(1)', sessionKey: B, at: null }],
      }),
    ],
    events: [
      event(A, 0, 1, 'sessionStart'),
      event(A, 1, 2, 'play'),
      event(A, 2, 3, 'sessionEnd'),
      event(A, 3, 4, 'ping', { details: { eventType: 'media.ping', note: '<script>alert(1)</script>' } }),
      event(B, 4, 1, 'sessionStart', { observedAt: T0 + 40_000 }),
      event(B, 5, 2, 'play', { observedAt: T0 + 45_000 }),
    ],
    findings: [
      finding(A, 3, { rule: 'event-after-session-end', severity: 'error', message: AFTER_END }),
      finding(B, 5, { rule: 'session-id-adopted', severity: 'info', message: 'The session ID was adopted.' }),
      finding('', 8, { rule: 'undecodable-request', severity: 'info', message: 'The body is not JSON.', ordinal: -1, at: { capture: 8, ordinal: null, frame: null } }),
    ],
  }
}
