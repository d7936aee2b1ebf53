/**
 * What runs inside the measured page. Serialized by Playwright, so self-contained: no imports, no closures.
 */

export interface Burst {
  /** Edge origins (`http://eN.ingest.test`), used in turn: each host name has its own six HTTP/1.1 connections. */
  origins: string[]
  count: number
  withinMs: number
}

export interface BurstTimes {
  sessionId: string
  /** Date.now() when the first burst request left, the last left, and the last answer was read. */
  firstAt: number
  lastAt: number
  answeredAt: number
  statuses: number[]
}

/**
 * A Media Edge sessionStart (awaited, for its session ID), then `count` pings spread evenly over `withinMs`,
 * alternating fetch and XHR, without waiting for answers in between. Plain-text bodies keep every request a
 * CORS "simple" one: no preflight doubles the requests.
 */
export async function burst({ origins, count, withinMs }: Burst): Promise<BurstTimes> {
  const url = (origin: string, action: string): string => `${origin}/ee/va/v1/${action}?configId=bench`
  const body = (type: string, playhead: number, sessionId: string | null): string => {
    const mediaCollection: Record<string, unknown> = { playhead }
    if (sessionId === null) mediaCollection.sessionDetails = { name: 'ingest', friendlyName: 'ingest', playerName: 'bench', contentType: 'VOD', length: 3600, channel: 'bench', streamType: 'video' }
    else mediaCollection.sessionID = sessionId
    return JSON.stringify({ events: [{ xdm: { eventType: `media.${type}`, timestamp: new Date().toISOString(), mediaCollection } }] })
  }
  const started = await fetch(url(origins[0]!, 'sessionStart'), { method: 'POST', body: body('sessionStart', 0, null) })
  const json = (await started.json()) as { handle: Array<{ type: string; payload: Array<{ sessionId: string }> }> }
  const sessionId = json.handle.find((h) => h.type === 'media-analytics:new-session')!.payload[0]!.sessionId

  const viaFetch = async (target: string, text: string): Promise<number> => {
    const response = await fetch(target, { method: 'POST', body: text })
    await response.arrayBuffer()
    return response.status
  }
  const viaXhr = (target: string, text: string): Promise<number> =>
    new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest()
      xhr.open('POST', target)
      xhr.onload = () => resolve(xhr.status)
      xhr.onerror = () => reject(new Error('xhr failed'))
      xhr.send(text)
    })

  const firstAt = Date.now()
  const sent: Array<Promise<number>> = []
  for (let i = 0; i < count; i++) {
    const due = firstAt + (i * withinMs) / count
    if (Date.now() < due) await new Promise((wait) => setTimeout(wait, due - Date.now()))
    const target = url(origins[i % origins.length]!, 'ping')
    const text = body('ping', i + 1, sessionId)
    sent.push(i % 2 === 0 ? viaFetch(target, text) : viaXhr(target, text))
  }
  const lastAt = Date.now()
  const statuses = await Promise.all(sent)
  return { sessionId, firstAt, lastAt, answeredAt: Date.now(), statuses }
}
