import { ADOBE_MEDIA_PROTOCOLS } from '../../protocols/adobe-media/event'
import { appliedToLiveSession } from './conditions'
import { ADOBE_DOCS } from './docs-links'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'ad-break-not-closed',
  severity: 'error',
  title: 'An ad break was never closed with adBreakComplete',
  why:
    'An ad break open at sessionComplete means the ad time of the break is wrong in the reports. Ending the ' +
    'session inside a break is normal when the viewer leaves during an ad (Adobe Timeline 2 does exactly that), ' +
    'and a new adBreakStart inside an open break means the previous break was never closed.',
  fix: 'Send adBreakComplete after the last ad of every break, before sessionComplete and before the next adBreakStart.',
  docs: ADOBE_DOCS.ads,
  protocols: ADOBE_MEDIA_PROTOCOLS,
  onEvent(transition) {
    const { before, event } = transition
    if (!before?.adBreak || before.adBreak.implicit || !appliedToLiveSession(transition)) return null
    if (event.type === 'sessionComplete') return { message: 'sessionComplete was sent while an ad break was still open: the break never got adBreakComplete.' }
    if (event.type === 'sessionEnd') return { severity: 'info', message: 'The session ended inside an open ad break (the viewer left during the ads).' }
    if (event.type === 'adBreakStart') return { severity: 'warning', message: 'adBreakStart was sent while the previous ad break was still open: it never got adBreakComplete.' }
    return null
  },
}
export default rule
