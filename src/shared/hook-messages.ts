/**
 * The wire format between the page hook (MAIN world) and the relay (isolated world), and its schema.
 *
 * The two share a MessagePort that page scripts never see: at document_start, before any page script, the
 * relay offers a port in a cancelable RELAY_PORT_EVENT and the hook takes it by cancelling the event. Whichever
 * is injected first waits for the other (the hook announces itself with HOOK_READY_EVENT). A page can
 * dispatch both events later but gets nothing: the relay offers only until the hook holds the port, and
 * offers again at most once. The schema is still checked in the relay and in the worker, and the worker takes
 * tab and frame only from the browser's sender, so even a frame without the hook can at worst report
 * requests into its own tab.
 *
 * The hook does as little as it can in the page's world, where a page could watch it: it asks the relay which
 * URLs and frames are tracking (events dispatched on the shared port, answered at once by cancelling them) and
 * posts what it saw as it found it (HookReport). The relay, in the extension's own world, turns each report into
 * the HookMessage the worker takes (hook-reports.ts).
 */
import * as v from 'valibot'

/** The hook, announcing itself to a relay injected before it. */
export const HOOK_READY_EVENT = '__sessionscope_hook_ready__'
/** The relay, offering its port (`event.ports[0]`); cancelled by the hook that takes it. */
export const RELAY_PORT_EVENT = '__sessionscope_relay_port__'

/**
 * The hook → relay question "is this URL tracking?", dispatched on the port the hook holds: `detail` is the URL
 * as the page gave it; the relay cancels the event when it is. Page scripts never hold the port, so never see it.
 */
export const TRACKED_URL_QUERY = 'tracked-url'
/** The same for a WebSocket frame of a socket not tracked by URL: `detail` is the text frame. */
export const TRACKED_FRAME_QUERY = 'tracked-frame'

/** The hook captures at most this many characters of a body (bytes, for binary) and says how long it really was. */
export const MAX_BODY_CHARS = 1024 * 1024

/** Longest URL the hook forwards (webRequest still reports longer ones). */
export const MAX_URL_CHARS = 100_000
/** The hook cuts response status texts and headers to these before posting, so real responses always pass. */
export const MAX_STATUS_TEXT_CHARS = 1024
export const MAX_HEADERS = 500
export const MAX_HEADER_NAME_CHARS = 1024
export const MAX_HEADER_VALUE_CHARS = 16_384
/** Frame data the relay forwards per socket (socket-budget.ts); the worker keeps as much (background/drops.ts). */
export const MAX_SOCKET_CHARS = 8 * 1024 * 1024
/** The most reports one batch carries; the relay sends a full batch at once. */
export const MAX_BATCH_MESSAGES = 256
const MAX_ID_CHARS = 200
/** Base64 of MAX_BODY_CHARS bytes. */
const MAX_BASE64_CHARS = Math.ceil(MAX_BODY_CHARS / 3) * 4
/** Year 9999: any page clock within reason. */
const MAX_TIME = 253_402_300_799_999
/** What the worker keeps of a status text. */
const KEPT_STATUS_TEXT_CHARS = 200

/*
 * The schemas: a hostile page can post anything, so each field is checked for type and size, unknown kinds and
 * extra properties are refused, and what a parse returns is a copy holding only the schema's fields. The types
 * below are inferred from them.
 */

/**
 * JSON and structured clones give plain objects with enumerable string keys; anything else (a class instance, an
 * array, a symbol key, a prototype carrying the fields) is refused before a field is read. A `__proto__` key from
 * JSON.parse is an own key, which each strictObject then refuses like any key it does not declare.
 */
const plain = v.custom<Record<string, unknown>>((value) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value) as unknown
  if (proto !== Object.prototype && proto !== null) return false
  return Reflect.ownKeys(value).every((key) => typeof key === 'string' && Object.prototype.propertyIsEnumerable.call(value, key))
})

// The page hook imports this module's constants: schema makers marked free of side effects leave valibot out of it.
/* @__NO_SIDE_EFFECTS__ */
function shortString(max: number) {
  return v.pipe(v.string(), v.maxLength(max))
}

/* @__NO_SIDE_EFFECTS__ */
function integer(min: number, max: number) {
  return v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max))
}

/* @__NO_SIDE_EFFECTS__ */
function url(scheme: RegExp) {
  return v.pipe(shortString(MAX_URL_CHARS), v.regex(scheme), v.check(isUrl))
}

function isUrl(text: string): boolean {
  try {
    new URL(text)
    return true
  } catch {
    return false
  }
}

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_ID_CHARS))
/** Page clock, ms since the epoch. */
const time = v.pipe(v.number(), v.minValue(0), v.maxValue(MAX_TIME))
/** An HTTP method token, upper-cased as the hook sends it. */
const method = v.pipe(v.string(), v.regex(/^[A-Z][A-Z0-9_-]{0,31}$/))
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/** A body or frame payload: text up to MAX_BODY_CHARS, or base64 of up to MAX_BODY_CHARS bytes. */
function isPayload(payload: string, base64: boolean): boolean {
  return base64 ? payload.length <= MAX_BASE64_CHARS && payload.length % 4 === 0 && BASE64.test(payload) : payload.length <= MAX_BODY_CHARS
}

/** Absent, or the whole length of a payload that was cut: longer than what was kept (bytes, for base64). */
function isTruncatedFrom(value: number | undefined, payload: string, base64: boolean): boolean {
  const kept = base64 ? (payload.length / 4) * 3 - (payload.endsWith('==') ? 2 : payload.endsWith('=') ? 1 : 0) : payload.length
  return value === undefined || (value > kept && value <= Number.MAX_SAFE_INTEGER)
}

/** Original length when the payload was cut at MAX_BODY_CHARS (checked against the payload by its object). */
const truncatedFrom = v.optional(integer(1, Number.MAX_SAFE_INTEGER))

const bodySchema = v.nullable(v.pipe(
  plain,
  v.strictObject({
    text: v.string(),
    encoding: v.optional(v.literal('base64')),
    truncatedFrom,
  }),
  v.check((body) => isPayload(body.text, body.encoding === 'base64') && isTruncatedFrom(body.truncatedFrom, body.text, body.encoding === 'base64')),
))

const headerPairs = v.pipe(
  v.array(v.strictTuple([shortString(MAX_HEADER_NAME_CHARS), shortString(MAX_HEADER_VALUE_CHARS)])),
  v.maxLength(MAX_HEADERS),
)

const requestSchema = v.strictObject({
  kind: v.literal('request'),
  /** Unique within the page's document. */
  id,
  via: v.picklist(['fetch', 'xhr', 'beacon']),
  url: url(/^https?:\/\//i),
  method,
  body: bodySchema,
  time,
})

const responseSchema = v.strictObject({
  kind: v.literal('response'),
  id,
  /** 0: the request failed without a response. */
  status: integer(0, 999),
  statusText: v.pipe(shortString(MAX_STATUS_TEXT_CHARS), v.transform((text) => text.slice(0, KEPT_STATUS_TEXT_CHARS))),
  headers: headerPairs,
  body: bodySchema,
})

/** A WebSocket the hook follows: tracked by URL from the start, or from its first frame that looks like tracking. */
const socketOpenSchema = v.strictObject({
  kind: v.literal('ws-open'),
  id,
  url: url(/^wss?:\/\//i),
  time,
})

const socketFrameSchema = v.strictObject({
  kind: v.literal('ws-frame'),
  id,
  direction: v.picklist(['send', 'receive']),
  /** 1 = text, 2 = binary (data base64). */
  opcode: v.picklist([1, 2]),
  data: v.string(),
  /**
   * Original length when `data` was cut at MAX_BODY_CHARS, or left out (`data` '') because the socket had relayed
   * MAX_SOCKET_CHARS already: the worker keeps no more of such a socket, and counts the frame as dropped.
   */
  truncatedFrom,
  time,
})

const hookMessageSchema = v.pipe(
  plain,
  v.variant('kind', [requestSchema, responseSchema, socketOpenSchema, socketFrameSchema]),
  v.check((m) => m.kind !== 'ws-frame' || (isPayload(m.data, m.opcode === 2) && isTruncatedFrom(m.truncatedFrom, m.data, m.opcode === 2))),
)

/** Relay → worker: one report (what a relay sent before batching; still accepted). */
const relayMessageSchema = v.pipe(plain, v.strictObject({ type: v.literal('hook'), message: hookMessageSchema }))

/**
 * Relay → worker: the reports of one short window, in the order the hook posted them. One runtime message per
 * window instead of one per report: each crosses two processes, and a burst of requests sent thousands. Each
 * report is checked on its own (parseRelayBatch), so one bad report costs only itself.
 */
const relayBatchSchema = v.pipe(plain, v.strictObject({
  type: v.literal('hook-batch'),
  messages: v.pipe(v.array(v.unknown()), v.maxLength(MAX_BATCH_MESSAGES)),
}))

export type HookVia = HookRequest['via']
export type HookBody = NonNullable<v.InferOutput<typeof bodySchema>>
export type HookRequest = v.InferOutput<typeof requestSchema>
export type HookResponse = v.InferOutput<typeof responseSchema>
export type HookSocketOpen = v.InferOutput<typeof socketOpenSchema>
export type HookSocketFrame = v.InferOutput<typeof socketFrameSchema>
export type HookMessage = v.InferOutput<typeof hookMessageSchema>
export type RelayMessage = v.InferOutput<typeof relayMessageSchema>
export type RelayBatch = { type: 'hook-batch'; messages: HookMessage[] }

/**
 * A body as the page hook found it, cut at MAX_BODY_CHARS. `total` is its whole length (characters for text,
 * bytes for bytes), or at least what was read of it when the hook stopped reading a longer stream. `bytes` holds
 * `kept` bytes from its start (the buffer may be longer). `json` is an XHR's parsed `response`; `form` the
 * name/value pairs of a FormData, flat.
 */
export type RawBody =
  | { kind: 'text'; text: string; total: number }
  | { kind: 'bytes'; bytes: ArrayBuffer; kept: number; total: number }
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; pairs: string[] }

/**
 * Hook → relay: what the hook saw, before the relay makes it a HookMessage. URLs are as the page gave them
 * (the relay resolves them against the document), methods as written, and response headers as lines of
 * `name: value`.
 */
export type HookReport =
  | { kind: 'request'; id: string; via: HookVia; url: string; method: string; body: RawBody | null; time: number }
  | { kind: 'response'; id: string; status: number; statusText: string; headers: string; body: RawBody | null }
  | { kind: 'ws-open'; id: string; url: string; time: number }
  | { kind: 'ws-frame'; id: string; direction: 'send' | 'receive'; body: RawBody; time: number }

/**
 * `value` read by `schema`: its copy holding only the schema's fields, or null. Never throws: only an exotic
 * object (a proxy, a getter) can, and JSON and structured clones cannot carry one.
 */
function parsed<T>(schema: v.GenericSchema<unknown, T>, value: unknown): T | null {
  try {
    const result = v.safeParse(schema, value, { abortEarly: true })
    return result.success ? result.output : null
  } catch {
    return null
  }
}

/** Returns the message if `value` is a well-formed HookMessage, else null. Never throws. */
export function parseHookMessage(value: unknown): HookMessage | null {
  return parsed(hookMessageSchema, value)
}

/** The relay's envelope, exactly `{ type: 'hook', message }` with a valid message; null for anything else. */
export function parseRelayMessage(value: unknown): RelayMessage | null {
  return parsed(relayMessageSchema, value)
}

/**
 * The relay's batch, exactly `{ type: 'hook-batch', messages }` with at most MAX_BATCH_MESSAGES entries; null for
 * anything else. Each entry is checked on its own, and only the valid ones are kept, in order.
 */
export function parseRelayBatch(value: unknown): RelayBatch | null {
  const batch = parsed(relayBatchSchema, value)
  if (batch === null) return null
  const messages: HookMessage[] = []
  for (const entry of batch.messages) {
    const message = parseHookMessage(entry)
    if (message !== null) messages.push(message)
  }
  return { type: 'hook-batch', messages }
}
