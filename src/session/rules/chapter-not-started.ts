import { ADOBE_MEDIA_PROTOCOLS } from '../../protocols/adobe-media/event'
import { appliedToLiveSession } from './conditions'
import { ADOBE_DOCS } from './docs-links'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'chapter-not-started',
  severity: 'error',
  title: 'A chapter ended that was never started',
  why: 'chapterComplete and chapterSkip need an open chapter; without one Adobe has nothing to complete and the event is ignored.',
  fix: 'Send chapterStart at the beginning of every chapter.',
  docs: ADOBE_DOCS.chapters,
  protocols: ADOBE_MEDIA_PROTOCOLS,
  onEvent(transition) {
    const { before, event } = transition
    if ((event.type !== 'chapterComplete' && event.type !== 'chapterSkip') || before?.chapter !== null || !appliedToLiveSession(transition)) return null
    return { message: `${event.type} was sent with no chapter open (no chapterStart since the last one ended).` }
  },
}
export default rule
