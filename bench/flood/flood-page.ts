/**
 * What runs inside the measured pages. Serialized by Playwright, so self-contained: no imports, no closures.
 */

export interface Flood {
  /** A WebSocket URL; any host: the page hook follows a socket whose first frames carry `"@class"`. */
  url: string
  frames: number
  /** Characters per frame (ASCII, so bytes too). */
  frameChars: number
}

export interface FloodTimes {
  /** Date.now() when the first frame was sent, and when the browser had handed the last to the network. */
  firstAt: number
  sentAt: number
}

/**
 * Opens a socket and sends `frames` GameSparks-shaped frames as fast as the page can, each padded to `frameChars`:
 * what a hostile page does to stall the extension. Resolves once the socket's send buffer is empty.
 */
export async function flood({ url, frames, frameChars }: Flood): Promise<FloodTimes> {
  const socket = new WebSocket(url)
  await new Promise<void>((open, fail) => {
    socket.onopen = () => open()
    socket.onerror = () => fail(new Error(`the socket to ${url} failed`))
  })
  const frame = (i: number): string => {
    const head = JSON.stringify({ '@class': '.LogEventRequest', eventKey: 'FLOOD', requestId: `flood_${i}`, padding: '' })
    return head.replace('"padding":""', `"padding":"${'x'.repeat(Math.max(0, frameChars - head.length))}"`)
  }
  const firstAt = Date.now()
  for (let i = 0; i < frames; i++) socket.send(frame(i))
  while (socket.bufferedAmount > 0) await new Promise((wait) => setTimeout(wait, 10))
  // The socket stays open (kept on window), as a page's would.
  ;(window as unknown as { floodSocket: WebSocket }).floodSocket = socket
  return { firstAt, sentAt: Date.now() }
}

export interface Pings {
  /** The stand-in Edge origin. */
  origin: string
  count: number
  everyMs: number
}

/**
 * A Media Edge session in the other tab: sessionStart (awaited, for its session ID), then `count` pings `everyMs`
 * apart, each awaited. Returns when each left the page (Date.now()), sessionStart first.
 */
export async function pings({ origin, count, everyMs }: Pings): Promise<number[]> {
  const url = (action: string): string => `${origin}/ee/va/v1/${action}?configId=flood`
  const body = (type: string, playhead: number, sessionId: string | null): string => {
    const mediaCollection: Record<string, unknown> = { playhead }
    if (sessionId === null) mediaCollection.sessionDetails = { name: 'flood', friendlyName: 'flood', playerName: 'bench', contentType: 'VOD', length: 3600, channel: 'bench', streamType: 'video' }
    else mediaCollection.sessionID = sessionId
    return JSON.stringify({ events: [{ xdm: { eventType: `media.${type}`, timestamp: new Date().toISOString(), mediaCollection } }] })
  }
  const sent = [Date.now()]
  const started = await fetch(url('sessionStart'), { method: 'POST', body: body('sessionStart', 0, null) })
  const json = (await started.json()) as { handle: Array<{ type: string; payload: Array<{ sessionId: string }> }> }
  const sessionId = json.handle.find((h) => h.type === 'media-analytics:new-session')!.payload[0]!.sessionId
  for (let i = 1; i <= count; i++) {
    const due = sent[0]! + i * everyMs
    if (Date.now() < due) await new Promise((wait) => setTimeout(wait, due - Date.now()))
    sent.push(Date.now())
    await (await fetch(url('ping'), { method: 'POST', body: body('ping', i, sessionId) })).arrayBuffer()
  }
  return sent
}
