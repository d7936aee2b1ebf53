import { adapterOf } from '../../protocols'
import { ADOBE_DOCS } from './docs-links'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'unknown-event-type',
  severity: 'error',
  title: 'An event type the vendor does not define',
  why:
    'The Media Edge and Media Collection APIs accept a fixed set of event types. Names such as pause, resume, ' +
    'bufferComplete or seekStart do not exist on the wire (seeking is pauseStart then play; buffering ends with ' +
    'play), and such requests are rejected. For legacy heartbeats the list is not authoritative, so an unknown ' +
    'type is a warning there.',
  fix: 'Map player events onto the documented event types.',
  docs: ADOBE_DOCS.collectionEvents,
  docsByProtocol: { 'adobe-heartbeat': ADOBE_DOCS.heartbeatParams, gamesparks: 'https://api.gamesparks.net/' },
  onEvent({ event }) {
    if (event.typeKnown) return null
    return {
      severity: adapterOf(event.protocol).unknownTypes === 'rejected' ? 'error' : 'warning',
      message: `"${event.type}" is not an event type the vendor defines.`,
      group: event.type,
    }
  },
}
export default rule
