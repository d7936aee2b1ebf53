import type { EventCore } from '../event-core'
import type { VideoSdkReading } from './reading'

/** The operation a request performs, named as VideoSDK's own SDKs and docs name it. */
export type VideoSdkEventType =
  | 'connectSocket' | 'initConfig' | 'createRoom' | 'fetchRooms' | 'validateRoom' | 'deactivateRoom' | 'fetchRoom'
  | 'fetchSessions' | 'endSession' | 'removeParticipant' | 'fetchSession' | 'fetchActiveParticipants'
  | 'fetchParticipants' | 'fetchParticipant'

/** `reading`: the request's token, endpoint and room as the rules need them. */
export type VideoSdkEvent = EventCore<'videosdk', VideoSdkEventType> & { reading: VideoSdkReading }
