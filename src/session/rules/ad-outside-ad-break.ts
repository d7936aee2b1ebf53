import { ADOBE_MEDIA_PROTOCOLS } from '../../protocols/adobe-media/event'
import { appliedToLiveSession } from './conditions'
import { ADOBE_DOCS } from './docs-links'
import type { Rule } from './rule'

const AD_EVENTS = new Set(['adStart', 'adComplete', 'adSkip'])

const rule: Rule = {
  id: 'ad-outside-ad-break',
  severity: 'error',
  title: 'Ad event outside an ad break, or an ad ended that never started',
  why:
    'Ads exist only inside an adBreakStart…adBreakComplete pair. Adobe ignores adStart outside a break (the ' +
    "ad's time is then counted as main content), and adComplete or adSkip without an open ad.",
  fix: 'Send adBreakStart before the first ad of a break, adComplete or adSkip after each ad, and adBreakComplete after the last one.',
  docs: ADOBE_DOCS.ads,
  protocols: ADOBE_MEDIA_PROTOCOLS,
  onEvent(transition) {
    const { before, event } = transition
    if (!AD_EVENTS.has(event.type) || !appliedToLiveSession(transition) || before === null) return null
    if (!before.adBreak && !(event.type === 'adStart' && event.implicitAdBreak)) {
      return { message: `${event.type} was sent outside an ad break: there is no open adBreakStart, so Adobe ignores it.` }
    }
    if (event.type !== 'adStart' && !before.ad) {
      return { message: `${event.type} was sent with no ad open in the break (no adStart since the last adComplete or adSkip).` }
    }
    return null
  },
}
export default rule
