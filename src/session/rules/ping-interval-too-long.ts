import { sessionTimers } from '../../protocols'
import { pingTolerance } from '../settings'
import { appliedToLiveSession } from './conditions'
import { ADOBE_DOCS } from './docs-links'
import { durationText } from '../../protocols/time-text'
import type { Rule } from './rule'

/** Above this, an ad gap is late by every version of Adobe's docs. */
const AD_CADENCE_CEILING_MS = 10_000

const rule: Rule = {
  id: 'ping-interval-too-long',
  severity: 'warning',
  title: 'No event for longer than the ping interval',
  why:
    'While a session is open, the player must send a ping every 10 seconds (Web SDK: every mainPingInterval, ' +
    '10–50 s), paused or buffering included; during ads every adPingInterval. Adobe computes time spent and ' +
    'detects abandonment from these pings, so late pings skew the reports. Ad cadence: Adobe\'s older pages ' +
    'say 1 s, the current Media Collection docs (since 2024), the Edge examples and the Web SDK default say ' +
    '10 s. Sessionscope follows the current 10 s; with --ad-ping-interval below 10 s, ad gaps between that ' +
    'setting and 10 s are reported as information only.',
  fix: 'Keep a ping timer running from sessionStart until sessionComplete or sessionEnd, re-armed after every event.',
  docs: ADOBE_DOCS.pingCadence,
  docsByProtocol: { 'adobe-heartbeat': ADOBE_DOCS.heartbeatParams },
  onEvent(transition) {
    const { before, event, settings } = transition
    if (before === null || before.state !== 'active' || !sessionTimers(event.protocol).pings || !appliedToLiveSession(transition)) return null
    // By client clock from the latest moment already covered (an event that arrives out of order opens no
    // gap); by observed time when either side has no timestamp, rather than mixing the two clocks.
    const byClient = event.clientTime !== null && before.lastClientTime !== null && before.maxClientTime !== null
    const gap = byClient ? event.clientTime! - before.maxClientTime! : event.observedAt - before.lastEventAt
    if (before.adBreak) {
      const interval = settings.adPingIntervalMs
      const ceiling = Math.max(interval, AD_CADENCE_CEILING_MS)
      if (gap > ceiling + pingTolerance(ceiling)) {
        return { message: `${durationText(gap)} passed during an ad break without an event before this ${event.type} (ads must ping at least every ${durationText(ceiling)}).` }
      }
      if (gap > interval + pingTolerance(interval)) {
        return { severity: 'info', message: `${durationText(gap)} passed during an ad break before this ${event.type}; the configured ad ping interval is ${durationText(interval)}.` }
      }
      return null
    }
    const interval = settings.mainPingIntervalMs
    if (gap <= interval + pingTolerance(interval)) return null
    return { message: `${durationText(gap)} passed without an event before this ${event.type}; main content must ping every ${durationText(interval)}.` }
  },
}
export default rule
