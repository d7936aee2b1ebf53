import { ADOBE_MEDIA_PROTOCOLS } from '../../protocols/adobe-media/event'
import { appliedToLiveSession } from './conditions'
import { ADOBE_DOCS } from './docs-links'
import { endsSeek } from '../session'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'playhead-moved-during-ad-break',
  severity: 'warning',
  title: 'The main-content playhead moved during an ad break',
  why:
    'During an ad break the playhead must stay at the main-content position where the break began (Adobe\'s ' +
    'Edge examples hold it at 15 through the whole break). A moving playhead usually means the player reports ' +
    "the ad's own position, which Adobe then counts as main-content progress. A seek (pauseStart, then play at " +
    'another position) moves it as the viewer did, and is not reported.',
  fix: 'Keep reporting the main-content position, unchanged, from adBreakStart to adBreakComplete.',
  docs: ADOBE_DOCS.ads,
  protocols: ADOBE_MEDIA_PROTOCOLS,
  onEvent(transition) {
    const { before, event } = transition
    const playhead = event.asset === 'ad' ? null : event.playhead
    const adBreak = before?.adBreak
    if (!adBreak || adBreak.playheadMoved || adBreak.playhead === null || playhead === null || event.type === 'adBreakStart' || endsSeek(before, event)) return null
    if (playhead === adBreak.playhead || !appliedToLiveSession(transition)) return null
    return { message: `${event.type} moved the playhead from ${adBreak.playhead} to ${playhead} inside an ad break (reported once per break).` }
  },
}
export default rule
