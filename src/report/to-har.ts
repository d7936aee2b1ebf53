/**
 * A capture log → HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) that Chrome DevTools can import
 * and `sessionscope lint` reads back to the same findings. Sessionscope's own data lives only in underscore
 * fields: per entry `_sessionscope` { protocol, sessionKey, events: [{ type, playhead, findings }] }, and
 * `log._sessionscope`: the JSON report, the moment the capture was taken up to, and the settings used. Pure.
 */
import type { Entry, Har, Header, QueryString } from 'har-format'
import { version } from '../../package.json'
import type { CapturedRequest, HttpHeader } from '../protocols/captured-request'
import { headerValue } from '../protocols/captured-request'
import { eventId } from '../protocols/tracking-event'
import type { EventResult } from '../session/engine'
import type { EngineSettings } from '../session/settings'
import type { Verdict } from '../session/replay'
import { replay } from '../session/replay'
import { groupBy } from './group-by'
import type { UserSettings } from '../session/user-settings'
import type { JsonReport } from './json-report'
import { toJsonReport } from './json-report'
import { redactCapture, redactText } from './redact'

/** How the capture sources saw a request, when they did (live captures; not HAR imports). */
interface CaptureProvenance {
  sources?: readonly string[]
  /** webRequest's resource type. */
  resourceType?: string
}

export interface HarExport {
  /** In capture order. */
  captures: readonly (CapturedRequest & CaptureProvenance)[]
  settings: EngineSettings
  userSettings: UserSettings
  /** The moment the capture covers up to (now, for a live tab): silent sessions are judged up to it. */
  observedUntil: number
  /** Secrets out (the default); false only on the user's explicit request. */
  redact: boolean
  /** Names the user treats as secrets besides the built-in ones, when redacting. */
  extraSecretNames?: readonly string[]
  /** Where the capture came from, for the HAR comment (a tab title, a file name). */
  source?: string
}

/** What `log._sessionscope` carries: the JSON report, plus what a reader needs to reproduce it. */
export interface HarReport extends JsonReport {
  observedUntil: string
  settings: UserSettings
  redacted: boolean
}

export function toHar(input: HarExport): { har: Har; report: JsonReport } {
  const extra = input.extraSecretNames ?? []
  // The report is judged on what the file holds: a finding's message can quote what it saw (a parse error quotes
  // the text, an error response its fields), so redacted captures give a report without secrets, and linting the
  // file gives the report it carries.
  const captures = input.captures.map((capture, index) => (input.redact ? redactCapture({ ...capture, seq: index }, extra) : { ...capture, seq: index }))
  const verdict = replay(captures, input.settings, input.observedUntil)
  const report = toJsonReport(verdict)
  const perCapture = findingsByCapture(verdict)
  // Grouped once, so each entry finds its events without scanning all of them (the export stays linear).
  const eventsOf = groupBy(verdict.events, (outcome) => outcome.event.origin.capture)
  const entries = captures.map((capture) => toEntry(capture, eventsOf.get(capture.seq) ?? [], perCapture))
  // The source is a tab's title or address, or a file name: an address can carry a token.
  const source = input.source && input.redact ? redactText(input.source, extra) : input.source
  const log: Har['log'] & { _sessionscope: HarReport } = {
    version: '1.2',
    creator: { name: 'Sessionscope', version },
    pages: [],
    entries,
    comment: `Exported by Sessionscope${source ? ` from ${source}` : ''}; ${input.redact ? 'secrets redacted' : 'NOT redacted: contains credentials and cookies'}.`,
    _sessionscope: { ...report, observedUntil: new Date(input.observedUntil).toISOString(), settings: input.userSettings, redacted: input.redact },
  }
  return { har: { log }, report }
}

function findingsByCapture(verdict: Verdict): Map<string, string[]> {
  const pinned = verdict.findings.filter((finding) => finding.at !== null)
  return groupBy(pinned, ({ at }) => (at!.ordinal === null ? `${at!.capture}:capture` : `${at!.capture}:${at!.ordinal}`), (finding) => finding.rule)
}

function toEntry(capture: CapturedRequest & CaptureProvenance, events: readonly EventResult[], findings: Map<string, string[]>): Entry {
  const first = events[0]
  const body = capture.requestBody
  const response = capture.response
  const responseText = response?.body?.text
  const entry: Entry & Record<`_${string}`, unknown> = {
    startedDateTime: new Date(capture.observedAt).toISOString(),
    time: 0,
    request: {
      method: capture.method,
      url: capture.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: harHeaders(capture.requestHeaders),
      queryString: queryString(capture.url),
      ...(body
        ? {
            postData: {
              mimeType: body.mimeType ?? headerValue(capture.requestHeaders, 'content-type') ?? 'application/octet-stream',
              text: body.text,
              ...(body.encoding ? { _encoding: body.encoding } : {}),
              ...(body.truncatedFrom !== undefined ? { _truncatedFrom: body.truncatedFrom } : {}),
            },
          }
        : {}),
      headersSize: -1,
      bodySize: body ? body.text.length : 0,
    },
    response: {
      status: response?.status ?? 0,
      statusText: response?.statusText ?? '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: harHeaders(response?.headers ?? []),
      content: {
        // -1: a body existed but was not captured; the importer then knows it was not visible.
        size: responseText === undefined ? (response?.status === 204 ? 0 : -1) : responseText.length,
        mimeType: (response && headerValue(response.headers, 'content-type')) ?? 'x-unknown',
        ...(responseText === undefined ? {} : { text: responseText }),
        ...(response?.body?.encoding ? { encoding: response.body.encoding } : {}),
        ...(response?.body?.truncatedFrom !== undefined ? { _truncatedFrom: response.body.truncatedFrom } : {}),
      },
      redirectURL: (response && response.status >= 300 && response.status < 400 && headerValue(response.headers, 'location')) || '',
      headersSize: -1,
      bodySize: -1,
      ...(response?.status === 0 && response.statusText ? { _error: response.statusText } : {}),
    },
    cache: {},
    timings: { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait: 0, receive: 0 },
    _sessionscope: {
      protocol: first?.event.protocol ?? null,
      sessionKey: first?.sessionKey ?? null,
      events: events.map((outcome) => ({ type: outcome.event.type, playhead: outcome.event.playhead, findings: findings.get(eventId(outcome.event.origin)) ?? [] })),
      findings: findings.get(`${capture.seq}:capture`) ?? [],
      responseSeen: response !== null,
      ...(capture.dropped !== undefined ? { dropped: capture.dropped } : {}),
      ...(capture.sources ? { sources: [...capture.sources] } : {}),
    },
  }
  const resourceType = resourceTypeOf(capture)
  if (resourceType) entry._resourceType = resourceType as Entry['_resourceType']
  if (capture.frames) {
    entry._webSocketMessages = capture.frames.map((frame) => ({
      type: frame.direction, time: frame.time / 1000, opcode: frame.opcode, data: frame.data,
      ...(frame.truncatedFrom !== undefined ? { _truncatedFrom: frame.truncatedFrom } : {}),
    }))
  }
  return entry
}

/**
 * webRequest's resource types of a beacon: Chrome calls it 'ping', Firefox 'beacon' (its 'ping' is an `<a ping>`).
 * Fetch and XHR are never one of them.
 */
export function isBeaconType(resourceType: string | undefined): boolean {
  return resourceType === 'ping' || resourceType === 'beacon'
}

/** Chrome's `_resourceType`, so DevTools files an imported beacon under Fetch/XHR or Ping, not Other. */
function resourceTypeOf(capture: CapturedRequest & CaptureProvenance): string | undefined {
  if (capture.frames) return 'websocket'
  const sources = capture.sources ?? []
  if (isBeaconType(capture.resourceType) || sources.includes('beacon')) return 'ping'
  if (sources.includes('xhr')) return 'xhr'
  if (sources.includes('fetch')) return 'fetch'
  if (capture.resourceType === 'xmlhttprequest') return 'fetch'
  return capture.resourceType
}

function harHeaders(list: readonly HttpHeader[]): Header[] {
  return list.map((header) => ({ name: header.name, value: header.value }))
}

function queryString(url: string): QueryString[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }))
  } catch {
    return []
  }
}
