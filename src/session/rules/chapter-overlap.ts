import { ADOBE_MEDIA_PROTOCOLS } from '../../protocols/adobe-media/event'
import { appliedToLiveSession } from './conditions'
import { ADOBE_DOCS } from './docs-links'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'chapter-overlap',
  severity: 'error',
  title: 'A chapter started while another was still open',
  why: 'Chapters cannot overlap. A chapterStart while a chapter is open leaves the first chapter without an end, so its time is wrong.',
  fix: 'Send chapterComplete (or chapterSkip) before starting the next chapter.',
  docs: ADOBE_DOCS.chapters,
  protocols: ADOBE_MEDIA_PROTOCOLS,
  onEvent(transition) {
    const { before, event } = transition
    if (event.type !== 'chapterStart' || !before?.chapter || !appliedToLiveSession(transition)) return null
    const open = before.chapter.index === null ? 'a chapter' : `chapter ${before.chapter.index}`
    return { message: `chapterStart was sent while ${open} was still open; chapters cannot overlap.` }
  },
}
export default rule
