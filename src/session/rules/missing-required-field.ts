import { ADOBE_DOCS } from './docs-links'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'missing-required-field',
  severity: 'error',
  title: 'A field the vendor requires is missing',
  why:
    'The Media Edge API validates every request against its OpenAPI schema and answers 400 when a required ' +
    'field is missing: the event is not recorded. A sessionStart without its session details gets no session ID.',
  fix: 'Send every field the endpoint requires; the message lists them with their path inside `xdm`.',
  docs: ADOBE_DOCS.mediaEdgeEndpoints,
  docsByProtocol: { gamesparks: 'https://docs.gamesparks.com/api-documentation/request-api/player/logeventrequest.html' },
  onEvent({ event }) {
    if (event.missingFields.length > 0) {
      return { message: `${event.type} lacks required ${plural(event.missingFields)}: ${event.missingFields.join(', ')}.`, group: `${event.type} ${event.missingFields.join(',')}` }
    }
    const lenient = event.missingDocumentedOptional ?? []
    if (lenient.length > 0) {
      return {
        severity: 'info',
        message:
          `${event.type} lacks ${lenient.join(', ')}. The schema requires it, but the vendor's own examples omit it ` +
          'and the request is accepted; send it to keep event order exact.',
        group: lenient.join(','),
      }
    }
    return null
  },
}

function plural(fields: readonly string[]): string {
  return fields.length === 1 ? 'field' : 'fields'
}
export default rule
