/**
 * The design contract says a HAR export is "openable by Chrome DevTools' import". This proves it with the real
 * importer: the DevTools frontend that ships inside Debian's Chromium, opened headless by
 * `--auto-open-devtools-for-tabs`, reached over raw CDP (Playwright hides devtools:// targets).
 *
 * DevTools' Network panel imports a HAR file in `NetworkLogView.onLoadFromFile` (behind its "Import HAR file" button
 * and drag and drop) as: `new HAR.HARFormat.HARRoot(JSON.parse(text))`, which validates the structure and throws on
 * a malformed one, then `HAR.Importer.Importer.requestsFromHARLog(root.log)`, which builds one SDK.NetworkRequest per
 * entry, sorted by `startedDateTime`. Both live in devtools://devtools/bundled/models/har/har.js. The tests call
 * that pair directly, to read back every request it built, and also hand each export to the panel's own
 * `onLoadFromFile`, to check that the Network log ends up holding the imported requests and that DevTools
 * logged no "Failed to load HAR file" error.
 *
 * This depends on DevTools internals (module paths, class names, `Main.Main.instanceForTest`), which can change
 * with a Chromium update. When one of them has moved, the tests fail and the error names what is missing.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Entry, Har } from 'har-format'
import type { Browser, CDPSession } from 'playwright-core'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CapturedRequest } from '../../src/protocols/captured-request'
import { fromHar } from '../../src/report/from-har'
import { toHar } from '../../src/report/to-har'
import { DEFAULT_SETTINGS } from '../../src/session/settings'
import { DEFAULT_USER_SETTINGS } from '../../src/session/user-settings'
import { CHROMIUM, CHROMIUM_ARGS } from './harness/browser'

/** What the project always passes to Chromium, plus the switch that opens DevTools for every tab. */
const DEVTOOLS_ARGS = [...CHROMIUM_ARGS, '--auto-open-devtools-for-tabs']
const HAR_MODULE = 'devtools://devtools/bundled/models/har/har.js'
const DEVTOOLS_OPEN_TIMEOUT_MS = 20_000
const EVALUATE_TIMEOUT_MS = 30_000
const FIXTURES = resolve(import.meta.dirname, '../fixtures')

// ---------------------------------------------------------------------------------------------------------------
// The DevTools frontend over raw CDP

/** The DevTools frontend's page, reached through the browser's CDP session. */
interface DevToolsFrontend {
  url: string
  /** Evaluates `expression` in the DevTools page, awaiting a promise, and returns its value as JSON. */
  evaluate<T>(expression: string, timeoutMs?: number): Promise<T>
}

interface RemoteObject {
  type: string
  value?: unknown
  description?: string
}
interface EvaluateAnswer {
  id: number
  result?: { result: RemoteObject; exceptionDetails?: { text: string; exception?: RemoteObject } }
  error?: { message: string }
}

async function openDevToolsFrontend(cdp: CDPSession): Promise<DevToolsFrontend> {
  const deadline = Date.now() + DEVTOOLS_OPEN_TIMEOUT_MS
  let target: { targetId: string; url: string } | undefined
  let seen: string[] = []
  while (!target) {
    const { targetInfos } = await cdp.send('Target.getTargets')
    target = targetInfos.find((info) => info.url.startsWith('devtools://'))
    seen = targetInfos.map((info) => `${info.type} ${info.url}`)
    if (target) break
    if (Date.now() > deadline) {
      throw new Error(`DevTools did not open within ${DEVTOOLS_OPEN_TIMEOUT_MS / 1000} s: no devtools:// target among [${seen.join(', ')}]. Does ${CHROMIUM} honour --auto-open-devtools-for-tabs in headless mode?`)
    }
    await new Promise((wait) => setTimeout(wait, 100))
  }

  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })
  const pending = new Map<number, { resolve: (answer: EvaluateAnswer) => void; reject: (error: Error) => void }>()
  let nextId = 0
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return
    const answer = JSON.parse(event.message) as Partial<EvaluateAnswer>
    if (typeof answer.id !== 'number') return
    pending.get(answer.id)?.resolve(answer as EvaluateAnswer)
    pending.delete(answer.id)
  })
  cdp.on('Target.detachedFromTarget', (event) => {
    if (event.sessionId !== sessionId) return
    for (const waiting of pending.values()) waiting.reject(new Error('the DevTools frontend went away (its target detached)'))
    pending.clear()
  })

  return {
    url: target.url,
    async evaluate<T>(expression: string, timeoutMs = EVALUATE_TIMEOUT_MS): Promise<T> {
      const id = ++nextId
      let timer: ReturnType<typeof setTimeout> | undefined
      const answered = new Promise<EvaluateAnswer>((resolve, reject) => {
        pending.set(id, { resolve, reject })
        timer = setTimeout(() => {
          pending.delete(id)
          reject(new Error(`the DevTools frontend did not answer within ${timeoutMs / 1000} s: ${expression.slice(0, 120)}…`))
        }, timeoutMs)
      })
      try {
        const params = { expression, awaitPromise: true, returnByValue: true }
        await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.evaluate', params }) })
        const answer = await answered
        if (answer.error) throw new Error(`Runtime.evaluate failed in DevTools: ${answer.error.message}`)
        const details = answer.result?.exceptionDetails
        if (details) throw new Error(`DevTools threw: ${details.exception?.description ?? details.text}`)
        return answer.result?.result.value as T
      } finally {
        clearTimeout(timer)
        pending.delete(id)
      }
    },
  }
}

// ---------------------------------------------------------------------------------------------------------------
// What runs inside DevTools. Plain JavaScript source, sent as text: it must not depend on how vitest compiles this file.

/** What the tests read back from one SDK.NetworkRequest that the importer built. */
interface ImportedRequest {
  url: string
  method: string
  status: number
  statusText: string
  /** `requestFormData()`: the request body DevTools shows as the payload. */
  requestBody: string | null
  requestHeaders: Array<{ name: string; value: string }>
  responseHeaders: Array<{ name: string; value: string }>
  /** The response body DevTools shows: text, or base64 for binary content. */
  responseBody: { text: string } | { base64: string } | { error: string }
  resourceType: string
  /** Seconds since the epoch. */
  issueTime: number
  frames: Array<{ type: string; time: number; opCode: number; text: string }>
  isImportedHar: boolean
  finished: boolean
}

type ImportResult = { ok: true; requests: ImportedRequest[] } | { ok: false; stage: 'JSON.parse' | 'HARRoot' | 'requestsFromHARLog'; error: string }

/** The HAR module, with a clear error when this Chromium's DevTools has moved or renamed it. */
const LOAD_HAR_MODULE = `async () => {
  let har
  try { har = await import(${JSON.stringify(HAR_MODULE)}) } catch (error) { throw new Error('DevTools has no HAR module at ${HAR_MODULE}: ' + error) }
  if (typeof har.HARFormat?.HARRoot !== 'function' || typeof har.Importer?.Importer?.requestsFromHARLog !== 'function') {
    throw new Error('${HAR_MODULE} exports [' + Object.keys(har) + '] but not HARFormat.HARRoot and Importer.Importer.requestsFromHARLog')
  }
  return har
}`

/** One SDK.NetworkRequest → ImportedRequest (the DevTools accessors the Network panel itself uses). */
const DESCRIBE_REQUEST = `async (request) => {
  const pairs = (list) => list.map((header) => ({ name: header.name, value: header.value }))
  let responseBody
  try {
    const content = await request.requestContentData()
    if ('error' in content) responseBody = { error: String(content.error) }
    else responseBody = content.isTextContent ? { text: content.text } : { base64: content.base64 }
  } catch (error) {
    responseBody = { error: String(error) }
  }
  return {
    url: request.url(),
    method: request.requestMethod,
    status: request.statusCode,
    statusText: request.statusText,
    requestBody: await request.requestFormData(),
    requestHeaders: pairs(request.requestHeaders()),
    responseHeaders: pairs(request.responseHeaders),
    responseBody,
    resourceType: request.resourceType().name(),
    issueTime: request.issueTime(),
    frames: request.frames().map((frame) => ({ type: frame.type, time: frame.time, opCode: frame.opCode, text: frame.text })),
    isImportedHar: request.isImportedHar(),
    finished: request.finished,
  }
}`

/** What the Network panel's onLoadFromFile does with the file's text, step by step, reading back what was built. */
function importExpression(harText: string): string {
  return `(async (text) => {
    const har = await (${LOAD_HAR_MODULE})()
    const describe = ${DESCRIBE_REQUEST}
    let json, root, requests
    try { json = JSON.parse(text) } catch (error) { return { ok: false, stage: 'JSON.parse', error: String(error) } }
    try { root = new har.HARFormat.HARRoot(json) } catch (error) { return { ok: false, stage: 'HARRoot', error: String(error) } }
    try { requests = har.Importer.Importer.requestsFromHARLog(root.log) } catch (error) { return { ok: false, stage: 'requestsFromHARLog', error: String(error) } }
    return { ok: true, requests: await Promise.all(requests.map(describe)) }
  })(${JSON.stringify(harText)})`
}

interface PanelImport {
  /** The requests the Network log holds after the import (DevTools' importRequests replaces the log). */
  urls: string[]
  allImported: boolean
  /** Console messages DevTools logged during the import ("Failed to load HAR file with following error: …"). */
  errors: string[]
}

/** The Network panel's own import (what its "Import HAR file" button and drag and drop call), as a user would. */
function panelImportExpression(harText: string, fileName: string): string {
  return `(async (text, fileName) => {
    const deadline = Date.now() + 20000
    while (!globalThis.Main?.Main?.instanceForTest) {
      if (Date.now() > deadline) throw new Error('the DevTools app did not start: no Main.Main.instanceForTest after 20 s')
      await new Promise((wait) => setTimeout(wait, 50))
    }
    await globalThis.Main.Main.instanceForTest.readyForTest()
    const [UI, Network, Logs, Common] = await Promise.all([
      import('devtools://devtools/bundled/ui/legacy/legacy.js'),
      import('devtools://devtools/bundled/panels/network/network.js'),
      import('devtools://devtools/bundled/models/logs/logs.js'),
      import('devtools://devtools/bundled/core/common/common.js'),
    ])
    await UI.ViewManager.ViewManager.instance().showView('network')
    const view = Network.NetworkPanel.NetworkPanel.instance().networkLogView
    if (typeof view?.onLoadFromFile !== 'function') throw new Error('the Network panel has no networkLogView.onLoadFromFile')
    const messages = Common.Console.Console.instance()
    const before = messages.messages().length
    Logs.NetworkLog.NetworkLog.instance().importRequests([])
    await view.onLoadFromFile(new File([text], fileName, { type: 'application/json' }))
    const requests = Logs.NetworkLog.NetworkLog.instance().requests()
    return {
      urls: requests.map((request) => request.url()),
      allImported: requests.every((request) => request.isImportedHar()),
      errors: messages.messages().slice(before).filter((message) => message.level === 'error').map((message) => message.text),
    }
  })(${JSON.stringify(harText)}, ${JSON.stringify(fileName)})`
}

// ---------------------------------------------------------------------------------------------------------------
// The exports under test

/** Secrets in the synthetic capture: an unredacted export keeps them, a redacted one must not. */
const SECRET_TOKEN = 's3cr3t-ws-token-4711'
const SECRET_PASSWORD = 'hunter2-do-not-leak'
const JWT_SIGNATURE = 'c2lnbmF0dXJlLW11c3QtZ28'
const JWT = `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ2aWV3ZXIiLCJleHAiOjE3Njg0NDYwMDB9.${JWT_SIGNATURE}`

/**
 * A Chrome-style HAR with what the Adobe fixtures lack: a WebSocket with text and binary frames, secrets for
 * redaction to remove (a token in a URL, an Authorization header, a JWT, secret JSON fields), a base64 response
 * body, a request that never got a response (Sessionscope's `responseSeen: false`), and one that failed.
 */
function syntheticHar(): Har {
  const base = (startedDateTime: string, request: Partial<Entry['request']>, response: Partial<Entry['response']>, extra: Record<string, unknown> = {}): Entry => ({
    startedDateTime,
    time: 12,
    request: { method: 'GET', url: '', httpVersion: 'HTTP/1.1', cookies: [], headers: [], queryString: [], headersSize: -1, bodySize: 0, ...request },
    response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', cookies: [], headers: [], content: { size: 0, mimeType: 'x-unknown' }, redirectURL: '', headersSize: -1, bodySize: -1, ...response },
    cache: {},
    timings: { send: 0, wait: 10, receive: 2 },
    ...extra,
  })
  const entries: Entry[] = [
    base(
      '2026-01-15T02:00:00.000Z',
      {
        method: 'POST',
        url: 'https://api.example.test/v1/login?client=web',
        headers: [{ name: 'Content-Type', value: 'application/json' }, { name: 'Authorization', value: `Bearer ${JWT}` }],
        postData: { mimeType: 'application/json', text: JSON.stringify({ user: 'viewer', password: SECRET_PASSWORD }) },
      },
      {
        headers: [{ name: 'Content-Type', value: 'application/json' }],
        content: { size: 80, mimeType: 'application/json', text: JSON.stringify({ accessToken: JWT, expiresIn: 3600 }) },
      },
    ),
    base(
      '2026-01-15T02:00:01.000Z',
      {
        url: `wss://realtime.example.test/socket?token=${SECRET_TOKEN}&v=2`,
        headers: [{ name: 'Upgrade', value: 'websocket' }, { name: 'Connection', value: 'Upgrade' }],
      },
      { status: 101, statusText: 'Switching Protocols', headers: [{ name: 'Upgrade', value: 'websocket' }] },
      {
        _resourceType: 'websocket',
        _webSocketMessages: [
          { type: 'send', time: 1768442401.25, opcode: 1, data: JSON.stringify({ op: 'auth', password: SECRET_PASSWORD }) },
          { type: 'receive', time: 1768442401.5, opcode: 1, data: JSON.stringify({ op: 'welcome', session: 'abc' }) },
          { type: 'receive', time: 1768442402, opcode: 2, data: 'AAECAwQ=' },
        ],
      },
    ),
    base(
      '2026-01-15T02:00:02.000Z',
      { url: 'https://cdn.example.test/pixel.gif' },
      { headers: [{ name: 'Content-Type', value: 'image/gif' }], content: { size: 35, mimeType: 'image/gif', text: 'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', encoding: 'base64' } },
    ),
    base(
      '2026-01-15T02:00:03.000Z',
      { method: 'POST', url: 'https://api.example.test/v1/events', postData: { mimeType: 'text/plain', text: 'still in flight' }, bodySize: 15 },
      { status: 0, statusText: '' },
      { _sessionscope: { responseSeen: false } },
    ),
    base('2026-01-15T02:00:04.000Z', { url: 'https://ads.example.test/track' }, { status: 0, statusText: 'net::ERR_BLOCKED_BY_CLIENT' }),
  ]
  return { log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } }
}

interface Source {
  name: string
  captures: CapturedRequest[]
  observedUntil: number
}

function fixture(path: string): Source {
  const { captures, observedUntil } = fromHar(readFileSync(resolve(FIXTURES, path), 'utf8'))
  return { name: path, captures, observedUntil: observedUntil ?? captures.at(-1)?.observedAt ?? 0 }
}

function synthetic(): Source {
  const { captures, observedUntil } = fromHar(syntheticHar())
  return { name: 'synthetic WebSocket, secrets and failures', captures, observedUntil: observedUntil ?? 0 }
}

const SOURCES: Source[] = [
  fixture('adobe-media-edge/event-after-session-end.har'),
  fixture('adobe-media-collection/f1-view-to-end.har'),
  fixture('adobe-heartbeat/vod-no-ads-form-post.har'),
  synthetic(),
]

interface Export {
  title: string
  source: Source
  redact: boolean
  har: Har
  text: string
}

const EXPORTS: Export[] = SOURCES.flatMap((source) =>
  [false, true].map((redact) => {
    const { har } = toHar({ captures: source.captures, settings: DEFAULT_SETTINGS, userSettings: DEFAULT_USER_SETTINGS, observedUntil: source.observedUntil, redact, source: source.name })
    return { title: `${source.name} (${redact ? 'redacted' : 'not redacted'})`, source, redact, har, text: JSON.stringify(har, null, 2) }
  }),
)

/** The importer orders requests by startedDateTime (a stable sort); so does the expectation. */
function inImportOrder<T extends { startedDateTime: string }>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => Date.parse(a.startedDateTime) - Date.parse(b.startedDateTime))
}

type ChromeEntry = Entry & { _webSocketMessages?: Array<{ type: string; time: number; opcode: number; data: string }> }

/** What DevTools must show for one entry of our export. */
function expected(entry: ChromeEntry): Omit<ImportedRequest, 'finished' | 'isImportedHar'> {
  const content = entry.response.content
  return {
    url: entry.request.url,
    method: entry.request.method,
    status: entry.response.status,
    statusText: entry.response.statusText,
    requestBody: entry.request.postData?.text ?? null,
    requestHeaders: entry.request.headers.map(({ name, value }) => ({ name, value })),
    responseHeaders: entry.response.headers.map(({ name, value }) => ({ name, value })),
    responseBody: expectedBody(content),
    resourceType: entry._webSocketMessages ? 'websocket' : expect.any(String),
    issueTime: Date.parse(entry.startedDateTime) / 1000,
    frames: (entry._webSocketMessages ?? []).map((message) => ({ type: message.type, time: message.time, opCode: message.opcode, text: message.data })),
  }
}

/** DevTools shows text content as text (decoding base64 first) and binary content as base64. */
function expectedBody(content: Entry['response']['content']): ImportedRequest['responseBody'] {
  const text = content.text ?? ''
  if (content.encoding !== 'base64') return { text }
  return /^(text\/|application\/(json|javascript|xml)\b)/.test(content.mimeType) ? { text: Buffer.from(text, 'base64').toString('utf8') } : { base64: text }
}

// ---------------------------------------------------------------------------------------------------------------

let browser: Browser | undefined
let devtools: DevToolsFrontend
const imports = new Map<Export, ImportResult>()

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: DEVTOOLS_ARGS, timeout: 30_000 })
  // DevTools opens for a tab: give it one.
  await (await browser.newContext()).newPage()
  devtools = await openDevToolsFrontend(await browser.newBrowserCDPSession())
  for (const exported of EXPORTS) imports.set(exported, await devtools.evaluate<ImportResult>(importExpression(exported.text)))
})

afterAll(async () => {
  await browser?.close()
})

function imported(exported: Export): ImportedRequest[] {
  const result = imports.get(exported)
  if (!result) throw new Error(`${exported.title} was not imported`)
  if (!result.ok) throw new Error(`DevTools' importer rejected ${exported.title} in ${result.stage}: ${result.error}`)
  return result.requests
}

describe("Sessionscope's HAR export in Chrome DevTools' own HAR importer", () => {
  it('has a synthetic source with WebSocket frames, and no fixture capture lost on the way in', () => {
    expect(devtools.url).toMatch(/^devtools:\/\/devtools\/bundled\//)
    const socket = SOURCES.at(-1)!.captures.find((capture) => capture.frames)
    expect(socket?.frames).toHaveLength(3)
    for (const { source, har } of EXPORTS) expect(har.log.entries).toHaveLength(source.captures.length)
  })

  it.each(EXPORTS.map((exported) => [exported.title, exported] as const))('imports %s: one request per entry, as exported', (_title, exported) => {
    const requests = imported(exported)
    const entries = inImportOrder(exported.har.log.entries as ChromeEntry[])
    expect(requests).toHaveLength(entries.length)
    requests.forEach((request, index) => {
      expect(request, `request ${index}`).toEqual({ ...expected(entries[index]!), isImportedHar: true, finished: true })
    })
  })

  it.each(SOURCES.map((source) => [source.name, source] as const))('%s: DevTools shows the captured URL, method, status, body and frames', (_name, source) => {
    const requests = imported(EXPORTS.find((exported) => exported.source === source && !exported.redact)!)
    const captures = inImportOrder(source.captures.map((capture) => ({ capture, startedDateTime: new Date(capture.observedAt).toISOString() })))
    expect(requests.map((request) => ({ url: request.url, method: request.method, status: request.status, body: request.requestBody, frames: request.frames.map((frame) => [frame.type, frame.opCode, frame.text]) }))).toEqual(
      captures.map(({ capture }) => ({
        url: capture.url,
        method: capture.method,
        status: capture.response?.status ?? 0,
        body: capture.requestBody?.text ?? null,
        frames: (capture.frames ?? []).map((frame) => [frame.direction, frame.opcode, frame.data]),
      })),
    )
  })

  it('restores WebSocket frames, text and binary, with their direction and time', () => {
    const requests = imported(EXPORTS.find((exported) => exported.source === SOURCES.at(-1) && !exported.redact)!)
    const socket = requests.find((request) => request.url.startsWith('wss://'))
    expect(socket?.resourceType).toBe('websocket')
    expect(socket?.status).toBe(101)
    expect(socket?.frames).toEqual([
      { type: 'send', time: 1768442401.25, opCode: 1, text: JSON.stringify({ op: 'auth', password: SECRET_PASSWORD }) },
      { type: 'receive', time: 1768442401.5, opCode: 1, text: JSON.stringify({ op: 'welcome', session: 'abc' }) },
      { type: 'receive', time: 1768442402, opCode: 2, text: 'AAECAwQ=' },
    ])
  })

  it('shows a request without a response as status 0, and a failed one with its error', () => {
    const requests = imported(EXPORTS.find((exported) => exported.source === SOURCES.at(-1) && !exported.redact)!)
    expect(requests.find((request) => request.url.endsWith('/v1/events'))).toMatchObject({ status: 0, statusText: '', requestBody: 'still in flight' })
    expect(requests.find((request) => request.url.endsWith('/track'))).toMatchObject({ status: 0, statusText: 'net::ERR_BLOCKED_BY_CLIENT' })
  })

  it('shows no secret from a redacted export, and all of them from an unredacted one', () => {
    const [plain, redacted] = [false, true].map((redact) => JSON.stringify(imported(EXPORTS.find((exported) => exported.source === SOURCES.at(-1) && exported.redact === redact)!)))
    for (const secret of [SECRET_TOKEN, SECRET_PASSWORD, JWT_SIGNATURE]) {
      expect(plain).toContain(secret)
      expect(redacted).not.toContain(secret)
    }
  })

  it("the Network panel's own Import HAR loads every export into the Network log without an error", async () => {
    for (const exported of EXPORTS) {
      const result = await devtools.evaluate<PanelImport>(panelImportExpression(exported.text, 'sessionscope.har'))
      expect(result.errors, exported.title).toEqual([])
      expect(result.allImported, exported.title).toBe(true)
      expect(result.urls, exported.title).toEqual(inImportOrder(exported.har.log.entries).map((entry) => entry.request.url))
    }
  })
})

describe('negative controls: the same check fails on a broken export', () => {
  /** The first redacted Media Edge export, broken by `mutate`. */
  function broken(mutate: (entry: Record<string, unknown>) => void): string {
    const har = structuredClone(EXPORTS.find((exported) => exported.redact)!.har)
    mutate(har.log.entries[0] as unknown as Record<string, unknown>)
    return JSON.stringify(har)
  }

  it.each([
    ['request removed', (entry: Record<string, unknown>) => delete entry.request, 'First parameter is expected to be an object'],
    ['response removed', (entry: Record<string, unknown>) => delete entry.response, 'First parameter is expected to be an object'],
    ['timings removed', (entry: Record<string, unknown>) => delete entry.timings, 'First parameter is expected to be an object'],
    ['startedDateTime unreadable', (entry: Record<string, unknown>) => void (entry.startedDateTime = 'yesterday'), 'Invalid date format'],
    ['time not a number', (entry: Record<string, unknown>) => void (entry.time = 'soon'), 'Casting to number results in NaN'],
  ])('with entries[0] %s, HARRoot rejects the whole file', async (_what, mutate, message) => {
    const result = await devtools.evaluate<ImportResult>(importExpression(broken(mutate)))
    expect(result).toEqual({ ok: false, stage: 'HARRoot', error: `Error: ${message}` })
  })

  it('with entries[0] request removed, the Network panel logs "Failed to load HAR file" and imports nothing', async () => {
    const result = await devtools.evaluate<PanelImport>(panelImportExpression(broken((entry) => delete entry.request), 'broken.har'))
    expect(result.errors).toEqual(['Failed to load HAR file with following error: Error: First parameter is expected to be an object'])
    expect(result.urls).toEqual([])
  })
})
