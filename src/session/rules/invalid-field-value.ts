import { ADOBE_DOCS } from './docs-links'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'invalid-field-value',
  severity: 'error',
  title: 'A field has a value the vendor rejects or discourages',
  why:
    'The vendor validates each request against its schema: a wrong type (a string where a number belongs, ' +
    'a boolean sent as "false") makes it answer 400 and drop the event. Values outside the documented set ' +
    'that the vendor still accepts are information; where they break reports, a warning. A value a session ' +
    'sends again and again is one finding with every request it is on.',
  fix: 'Send each field with the type and values the schema documents; the message names the field and what it must be.',
  docs: ADOBE_DOCS.mediaEdgeEndpoints,
  docsByProtocol: {
    'adobe-media-collection': ADOBE_DOCS.collectionValidation,
    'adobe-heartbeat': ADOBE_DOCS.heartbeatParams,
    gamesparks: 'https://docs.gamesparks.com/api-documentation/request-api/',
  },
  onEvent({ event }) {
    if (event.invalidFields.length === 0) return null
    // One finding per field and value: the same value on every ping of a session is one finding, counted.
    return event.invalidFields.map((issue) => ({
      severity: issue.severity,
      message: `${event.type}: ${issue.path} ${issue.problem}.`,
      group: `${issue.path} ${issue.kind ?? issue.problem}`,
    }))
  },
}
export default rule
