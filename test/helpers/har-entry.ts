/** One HAR 1.2 entry as Chrome's DevTools export writes it, for fixture builders. */
import type { Entry, Har } from 'har-format'

export interface EntrySpec {
  method: 'GET' | 'POST'
  url: string
  /** ms since the epoch. */
  observedAt: number
  /** Request body: JSON-serialized unless it is a string. */
  body?: unknown
  status: number
  responseBody?: unknown
  /** The response had a body, but the capturing tool did not save it (size without text). */
  responseNotSaved?: boolean
  responseHeaders?: Array<{ name: string; value: string }>
}

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 201: 'Created', 204: 'No Content', 207: 'Multi-Status', 400: 'Bad Request', 404: 'Not Found', 410: 'Gone' }

export function harEntry(spec: EntrySpec): Entry {
  const text = spec.body === undefined ? undefined : typeof spec.body === 'string' ? spec.body : JSON.stringify(spec.body)
  const responseText = spec.responseBody === undefined || spec.responseBody === null ? undefined : JSON.stringify(spec.responseBody)
  const url = new URL(spec.url)
  return {
    startedDateTime: new Date(spec.observedAt).toISOString(),
    time: 42,
    request: {
      method: spec.method,
      url: spec.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: text === undefined ? [] : [{ name: 'Content-Type', value: 'application/json' }],
      queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
      ...(text === undefined ? {} : { postData: { mimeType: 'application/json', text } }),
      headersSize: -1,
      bodySize: text?.length ?? 0,
    },
    response: {
      status: spec.status,
      statusText: STATUS_TEXT[spec.status] ?? '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [...(responseText === undefined ? [] : [{ name: 'Content-Type', value: 'application/json' }]), ...(spec.responseHeaders ?? [])],
      content: spec.responseNotSaved
        ? { size: 512, mimeType: 'application/json' }
        : responseText === undefined
          ? { size: 0, mimeType: 'x-unknown' }
          : { size: responseText.length, mimeType: 'application/json', text: responseText },
      redirectURL: '',
      headersSize: -1,
      bodySize: responseText?.length ?? 0,
    },
    cache: {},
    timings: { send: 1, wait: 40, receive: 1 },
  }
}

export function har(entries: Entry[], comment?: string): Har {
  return { log: { version: '1.2', creator: { name: 'sessionscope-fixtures', version: '1' }, ...(comment ? { comment } : {}), pages: [], entries } }
}
