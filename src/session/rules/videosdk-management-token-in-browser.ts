import { readingOf } from '../../protocols/tracking-event'
import { VIDEOSDK_DOCS } from './docs-links'
import { managementRole } from './videosdk/checks'
import type { Rule } from './rule'

const BECAUSE = { origin: 'it has an Origin header', referer: 'it has a Referer header', 'browser-tab': 'it was captured in a browser tab' } as const

const rule: Rule = {
  id: 'videosdk-management-token-in-browser',
  severity: 'warning',
  title: 'VideoSDK management token used from a web page',
  why:
    'A crawler token, or a version 2 token without roles, reaches the whole REST API: it creates and deactivates ' +
    'rooms, ends sessions and removes participants in every room of the account. VideoSDK means the REST API ' +
    'to be called from your server; a token a page sends can be read by anyone who opens the page.',
  fix:
    'Call the REST API from your back end and keep management tokens there. Give the browser a participant ' +
    'token: roles ["rtc"], scoped with roomId and participantId, with a short expiry.',
  docs: VIDEOSDK_DOCS.roomManagement,
  protocols: ['videosdk'],
  onEvent({ event }) {
    const reading = readingOf(event, 'videosdk')
    if (!reading || reading.fromPage === null) return null
    const role = managementRole(reading)
    if (role === null) return null
    return {
      message:
        `${event.type} was sent from a web page (${BECAUSE[reading.fromPage]}) with a management token (${role}): ` +
        'anyone who opens the page can take it and manage every room of the account.',
      group: role,
    }
  },
}
export default rule
