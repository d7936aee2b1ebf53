import { readingOf } from '../../protocols/tracking-event'
import { VIDEOSDK_DOCS } from './docs-links'
import { roomProblem } from './videosdk/checks'
import type { Rule } from './rule'

const rule: Rule = {
  id: 'videosdk-missing-room-id',
  severity: 'error',
  title: 'VideoSDK room operation names no room',
  why:
    'Ending a session, removing a participant, deactivating a room and joining a meeting each act on one room, ' +
    'named by roomId (meetingId in the server SDK). Without it VideoSDK cannot tell which room is meant and ' +
    'refuses the request; deactivate also refuses a customRoomId (402).',
  fix: 'Send the room\'s roomId in the JSON body, e.g. {"roomId": "abcd-efgh-lmno"} (in the socket URL for the signalling socket).',
  docs: VIDEOSDK_DOCS.endSession,
  protocols: ['videosdk'],
  onEvent({ event }) {
    const reading = readingOf(event, 'videosdk')
    const problem = reading ? roomProblem(reading) : null
    if (problem === null) return null
    return { message: `${event.type} names no room: ${problem}.` }
  },
}
export default rule
