import { ADOBE_MEDIA_PROTOCOLS } from '../../protocols/adobe-media/event'
import { ADOBE_DOCS } from './docs-links'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'params-on-ping',
  severity: 'warning',
  title: 'A ping carries parameters',
  why: 'Pings only keep the session alive and report the playhead; Adobe documents that they must not carry parameters (metadata, details), which it ignores or rejects.',
  fix: 'Send only the playhead (and QoE data) on pings; send metadata with sessionStart, adStart or chapterStart.',
  docs: ADOBE_DOCS.ping,
  protocols: ADOBE_MEDIA_PROTOCOLS,
  onEvent({ event }) {
    if (event.type !== 'ping' || !event.carriesParams) return null
    return { message: 'This ping carries parameters besides the playhead; pings must not.', group: 'params' }
  },
}
export default rule
