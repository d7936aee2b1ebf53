/**
 * What the VideoSDK adapter works out about each request, for the VideoSDK rules: the endpoint, the token as
 * sent (read, never verified), how the body was sent, the room it names and where the request came from.
 * Readings only: the rules judge them. Plain data.
 */
import type { JwtReading } from './jwt'

/**
 * The operations Sessionscope knows. REST v2 (`/v2/rooms…`, `/v2/sessions…`) is for servers; the browser SDK
 * joins a meeting with `init-config` and then the signalling socket.
 */
export type VideoSdkEndpoint =
  | 'create-room'
  | 'list-rooms'
  | 'get-room'
  | 'validate-room'
  | 'deactivate-room'
  | 'list-sessions'
  | 'get-session'
  | 'end-session'
  | 'remove-participant'
  | 'list-participants'
  | 'get-participant'
  | 'init-config'
  | 'signalling-socket'

/** The token a request carried: the `Authorization` header (REST, init-config) or the socket URL's `secret`. */
export type VideoSdkToken =
  | { carrier: 'authorization' | 'secret'; state: 'missing' }
  | { carrier: 'authorization' | 'secret'; state: 'empty' }
  /** The capture recorded no request headers at all, so whether Authorization was sent is unknown. */
  | { carrier: 'authorization'; state: 'not-visible' }
  | {
      carrier: 'authorization' | 'secret'
      state: 'sent'
      /** The scheme written before the token ("Bearer", "basic"…), or null: VideoSDK wants the bare token. */
      scheme: string | null
      /** The token after any scheme, read without its signature, or why it is not a JWT. */
      jwt: JwtReading
    }

/** Where a request names its room: a body field (or the socket URL's `roomId`), or the URL path (validate). */
export type RoomField = 'roomId' | 'meetingId' | 'customRoomId' | 'path'

export interface VideoSdkReading {
  endpoint: VideoSdkEndpoint
  /** GETs only read state: reading a room or its sessions is harmless at any time. */
  readOnly: boolean
  token: VideoSdkToken
  /** When the request was observed (ms since the epoch): the token must still be valid then. */
  requestTime: number
  /** The request's Content-Type (header, else the capture's body MIME type), or null when none was sent. */
  contentType: string | null
  /**
   * The request body: 'json' (a JSON object), 'not-json', 'none', or 'not-visible' (truncated, or the capture
   * says a body was sent but could not see it).
   */
  body: 'json' | 'not-json' | 'none' | 'not-visible'
  /** The room the request itself names (not the response), and the field it came in; null when it names none. */
  requestRoom: { id: string; field: RoomField } | null
  /** Why the request counts as sent from a web page: an Origin or Referer header, or a live capture in a browser tab. */
  fromPage: 'origin' | 'referer' | 'browser-tab' | null
  /**
   * A read (get or list sessions) whose response shows the room's session ended: the event has role 'end' so the
   * session closes, but it observes an end rather than asking for one, so it is never a second end.
   */
  observedEnd: boolean
  /** VideoSDK's own session ID (not the room), from the request or the response, when known. */
  vendorSessionId: string | null
}

/** REST v2 endpoints are for servers with a management token; the join endpoints are the browser SDK's. */
export function isJoinEndpoint(endpoint: VideoSdkEndpoint): boolean {
  return endpoint === 'init-config' || endpoint === 'signalling-socket'
}
