/**
 * What runs inside the measured page. Serialized by Playwright, so self-contained: no imports, no closures.
 */

export interface FetchLoop {
  url: string
  count: number
  body: string
}

/**
 * `count` fetches one after another, each timed from the call until its response body has been read (as a
 * tracking library reads it); returns the latencies in ms.
 */
export async function fetchLoop({ url, count, body }: FetchLoop): Promise<number[]> {
  const latencies: number[] = []
  for (let i = 0; i < count; i++) {
    const started = performance.now()
    const response = await fetch(url, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } })
    await response.arrayBuffer()
    latencies.push(performance.now() - started)
  }
  return latencies
}
