import { ADOBE_DOCS } from './docs-links'
import { expiryRule } from './expiry'

export default expiryRule('too-old', {
  id: 'session-too-old',
  title: 'Event sent for a session older than 24 hours',
  why:
    'Adobe answers events for sessions older than 24 hours with 404 ("If the session is longer than 24h, ' +
    'please start a new one"); their data is lost.',
  fix: 'Restart long-running sessions (24/7 live streams) well before they reach 24 hours.',
  docs: ADOBE_DOCS.longSessions,
})
