import { severest } from './conditions'
import { ADOBE_DOCS } from './docs-links'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'invalid-field-value',
  severity: 'error',
  title: 'A field has a value the vendor rejects or discourages',
  why:
    'The vendor validates each request against its schema: a wrong type (a string where a number belongs, ' +
    'a boolean sent as "false") makes it answer 400 and drop the event. Values outside the documented set ' +
    'are accepted but break reports (warning), or are merely unusual (info).',
  fix: 'Send each field with the type and values the schema documents; the message names the field and what it must be.',
  docs: ADOBE_DOCS.mediaEdgeEndpoints,
  docsByProtocol: { 'adobe-media-collection': ADOBE_DOCS.collectionValidation, 'adobe-heartbeat': ADOBE_DOCS.heartbeatParams },
  onEvent({ event }) {
    if (event.invalidFields.length === 0) return null
    const list = event.invalidFields.map((issue) => `${issue.path} ${issue.problem}`).join('; ')
    return { severity: severest(event.invalidFields.map((issue) => issue.severity)), message: `${event.type}: ${list}.` }
  },
}
export default rule
