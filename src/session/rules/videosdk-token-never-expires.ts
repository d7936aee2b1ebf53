import { readingOf } from '../../protocols/tracking-event'
import { VIDEOSDK_DOCS } from './docs-links'
import { tokenNeverExpires } from './videosdk/checks'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'videosdk-token-never-expires',
  severity: 'warning',
  title: 'VideoSDK token has no expiry',
  why:
    'A token without exp stays valid until the API secret is changed: anyone who copies it from a page, a log ' +
    "or a URL (the browser SDK puts it in the signalling socket's URL) can use it for ever. VideoSDK's own " +
    'examples always mint tokens with an expiry.',
  fix: "Set exp when minting (expiresIn: '120m' in VideoSDK's example), as short as the use allows.",
  docs: VIDEOSDK_DOCS.serverSetup,
  protocols: ['videosdk'],
  onEvent({ event }) {
    const reading = readingOf(event, 'videosdk')
    if (!reading || !tokenNeverExpires(reading)) return null
    return { message: `The token of ${event.type} has no exp claim: it stays valid until the API secret is changed.`, group: 'exp' }
  },
}
export default rule
