import { ADOBE_MEDIA_PROTOCOLS } from '../../protocols/adobe-media/event'
import { appliedToLiveSession } from './conditions'
import { ADOBE_DOCS } from './docs-links'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'ad-overlap',
  severity: 'warning',
  title: 'An ad started while the previous ad was still open',
  why: 'Each ad must end with adComplete or adSkip before the next adStart, or the durations of both ads are wrong.',
  fix: 'Send adComplete (or adSkip) for every ad before starting the next one.',
  docs: ADOBE_DOCS.ads,
  protocols: ADOBE_MEDIA_PROTOCOLS,
  onEvent(transition) {
    const { before, event } = transition
    // Heartbeats never send a complete for a skipped ad: the next ad start closes it.
    if (event.type !== 'adStart' || event.implicitAdBreak || !before?.ad || !appliedToLiveSession(transition)) return null
    const previous = before.ad.id === null ? 'the previous ad' : `ad "${before.ad.id}"`
    return { message: `adStart was sent while ${previous} was still open; it never got adComplete or adSkip.` }
  },
}
export default rule
